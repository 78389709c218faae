/**
 * The status of a convention version, moved only through its transition table, with guards and
 * a log (convention_version_transitions), like the case's lifecycle (accompaniments/lifecycle.ts).
 *
 * - draft: the version drawn (prepareVersion: its PDF and parties) and not recorded yet; it is
 *   never stored, so every version's log starts with draft → issued.
 * - issued: recorded and in force, some party still awaited.
 * - signed: every party signed it (two signatories where required). A structure that left the
 *   case without signing is not awaited: it does not block the version (nor the move to delivery).
 * - void: replaced by a newer version; its signatures are voided with it.
 *
 * The status is derived from what is stored (the version's voided_at, its signatures, the
 * structures' withdrawals: one source of truth, `versionStatus`), and every write that changes it
 * goes through `transitionVersion` (issuing, voiding) or is followed by `settleVersion` in the
 * same transaction (a signature, a structure leaving or coming back), which logs the move.
 * Moves are named by what happens (the event), as in the other lifecycles, since two of them lead
 * to « issued » and two to « void »; the log says why (its cause), not the event.
 */
import type { Trx } from '../platform/db';
import type { MessageKey, Translate } from '../platform/i18n';
import { findMove, logTransition } from '../platform/transitions';
import { boardOf } from './parties';
import { type BoardRow, currentConvention } from './queries';
import type { Id } from '../platform/id';
import type { ConventionsRow, ConventionVersionTransitionsRow } from '../platform/db-tables';

export const VERSION_STATUSES = ['draft', 'issued', 'signed', 'void'] as const;
export type VersionStatus = (typeof VERSION_STATUSES)[number];
/** Why a version moved: what the log's cause column says. */
export type VersionCause = 'issue' | 'signature' | 'withdrawal' | 'rejoin' | 'new_version';
/**
 * What moves a version: it is issued; it is complete (every party settled); it is awaited again
 * (a structure that left without signing came back); it is voided (replaced by a newer one).
 */
export const VERSION_EVENTS = ['issue', 'complete', 'await_again', 'void'] as const;
export type VersionEvent = (typeof VERSION_EVENTS)[number];

/** A guard answers null when the move is allowed, else the catalogue key of the French reason. */
type Guard = (trx: Trx, conventionId: string) => Promise<MessageKey | null>;
/** What a move writes besides its log row (voiding writes voided_at and voids the signatures). */
type Effect = (trx: Trx, conventionId: string) => Promise<{ voidedSignatures: string[] }>;

export type VersionTransition = {
  event: VersionEvent;
  from: VersionStatus;
  to: VersionStatus;
  guard?: Guard;
  effect?: Effect;
};

/** A party is settled when it signed, or when it is a structure that left the case (« sortie le … »). */
export const partySettled = (p: Pick<BoardRow, 'signed' | 'withdrawn_on'>) => p.signed || p.withdrawn_on !== null;

/** Every party of the version is settled (and it has parties). */
export const allSettled = (board: Pick<BoardRow, 'signed' | 'withdrawn_on'>[]) =>
  board.length > 0 && board.every(partySettled);

const everyPartySettled: Guard = async (trx, id) =>
  allSettled(await boardOf(trx, id)) ? null : 'conventions.guard.notSigned';
const somePartyAwaited: Guard = async (trx, id) =>
  allSettled(await boardOf(trx, id)) ? 'conventions.status.stillSigned' : null;

/** The version leaves force: stamped void, and every signature given on it voided with it. */
const voidVersion: Effect = async (trx, id) => {
  await trx('conventions').where({ id }).update({ voided_at: trx.fn.now() });
  const rows = await trx('convention_signatures')
    .where({ convention_id: id })
    .whereNull('voided_at')
    .update({ voided_at: trx.fn.now() })
    .returning<{ id: Id }[]>('id');
  return { voidedSignatures: rows.map((r) => r.id) };
};

/** The transition table: the only moves a convention version knows. */
export const VERSION_TRANSITIONS: readonly VersionTransition[] = [
  { event: 'issue', from: 'draft', to: 'issued' },
  { event: 'complete', from: 'issued', to: 'signed', guard: everyPartySettled },
  // A structure that left without signing came back: it is awaited again.
  { event: 'await_again', from: 'signed', to: 'issued', guard: somePartyAwaited },
  { event: 'void', from: 'issued', to: 'void', effect: voidVersion },
  { event: 'void', from: 'signed', to: 'void', effect: voidVersion },
];

export function findVersionTransition(from: VersionStatus, event: VersionEvent): VersionTransition | undefined {
  return findMove(VERSION_TRANSITIONS, from, event);
}

/** Where an event takes a version (each event leads to one status), to name a refused move. */
const TARGET: Record<VersionEvent, VersionStatus> = {
  issue: 'issued',
  complete: 'signed',
  await_again: 'issued',
  void: 'void',
};

