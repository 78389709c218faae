/**
 * What the areas' transition tables share. Each area keeps its own table, guards and `apply…`
 * function in its lifecycle.ts (the checks of a move differ: days, versions, partners, effects);
 * here are only the pieces every one of them repeated: a move named by its event, looking it up,
 * the moves offered from a status, the reason as given, and the line written to the log.
 */
import type { Knex } from 'knex';
import type {
  AccompanimentTransitionsRow,
  BeneficiaryChangesRow,
  ConsultationBidTransitionsRow,
  ConventionVersionTransitionsRow,
  DeliverableTransitionsRow,
  EnvelopeCommitmentTransitionsRow,
  IntakeRequestTransitionsRow,
  PathwayActionTransitionsRow,
  PathwayTransitionsRow,
  ProgressReportTransitionsRow,
  ProviderInvoiceTransitionsRow,
  ProviderListingTransitionsRow,
  PurchaseOrderTransitionsRow,
  SessionTransitionsRow,
  SupportCommitteeMeetingTransitionsRow,
  UserTransitionsRow,
} from './db-tables';

/** A move of a transition table: what happens (the event), from a status to another. */
export type Move<S extends string = string, E extends string = string> = { event: E; from: S; to: S };

/** The move an event makes from a status, if the table has one. */
export function findMove<M extends Move>(table: readonly M[], from: string, event: string): M | undefined {
  return table.find((t) => t.from === from && t.event === event);
}

/** The events a table offers from a status, in its order. */
export const eventsFrom = <M extends Move>(table: readonly M[], from: string): M['event'][] =>
  table.filter((t) => t.from === from).map((t) => t.event);

/** The reason typed for a move, trimmed; null when blank. */
export const givenReason = (reason: string | null | undefined) => reason?.trim() || null;

/** The log of each table of statuses, with the row one move writes. */
type Logs = {
  accompaniment_transitions: AccompanimentTransitionsRow;
  /** A structure's membership of a case: its change (joined, withdrawn, rejoined) names the move. */
  beneficiary_changes: BeneficiaryChangesRow;
  consultation_bid_transitions: ConsultationBidTransitionsRow;
  convention_version_transitions: ConventionVersionTransitionsRow;
  deliverable_transitions: DeliverableTransitionsRow;
  envelope_commitment_transitions: EnvelopeCommitmentTransitionsRow;
  intake_request_transitions: IntakeRequestTransitionsRow;
  pathway_action_transitions: PathwayActionTransitionsRow;
  pathway_transitions: PathwayTransitionsRow;
  progress_report_transitions: ProgressReportTransitionsRow;
  provider_invoice_transitions: ProviderInvoiceTransitionsRow;
  provider_listing_transitions: ProviderListingTransitionsRow;
  purchase_order_transitions: PurchaseOrderTransitionsRow;
  session_transitions: SessionTransitionsRow;
  support_committee_meeting_transitions: SupportCommitteeMeetingTransitionsRow;
  user_transitions: UserTransitionsRow;
};

/** A log line as written: its id from the database, its time stamp now unless given (the past recorded). */
type LogLine<R> = Omit<R, 'id' | 'at'> & { at?: Date | string | Knex.Raw };

/** Writes one move (or a row's first status, from null) to its log, in the caller's transaction. */
export async function logTransition<T extends keyof Logs>(trx: Knex, log: T, line: LogLine<Logs[T]>) {
  await trx(log).insert(line);
}
