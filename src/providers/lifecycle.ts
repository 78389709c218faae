/**
 * A provider's listing in the base (référencement): pending (en cours) → listed (référencé) → not listed
 * (non référencé). A listing is renewed yearly: a listed provider is renewed (listed again, for another
 * year) or put back to pending while its renewal is examined; leaving the listing (refused, delisted)
 * needs a reason. The transition table below is the only place a provider's listing_status changes,
 * each move written to provider_listing_transitions with the day it happened (chosen by the user),
 * like an intake request's (intake/lifecycle.ts). test/providers/lifecycle.test.ts walks it and fails
 * if listing_status is written anywhere else in src/.
 */
import { addYears } from 'date-fns/addYears';
import { format } from 'date-fns/format';
import { parseISO } from 'date-fns/parseISO';
import type { Trx } from '../platform/db';
import { DateRefused, localToday, refuseBefore } from '../platform/dates';
import type { MessageKey } from '../platform/i18n';
import { findMove, givenReason, logTransition } from '../platform/transitions';

export const LISTING_STATUSES = ['listed', 'pending', 'not_listed'] as const;
export type ListingStatus = (typeof LISTING_STATUSES)[number];

export const LISTING_EVENTS = ['list', 'renew', 'review_renewal', 'refuse', 'delist', 'reapply'] as const;
export type ListingEvent = (typeof LISTING_EVENTS)[number];

export type ListingTransition = {
  event: ListingEvent;
  from: ListingStatus;
  to: ListingStatus;
  /** Leaving the listing says why. */
  reasonRequired: boolean;
};

/** The transition table: the only moves a listing knows. */
export const LISTING_TRANSITIONS: readonly ListingTransition[] = [
  // The application examined: listed (or listed again after a renewal review), or refused.
  { event: 'list', from: 'pending', to: 'listed', reasonRequired: false },
  { event: 'refuse', from: 'pending', to: 'not_listed', reasonRequired: true },
  // The yearly renewal: renewed at once for another year, or examined again (pending meanwhile).
  { event: 'renew', from: 'listed', to: 'listed', reasonRequired: false },
  { event: 'review_renewal', from: 'listed', to: 'pending', reasonRequired: false },
  { event: 'delist', from: 'listed', to: 'not_listed', reasonRequired: true },
  // A provider no longer listed applies again.
  { event: 'reapply', from: 'not_listed', to: 'pending', reasonRequired: false },
];

export function findListingTransition(from: ListingStatus, event: ListingEvent) {
  return findMove(LISTING_TRANSITIONS, from, event);
}

/** The events offered from a status, in the table's order. */
export const eventsFrom = (from: ListingStatus) => LISTING_TRANSITIONS.filter((t) => t.from === from);

/** What a refusal is about, so that the page says it next to the right field. */
export type RefusedPart = 'reason' | 'renewal_due_on' | 'event' | null;

export class ListingRefused extends Error {
  constructor(
    readonly reasonKey: MessageKey,
    readonly part: RefusedPart = null,
  ) {
    super(reasonKey);
  }
}

/** A listing is due for renewal a year after the day it was (re)listed, unless the user chose another day. */
export const defaultRenewalDue = (listedOn: string) => format(addYears(parseISO(listedOn), 1), 'yyyy-MM-dd');

/**
 * Opens a provider's listing: its profile row, pending since `on` (the day its application came in,
 * chosen by the user), logged as the first move (no from_status). False when it was already open.
 */
export async function openListing(
  trx: Trx,
  providerId: string,
  on: string,
  actorId: string | null,
  profile: { themes: string[]; sectors: string[]; departments: string[]; description: string | null },
) {
  if (on > localToday()) throw new DateRefused('pending_since', 'validation.dateFuture');
  const inserted = await trx('provider_profiles')
    .insert({ organisation_id: providerId, listing_status: 'pending', listing_status_on: on, ...profile })
    .onConflict('organisation_id')
    .ignore()
    .returning<{ organisation_id: string }[]>('organisation_id');
  // A colleague opened it first: nothing written, the caller says so.
  if (!inserted.length) return false;
  await logTransition(trx, 'provider_listing_transitions', {
    provider_id: providerId,
    event: 'apply',
    from_status: null,
    to_status: 'pending',
    happened_on: on,
    actor_id: actorId,
    reason: null,
  });
  return true;
}

export type ListingMove = {
  actorId: string | null;
  /** The day it happened (yyyy-mm-dd), chosen by the user; `dateField` names its field for a refusal. */
  on: string;
  dateField: string;
  reason?: string | null;
  /** When (re)listed: the day the renewal falls due; a year after `on` when not given. */
  renewalDueOn?: string | null;
};

/**
 * Moves a listing inside the caller's transaction: the row locked, the status re-read (a colleague may
 * have moved it meanwhile), the move looked up in the table, the day checked (not in the future, not
 * before the current status's day), the reason checked, the status written with its day and the move
 * logged. Entering 'listed' sets the renewal's due day (a year later by default) and re-arms its
 * reminder; leaving the listing clears the due day. Refusals throw ListingRefused or DateRefused.
 */
export async function applyListingTransition(trx: Trx, providerId: string, event: ListingEvent, move: ListingMove) {
  const row = await trx('provider_profiles')
    .where({ organisation_id: providerId })
    .forUpdate()
    .first<{ listing_status: ListingStatus; listing_status_on: string } | undefined>(
      'listing_status',
      'listing_status_on',
    );
  if (!row) throw new ListingRefused('providers.listing.noProfile');
  const transition = findListingTransition(row.listing_status, event);
  if (!transition) throw new ListingRefused('providers.listing.notAllowed', 'event');
  if (move.on > localToday()) throw new DateRefused(move.dateField, 'validation.dateFuture');
  refuseBefore(move.dateField, move.on, row.listing_status_on, 'providers.listing.beforeCurrent');
  const reason = givenReason(move.reason);
  if (transition.reasonRequired && !reason) throw new ListingRefused('providers.listing.reasonRequired', 'reason');
  const listed = transition.to === 'listed';
  const due = listed ? move.renewalDueOn || defaultRenewalDue(move.on) : null;
  if (due && due <= move.on) throw new ListingRefused('providers.listing.dueBeforeListed', 'renewal_due_on');
  const renewal = listed
    ? { renewal_due_on: due, renewal_reminder_sent_at: null }
    : transition.to === 'not_listed'
      ? { renewal_due_on: null }
      : {};
  await trx('provider_profiles')
    .where({ organisation_id: providerId })
    .update({
      listing_status: transition.to,
      listing_status_on: move.on,
      ...renewal,
      // Not the profile form's lock_version: a listing move does not make that form stale.
      updated_at: trx.fn.now(),
    });
  await logTransition(trx, 'provider_listing_transitions', {
    provider_id: providerId,
    event,
    from_status: row.listing_status,
    to_status: transition.to,
    happened_on: move.on,
    actor_id: move.actorId,
    reason,
  });
  return { from: row.listing_status, to: transition.to, renewalDueOn: due };
}
