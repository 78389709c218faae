/**
 * A structure's membership of a case (accompaniment_beneficiaries.status), as a transition table
 * with guards and a log, like a bid's (consultations/bid-lifecycle.ts): a structure joins the case
 * (active), leaves it with its reasons (withdrawn: it stays attached, with its history) and may come
 * back (active again). The log is the case's history of its structures, beneficiary_changes, one row
 * per move named by its change (joined, withdrawn, rejoined) with the day it happened, as before the
 * table: the case page, the timeline, the case sheet and beneficiaries-on.ts read it. Guards: every
 * move happens on a day not before the case's intake; a structure does not leave before it joined
 * (or last came back), nor come back before it left (DateRefused, the French reason by its field).
 * This file is the only place the status is written: test/accompaniments/beneficiary-lifecycle.test.ts
 * fails if it is written anywhere else in src/.
 */
import type { Trx } from '../platform/db';
import type { AccompanimentBeneficiariesRow, AccompanimentsRow, OrganisationsRow } from '../platform/db-tables';
import { refuseBefore } from '../platform/dates';
import type { MessageKey } from '../platform/i18n';
import { logTransition } from '../platform/transitions';
import { settleCaseConvention } from '../conventions/version-lifecycle';
import { ensureConsultancyAction, syncConsultancyActions } from '../pathways/commands';

export const MEMBERSHIP_STATUSES = ['active', 'withdrawn'] as const;
export type MembershipStatus = (typeof MEMBERSHIP_STATUSES)[number];

/** What moves a structure in a case once it joined: leaving, coming back. */
export const MEMBERSHIP_EVENTS = ['withdraw', 'rejoin'] as const;
export type MembershipEvent = (typeof MEMBERSHIP_EVENTS)[number];

/** The change written to beneficiary_changes (its check constraint's words) for each move. */
type Change = 'joined' | 'withdrawn' | 'rejoined';

/** A structure of a case, as a move finds it (its row locked). */
type Member = { accompaniment_id: string; organisation_id: string } & Pick<
  AccompanimentBeneficiariesRow,
  'status' | 'joined_on' | 'withdrawn_on'
>;

/** A guard refuses a move's day (DateRefused on `field`) or lets it through. */
type Guard = (trx: Trx, member: Member, onDate: string, field: string) => Promise<void>;

export type MembershipTransition = {
  event: MembershipEvent;
  from: MembershipStatus;
  to: MembershipStatus;
  change: Change;
  guard: Guard;
};

/** A structure does not leave before it joined or last came back. */
const notBeforeJoined: Guard = async (trx, m, onDate, field) => {
  const last = await trx('beneficiary_changes')
    .where({ accompaniment_id: m.accompaniment_id, organisation_id: m.organisation_id })
    .whereIn('change', ['joined', 'rejoined'])
    .max<{ on_date: string | null }>('on_date as on_date')
    .first();
  const joined = [m.joined_on, last?.on_date].filter((d): d is string => !!d).sort();
  refuseBefore(field, onDate, joined.at(-1), 'beneficiaries.dateBeforeJoined');
};

/** A structure does not come back before it left. */
const notBeforeWithdrawal: Guard = (_trx, m, onDate, field) => {
  refuseBefore(field, onDate, m.withdrawn_on, 'beneficiaries.dateBeforeWithdrawal');
  return Promise.resolve();
};

/** The transition table: the only moves a structure in a case knows, once it joined. */
export const MEMBERSHIP_TRANSITIONS: readonly MembershipTransition[] = [
  { event: 'withdraw', from: 'active', to: 'withdrawn', change: 'withdrawn', guard: notBeforeJoined },
  { event: 'rejoin', from: 'withdrawn', to: 'active', change: 'rejoined', guard: notBeforeWithdrawal },
];

/** Where every structure starts when it joins a case (logged as 'joined'). */
export const INITIAL_MEMBERSHIP_STATUS: MembershipStatus = 'active';

export function findMembershipTransition(from: string, event: MembershipEvent) {
  return MEMBERSHIP_TRANSITIONS.find((t) => t.from === from && t.event === event);
}

/** Why an event is refused when the structure's status has no move for it (the pages say it before posting). */
const NO_MOVE: Record<MembershipEvent, MessageKey> = {
  withdraw: 'beneficiaries.alreadyWithdrawn',
  rejoin: 'beneficiaries.notWithdrawn',
};

/** The French reason an event is refused from a status; null when the table has the move. */
export const membershipRefusal = (from: string, event: MembershipEvent): MessageKey | null =>
  findMembershipTransition(from, event) ? null : NO_MOVE[event];

export class NotAStructure extends Error {}

/**
 * A structure's joining, withdrawal or return happened on a day the user chose (the form refuses
 * the future): never before the case's intake (DateRefused on `field`).
 */
async function refuseBeforeIntake(trx: Trx, accompanimentId: string, field: string, onDate: string) {
  const acc = await trx('accompaniments')
    .where({ id: accompanimentId })
    .first<Pick<AccompanimentsRow, 'intake_on'> | undefined>('intake_on');
  refuseBefore(field, onDate, acc?.intake_on, 'lifecycle.dateBeforeIntake');
}

