/**
 * The provider base's workflows (the only writers of provider_profiles and provider_consultants; the
 * listing's status moves through lifecycle.ts). Each takes the write context and plain data, so a
 * route, a job or the CLI calls it the same way.
 */
import { DateRefused } from '../platform/dates';
import type { MessageKey } from '../platform/i18n';
import { saveAtVersion } from '../platform/locking';
import type { WriteContext } from '../platform/write';
import { applyListingTransition, openListing } from './lifecycle';
import { unknownCodes } from './queries';
import type { ConsultantInput, ListingInput, ProfileInput } from './schemas';

/** A field the command refused (a code not in the national list, a missing date): said next to it. */
export class ProviderFieldRefused extends Error {
  constructor(
    readonly field: string,
    readonly key: MessageKey,
    readonly params: Record<string, string> = {},
  ) {
    super(key);
  }
}

type Provider = { id: string; name: string; has_profile: boolean; themes: string[]; sectors: string[] };

/** Refuses codes that are not items of the national list (unless the record already held them). */
async function checkCodes(w: WriteContext, list: 'theme' | 'sector', field: string, codes: string[], kept: string[]) {
  const unknown = await unknownCodes(w.trx, list, codes, kept);
  if (unknown.length)
    throw new ProviderFieldRefused(field, 'providers.validation.unknownCode', { codes: unknown.join(', ') });
}

/**
 * Saves a provider's profile (skills, sectors, départements served, description). The first save opens
 * its listing, pending since the day given (required then); later saves apply only to the version the
 * form showed: false, nothing written, when someone saved in between.
 */
export async function saveProfile(w: WriteContext, p: Provider, input: ProfileInput) {
  await checkCodes(w, 'theme', 'themes', input.themes, p.themes);
  await checkCodes(w, 'sector', 'sectors', input.sectors, p.sectors);
  const profile = {
    themes: input.themes,
    sectors: input.sectors,
    departments: input.departments,
    description: input.description,
  };
  const since = input.pending_since;
  if (!p.has_profile && !since) throw new DateRefused('pending_since', 'validation.required');
  const saved =
    p.has_profile || !since
      ? await saveAtVersion(w.trx, 'provider_profiles', { organisation_id: p.id }, input.lock_version ?? -1, {
          ...profile,
          updated_at: w.trx.fn.now(),
        })
      : await openListing(w.trx, p.id, since, w.actor.userId, profile);
  // A colleague saved in between: nothing written, the attempt logged (the route shows the 409 page).
  const action = !saved
    ? 'provider.profile_conflict'
    : p.has_profile
      ? 'provider.profile_update'
      : 'provider.profile_create';
  await w.audit({
    action,
    entityType: 'organisation',
    entityId: p.id,
    details: { provider: p.name, ...profile, pending_since: p.has_profile ? undefined : input.pending_since },
  });
  return saved;
}

/** Moves a provider's listing (lifecycle.ts) on the day the user chose, audited. */
export async function changeListing(w: WriteContext, p: { id: string; name: string }, input: ListingInput) {
  const moved = await applyListingTransition(w.trx, p.id, input.event, {
    actorId: w.actor.userId,
    on: input.happened_on,
    dateField: 'happened_on',
    reason: input.reason,
    renewalDueOn: input.renewal_due_on,
  });
  await w.audit({
    action: `provider.listing.${input.event}`,
    entityType: 'organisation',
    entityId: p.id,
    details: { provider: p.name, ...moved, on: input.happened_on, reason: input.reason },
  });
  return moved;
}

const consultantRow = (input: ConsultantInput) => ({
  name: input.name,
  email: input.email,
  phone: input.phone,
  themes: input.themes,
  active: input.active,
});

/** Adds a consultant to a provider. Its id. */
export async function addConsultant(w: WriteContext, p: { id: string; name: string }, input: ConsultantInput) {
  await checkCodes(w, 'theme', 'themes', input.themes, []);
  const [row] = await w
    .trx('provider_consultants')
    .insert({ provider_id: p.id, ...consultantRow(input) })
    .returning<{ id: string }[]>('id');
  await w.audit({
    action: 'provider.consultant_add',
    entityType: 'organisation',
    entityId: p.id,
    details: { provider: p.name, consultant_id: row.id, ...consultantRow(input) },
  });
  return row.id;
}

/** Changes a consultant (name, contacts, themes, whether still active). */
export async function updateConsultant(
  w: WriteContext,
  p: { id: string; name: string },
  consultant: { id: string; themes: string[] },
  input: ConsultantInput,
) {
  await checkCodes(w, 'theme', 'themes', input.themes, consultant.themes);
  await w.trx('provider_consultants').where({ id: consultant.id, provider_id: p.id }).update(consultantRow(input));
  await w.audit({
    action: 'provider.consultant_update',
    entityType: 'organisation',
    entityId: p.id,
    details: { provider: p.name, consultant_id: consultant.id, ...consultantRow(input) },
  });
}
