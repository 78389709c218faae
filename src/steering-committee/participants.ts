import { z } from 'zod';
import { listBeneficiaries, type Beneficiary } from '../accompaniments/beneficiaries';
import type { Db, Trx } from '../platform/db';
import { FieldErrors, optionalText } from '../platform/forms';
import type { Translate } from '../platform/i18n';

/**
 * Who may sit on the steering committee or in a working group of an accompaniment: a contact of
 * one of its beneficiary structures, a user of its operator (the coordinator, a manager), a
 * consultant of its selected provider, or a person typed by name with their structure.
 * The committee and the working groups pick people the same way.
 */

export type ContactChoice = {
  id: string;
  name: string;
  role: string;
  organisation_id: string;
  organisation_name: string;
};
export type UserChoice = { id: string; name: string; role: string; organisation_id: string; organisation_name: string };

export type ParticipantChoices = {
  contacts: ContactChoice[];
  staff: UserChoice[];
  consultants: UserChoice[];
  /** Every beneficiary, withdrawn ones included (shown, but not offered for new additions). */
  structures: Beneficiary[];
};

type Acc = { id: string; operator_id: string };

export async function participantChoices(db: Db | Trx, acc: Acc): Promise<ParticipantChoices> {
  const [contacts, staff, consultants, structures] = await Promise.all([
    db('structure_contacts as c')
      .join('accompaniment_beneficiaries as b', 'b.organisation_id', 'c.organisation_id')
      .join('organisations as o', 'o.id', 'c.organisation_id')
      .where({ 'b.accompaniment_id': acc.id, 'b.status': 'active' })
      .orderBy([{ column: 'o.name' }, { column: 'c.name' }])
      .select<ContactChoice[]>('c.id', 'c.name', 'c.role', 'c.organisation_id', 'o.name as organisation_name'),
    db('users as u')
      .join('organisations as o', 'o.id', 'u.organisation_id')
      .where({ 'u.organisation_id': acc.operator_id, 'u.status': 'active' })
      .whereIn('u.role', ['coordinator', 'manager'])
      .orderBy('u.name')
      .select<UserChoice[]>('u.id', 'u.name', 'u.role', 'u.organisation_id', 'o.name as organisation_name'),
    db('users as u')
      .join('organisations as o', 'o.id', 'u.organisation_id')
      .join('consultation_bids as sb', 'sb.provider_id', 'u.organisation_id')
      .where({ 'sb.accompaniment_id': acc.id, 'sb.status': 'selected', 'u.status': 'active', 'u.role': 'provider' })
      .orderBy([{ column: 'o.name' }, { column: 'u.name' }])
      .distinct<UserChoice[]>('u.id', 'u.name', 'u.role', 'u.organisation_id', 'o.name as organisation_name'),
    listBeneficiaries(db, acc.id),
  ]);
  return { contacts, staff, consultants, structures };
}

const optionalId = () =>
  z
    .string()
    .trim()
    .optional()
    .transform((v) => (v ? v : null))
    .refine((v) => v === null || /^[1-9]\d{0,17}$/.test(v), { error: 'validation.choice' });

/** The posted fields of the picker: a person from the lists, or a name and an organisation. */
export const participantFields = {
  person: z
    .string()
    .trim()
    .optional()
    .transform((v) => (v ? v : null))
    .refine((v) => v === null || /^(contact|user):[1-9]\d{0,17}$/.test(v), { error: 'validation.choice' }),
  name: optionalText(200),
  organisation_id: optionalId(),
  organisation_name: optionalText(200),
};
export const participantSchema = z.object(participantFields);
export type ParticipantInput = z.output<typeof participantSchema>;

export type Participant = {
  user_id: string | null;
  contact_id: string | null;
  name: string;
  organisation_id: string | null;
  organisation_name: string | null;
  /** The role the person's record already gives (a contact's role, coordinator, consultant). */
  defaultRole: string | null;
};

export type Resolved = { ok: true; participant: Participant } | { ok: false; errors: FieldErrors };

/**
 * Turns the picker's input into a participant of this accompaniment, or field errors in the
 * reader's language. Only people of the case may be picked. A withdrawn structure keeps the
 * people it had; new people of it are refused on the steering committee but may still be
 * invited to working groups (the Belfort case: Chamois "reste invitée aux groupes de travail").
 */
