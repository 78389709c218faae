/** What the intake forms show: their defaults, or what was posted (kept as typed when refused). */
import type { SessionUser } from '../platform/auth/session-user';
import { isId } from '../platform/auth/guards';
import { localToday } from '../platform/dates';
import { postedText } from '../platform/forms';

const TEXT_FIELDS = [
  'structure_mode',
  'organisation_id',
  'new_name',
  'new_siret',
  'new_legal_form',
  'new_city',
  'new_department',
  'contact_name',
  'contact_role',
  'contact_email',
  'contact_phone',
  'received_on',
  'channel',
  'referred_by',
  'eligibility_notes',
  'owner_id',
] as const;

type Body = Record<string, unknown> | undefined;

/** Several checkboxes of one name, as posted. */
const postedList = (v: unknown) =>
  (Array.isArray(v) ? v : [v]).filter((x): x is string => typeof x === 'string').map((x) => x.slice(0, 200));

/** A new request: received today, by phone, owned by whoever records it; a structure given in the address is picked. */
export function intakeFormValues(user: SessionUser, query: Record<string, unknown>) {
  const picked = isId(query.organisation_id) ? query.organisation_id : '';
  return {
    structure_mode: query.structure_mode === 'new' ? 'new' : 'existing',
    organisation_id: picked,
    received_on: localToday(),
    channel: 'phone',
    owner_id: user.id,
    eligibility_met: [] as string[],
  };
}

export function postedIntake(body: Body): Record<string, unknown> {
  const values: Record<string, unknown> = Object.fromEntries(TEXT_FIELDS.map((f) => [f, postedText(body?.[f])]));
  values.need = postedText(body?.need, 4000);
  values.eligibility_notes = postedText(body?.eligibility_notes, 4000);
  values.eligibility_met = postedList(body?.eligibility_met);
  return values;
}

export function outcomeFormValues(body?: Body) {
  return {
    outcome: postedText(body?.outcome),
    outcome_on: body ? postedText(body.outcome_on) : localToday(),
    outcome_partner: postedText(body?.outcome_partner),
    outcome_reason: postedText(body?.outcome_reason, 4000),
  };
}

export function reopenFormValues(body?: Body) {
  return {
    reopened_on: body ? postedText(body.reopened_on) : localToday(),
    reopen_reason: postedText(body?.reopen_reason, 4000),
  };
}