/** A stored version is never a draft (the draft is only drawn). */
type StoredStatus = Exclude<VersionStatus, 'draft'>;

/** The event that brings a settled version (issued or signed) to the status its facts now give. */
const SETTLE_EVENT: Record<StoredStatus, VersionEvent> = {
  issued: 'await_again',
  signed: 'complete',
  void: 'void',
};

export class VersionTransitionRefused extends Error {
  constructor(
    readonly reasonKey: MessageKey,
    readonly move?: { from: VersionStatus; to: VersionStatus },
  ) {
    super(reasonKey);
  }
}

/** The refusal as the reader sees it, the statuses named in their language. */
export function versionRefusalText(t: Translate, err: VersionTransitionRefused) {
  const label = (s: VersionStatus) => t(`conventions.status.${s}` as MessageKey);
  return t(err.reasonKey, err.move ? { from: label(err.move.from), to: label(err.move.to) } : {});
}

/** What the stored facts say: void when replaced, signed when every party is settled, else issued. */
export async function versionStatus(trx: Trx, conventionId: string): Promise<StoredStatus> {
  const row = await trx('conventions')
    .where({ id: conventionId })
    .first<Pick<ConventionsRow, 'voided_at'>>('voided_at');
  if (row.voided_at) return 'void';
  return allSettled(await boardOf(trx, conventionId)) ? 'signed' : 'issued';
}

/** The status the log last recorded; draft when the version has no log yet (just inserted). */
export async function loggedStatus(trx: Trx, conventionId: string): Promise<VersionStatus> {
  const last = await trx('convention_version_transitions')
    .where({ convention_id: conventionId })
    .orderBy('id', 'desc')
    .first<Pick<ConventionVersionTransitionsRow, 'to_status'> | undefined>('to_status');
  return (last?.to_status as VersionStatus | undefined) ?? 'draft';
}

/**
 * Moves a version inside the caller's transaction: the row is locked, the status re-read from the
 * log (someone may have moved it meanwhile), the move looked up in the table, its guard checked,
 * its effect written, the log written. VersionTransitionRefused (French reason) otherwise.
 */
export async function transitionVersion(
  trx: Trx,
  conventionId: string,
  event: VersionEvent,
  opts: { actorId: string | null; onDate: string; cause: VersionCause },
) {
  await trx('conventions').where({ id: conventionId }).forUpdate().first('id');
  const from = await loggedStatus(trx, conventionId);
  const transition = findVersionTransition(from, event);
  if (!transition) throw new VersionTransitionRefused('conventions.status.invalid', { from, to: TARGET[event] });
  const refusal = transition.guard ? await transition.guard(trx, conventionId) : null;
  if (refusal) throw new VersionTransitionRefused(refusal);
  const effect = transition.effect ? await transition.effect(trx, conventionId) : { voidedSignatures: [] };
  const to = transition.to;
  await logTransition(trx, 'convention_version_transitions', {
    convention_id: conventionId,
    from_status: from,
    to_status: to,
    cause: opts.cause,
    on_date: opts.onDate,
    actor_id: opts.actorId,
  });
  return { from, to, ...effect };
}

/**
 * After a write that changes what the status is derived from (a signature recorded, a structure
 * leaving or coming back), moves the version to the status the facts now give, through the
 * table: to signed on the day its last party settled, else on the day given. A version with no log (inserted outside the commands, as bulk test data) is left alone.
 */
export async function settleVersion(
  trx: Trx,
  conventionId: string,
  opts: { actorId: string | null; onDate: string; cause: VersionCause },
) {
  const logged = await loggedStatus(trx, conventionId);
  if (logged === 'draft' || logged === 'void') return null;
  const derived = await versionStatus(trx, conventionId);
  if (derived === logged) return null;
  // Signed on the day its last party settled (signatures are often recorded out of order).
  const onDate = derived === 'signed' ? await settledOn(trx, conventionId) : opts.onDate;
  return transitionVersion(trx, conventionId, SETTLE_EVENT[derived], { ...opts, onDate });
}

/** The day a version became signed: its latest signature, or exit of a structure that left without signing, not before its issue. */
async function settledOn(trx: Trx, conventionId: string) {
  const { issued_on } = await trx('conventions')
    .where({ id: conventionId })
    .first<Pick<ConventionsRow, 'issued_on'>>('issued_on');
  const days = (await boardOf(trx, conventionId)).flatMap((p) =>
    p.signed ? p.signatures.map((x) => x.signed_on) : p.withdrawn_on ? [p.withdrawn_on] : [],
  );
  return [issued_on, ...days].reduce((a, b) => (b > a ? b : a));
}

/** settleVersion on the case's version in force, if any: a structure left or came back. */
export async function settleCaseConvention(
  trx: Trx,
  accompanimentId: string,
  opts: { actorId: string | null; onDate: string; cause: VersionCause },
) {
  const current = await currentConvention(trx, accompanimentId);
  return current ? settleVersion(trx, current.id, opts) : null;
}