/**
 * Adds a structure (an organisation of kind 'structure') to the case with its first status
 * (active), logged as 'joined'; false when it already belongs to the case (whatever its status).
 */
export async function addBeneficiary(
  trx: Trx,
  accompanimentId: string,
  organisationId: string,
  onDate: string,
  actorId: string,
) {
  const org = await trx('organisations')
    .where({ id: organisationId, kind: 'structure' })
    .first<Pick<OrganisationsRow, 'id'> | undefined>('id');
  if (!org) throw new NotAStructure();
  await refuseBeforeIntake(trx, accompanimentId, 'joined_on', onDate);
  const inserted = await trx('accompaniment_beneficiaries')
    .insert({
      accompaniment_id: accompanimentId,
      organisation_id: organisationId,
      status: INITIAL_MEMBERSHIP_STATUS,
      joined_on: onDate,
    })
    .onConflict(['accompaniment_id', 'organisation_id'])
    .ignore()
    .returning<{ id: string }[]>('id');
  if (!inserted.length) return false;
  await logTransition(trx, 'beneficiary_changes', {
    accompaniment_id: accompanimentId,
    organisation_id: organisationId,
    change: 'joined',
    on_date: onDate,
    reasons: null,
    may_rejoin: null,
    actor_id: actorId,
  });
  // The case is a consultancy action of the structure's parcours at its operator (issue 19).
  await ensureConsultancyAction(trx, { accompanimentId, organisationId, actorId });
  return true;
}

/**
 * Moves a structure of the case inside the caller's transaction: its row locked and its status
 * re-read (a colleague may have moved it meanwhile), the move looked up in the table (false, nothing
 * written, when it has none: the pages check membershipRefusal first), the day checked (not before
 * the intake, then the move's guard), the status written with the fields the move sets, and the
 * move logged in beneficiary_changes.
 */
async function applyMembershipTransition(
  trx: Trx,
  accompanimentId: string,
  organisationId: string,
  event: MembershipEvent,
  move: {
    onDate: string;
    dateField: string;
    actorId: string;
    fields: Pick<AccompanimentBeneficiariesRow, 'withdrawn_on' | 'withdrawal_reasons' | 'may_rejoin'>;
  },
) {
  await refuseBeforeIntake(trx, accompanimentId, move.dateField, move.onDate);
  const member = await trx('accompaniment_beneficiaries')
    .where({ accompaniment_id: accompanimentId, organisation_id: organisationId })
    .forUpdate()
    .first<Member | undefined>('accompaniment_id', 'organisation_id', 'status', 'joined_on', 'withdrawn_on');
  const transition = member && findMembershipTransition(member.status, event);
  if (!member || !transition) return false;
  await transition.guard(trx, member, move.onDate, move.dateField);
  await trx('accompaniment_beneficiaries')
    .where({ accompaniment_id: accompanimentId, organisation_id: organisationId })
    .update({ status: transition.to, ...move.fields });
  await logTransition(trx, 'beneficiary_changes', {
    accompaniment_id: accompanimentId,
    organisation_id: organisationId,
    change: transition.change,
    on_date: move.onDate,
    reasons: move.fields.withdrawal_reasons,
    may_rejoin: move.fields.may_rejoin,
    actor_id: move.actorId,
  });
  return true;
}

/**
 * A withdrawn structure stays attached to the case with its reasons; its history is kept. It
 * cannot leave before the intake nor before it joined (or last came back).
 */
export async function withdrawBeneficiary(
  trx: Trx,
  accompanimentId: string,
  organisationId: string,
  w: { withdrawn_on: string; withdrawal_reasons: string; may_rejoin: string | null },
  actorId: string,
) {
  const moved = await applyMembershipTransition(trx, accompanimentId, organisationId, 'withdraw', {
    onDate: w.withdrawn_on,
    dateField: 'withdrawn_on',
    actorId,
    fields: w,
  });
  if (!moved) return false;
  // A structure that leaves without signing is not awaited any more: the version may be signed now.
  await settleCaseConvention(trx, accompanimentId, { actorId, onDate: w.withdrawn_on, cause: 'withdrawal' });
  // Its consultancy action in its parcours is cancelled on that day (pathways/consultancy-status.ts).
  await syncConsultancyActions(trx, accompanimentId, { actorId, organisationId, onDate: w.withdrawn_on });
  return true;
}

/** A structure comes back on a day not before the intake nor before it left. */
export async function rejoinBeneficiary(
  trx: Trx,
  accompanimentId: string,
  organisationId: string,
  onDate: string,
  actorId: string,
) {
  const moved = await applyMembershipTransition(trx, accompanimentId, organisationId, 'rejoin', {
    onDate,
    dateField: 'on_date',
    actorId,
    fields: { withdrawn_on: null, withdrawal_reasons: null, may_rejoin: null },
  });
  if (!moved) return false;
  // Back in the case, a party of the version in force that has not signed is awaited again.
  await settleCaseConvention(trx, accompanimentId, { actorId, onDate, cause: 'rejoin' });
  // Its consultancy action follows the case again.
  await syncConsultancyActions(trx, accompanimentId, { actorId, organisationId, onDate });
  return true;
}
