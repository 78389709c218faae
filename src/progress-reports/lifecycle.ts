import type { Trx } from '../platform/db';
import type { MessageKey } from '../platform/i18n';
import type { AccompanimentFundingRow } from '../platform/db-tables';
import { logTransition } from '../platform/transitions';

/**
 * The status of a progress report, as a transition table with guards and a log (like the case's,
 * src/accompaniments/lifecycle.ts): a draft is written and edited, then sent — frozen for good
 * (the database's trigger refuses any change to a sent report as well).
 */
export const REPORT_STATUSES = ['draft', 'sent'] as const;
export type ReportStatus = (typeof REPORT_STATUSES)[number];

/** A guard answers null when the move is allowed, else the catalogue key of the French reason. */
type Guard = (trx: Trx, accompanimentId: string) => Promise<MessageKey | null>;

export type ReportTransition = { from: ReportStatus; to: ReportStatus; guard?: Guard };

/** A report goes to the case's funders (by e-mail, or told another way): a case without any is refused. */
const hasFunder: Guard = async (trx, accompanimentId) => {
  const row = await trx<AccompanimentFundingRow>('accompaniment_funding')
    .where({ accompaniment_id: accompanimentId })
    .first('funder_id');
  return row ? null : 'progressReports.send.noRecipient';
};

/** The transition table: the only move a report knows. */
export const REPORT_TRANSITIONS: ReportTransition[] = [{ from: 'draft', to: 'sent', guard: hasFunder }];

/** Where a report starts, and whether it may still be edited. */
export const INITIAL_REPORT_STATUS: ReportStatus = 'draft';
export const isFrozen = (report: { status: string }) => report.status === 'sent';

/** Why a move is refused when the table has none from the current status. */
const NO_MOVE: Record<ReportStatus, MessageKey> = {
  draft: 'progressReports.frozen.title',
  sent: 'progressReports.send.already',
};

export function findReportTransition(from: string, to: string): ReportTransition | undefined {
  return REPORT_TRANSITIONS.find((t) => t.from === from && t.to === to);
}

/** A move the report's state does not allow; the key is the French reason shown to the user. */
export class ReportRefused extends Error {
  constructor(readonly key: MessageKey) {
    super(key);
  }
}

/**
 * Moves the report inside the caller's transaction: the row locked and re-read (of two clicks on
 * « send », the second finds it sent), the version the user saw checked (`lockVersion`), the
 * move looked up in the table, its guard checked, the row written with `set` (the frozen
 * snapshot) and the move logged with the day it happened. `at`: when, for recording the past.
 */
export async function applyReportTransition(
  trx: Trx,
  reportId: string,
  to: ReportStatus,
  opts: {
    actorId: string | null;
    onDate: string;
    lockVersion?: number;
    set?: Record<string, unknown>;
    at?: Date | string;
  },
) {
  const current = await trx('progress_reports')
    .where({ id: reportId })
    .forUpdate()
    .first<{ status: ReportStatus; lock_version: number; accompaniment_id: string } | undefined>(
      'status',
      'lock_version',
      'accompaniment_id',
    );
  const transition = current && findReportTransition(current.status, to);
  if (!current || !transition) throw new ReportRefused(NO_MOVE[to]);
  if (opts.lockVersion !== undefined && current.lock_version !== opts.lockVersion)
    throw new ReportRefused('progressReports.send.changed');
  const refusal = transition.guard ? await transition.guard(trx, current.accompaniment_id) : null;
  if (refusal) throw new ReportRefused(refusal);
  const at = opts.at ?? trx.fn.now();
  await trx('progress_reports')
    .where({ id: reportId })
    .update({ ...opts.set, status: to, lock_version: current.lock_version + 1, updated_at: at });
  await logTransition(trx, 'progress_report_transitions', {
    report_id: reportId,
    from_status: current.status,
    to_status: to,
    actor_id: opts.actorId,
    on_date: opts.onDate,
    at,
  });
  return { from: current.status, to };
}