export async function resolveParticipant(
  db: Db | Trx,
  choices: ParticipantChoices,
  input: ParticipantInput,
  t: Translate,
  opts: { allowOtherOrganisation: boolean; allowWithdrawn: boolean },
): Promise<Resolved> {
  const withdrawnError = (b: Beneficiary) => t('steeringCommittee.participant.structureWithdrawn', { name: b.name });
  if (input.person) {
    const [kind, id] = input.person.split(':');
    if (kind === 'contact') {
      const contact = await db('structure_contacts as c')
        .join('organisations as o', 'o.id', 'c.organisation_id')
        .where('c.id', id)
        .first<ContactChoice | undefined>(
          'c.id',
          'c.name',
          'c.role',
          'c.organisation_id',
          'o.name as organisation_name',
        );
      const beneficiary = contact && choices.structures.find((s) => s.organisation_id === contact.organisation_id);
      if (!contact || !beneficiary)
        return { ok: false, errors: { person: t('steeringCommittee.participant.unknownContact') } };
      if (beneficiary.status !== 'active' && !opts.allowWithdrawn)
        return { ok: false, errors: { person: withdrawnError(beneficiary) } };
      return {
        ok: true,
        participant: {
          user_id: null,
          contact_id: contact.id,
          name: contact.name,
          organisation_id: contact.organisation_id,
          organisation_name: contact.organisation_name,
          defaultRole: contact.role,
        },
      };
    }
    const staff = choices.staff.find((u) => u.id === id);
    const consultant = choices.consultants.find((u) => u.id === id);
    const user = staff ?? consultant;
    if (!user) return { ok: false, errors: { person: t('steeringCommittee.participant.unknownUser') } };
    return {
      ok: true,
      participant: {
        user_id: user.id,
        contact_id: null,
        name: user.name,
        organisation_id: user.organisation_id,
        organisation_name: user.organisation_name,
        defaultRole: staff ? 'coordinator' : 'consultant',
      },
    };
  }

  if (!input.name) return { ok: false, errors: { name: t('steeringCommittee.participant.nameOrPerson') } };
  if (input.organisation_id) {
    const beneficiary = choices.structures.find((s) => s.organisation_id === input.organisation_id);
    if (!beneficiary)
      return { ok: false, errors: { organisation_id: t('steeringCommittee.participant.notABeneficiary') } };
    if (beneficiary.status !== 'active' && !opts.allowWithdrawn)
      return { ok: false, errors: { organisation_id: withdrawnError(beneficiary) } };
    return {
      ok: true,
      participant: {
        user_id: null,
        contact_id: null,
        name: input.name,
        organisation_id: beneficiary.organisation_id,
        organisation_name: beneficiary.name,
        defaultRole: null,
      },
    };
  }
  if (opts.allowOtherOrganisation && input.organisation_name) {
    return {
      ok: true,
      participant: {
        user_id: null,
        contact_id: null,
        name: input.name,
        organisation_id: null,
        organisation_name: input.organisation_name,
        defaultRole: null,
      },
    };
  }
  return {
    ok: false,
    errors: {
      organisation_id: t(
        opts.allowOtherOrganisation
          ? 'steeringCommittee.participant.chooseOrganisation'
          : 'steeringCommittee.participant.chooseStructure',
      ),
    },
  };
}

/** The same person twice in one body: same account, same contact, or same typed name in the same organisation. */
export function isSameParticipant(
  a: {
    user_id: string | null;
    contact_id: string | null;
    name: string;
    organisation_id: string | null;
    organisation_name: string | null;
  },
  b: Participant,
) {
  if (b.user_id) return (a.user_id ?? '') === b.user_id;
  if (b.contact_id) return (a.contact_id ?? '') === b.contact_id;
  const sameOrg = b.organisation_id
    ? (a.organisation_id ?? '') === b.organisation_id
    : !a.organisation_id && (a.organisation_name ?? '').toLowerCase() === (b.organisation_name ?? '').toLowerCase();
  return !a.user_id && !a.contact_id && sameOrg && a.name.trim().toLowerCase() === b.name.trim().toLowerCase();
}

/** Display rows carry the structure's withdrawal so that history shows who left. */
export function withdrawalOf(structures: Beneficiary[], organisationId: string | null) {
  const b = organisationId ? structures.find((s) => s.organisation_id === organisationId) : undefined;
  return b && b.status === 'withdrawn'
    ? { withdrawn: true, withdrawn_on: b.withdrawn_on }
    : { withdrawn: false, withdrawn_on: null };
}
