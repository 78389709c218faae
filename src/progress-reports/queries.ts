import type { Request } from 'express';
import { findAccompaniment } from '../accompaniments/queries';
import { currentUser, isId } from '../platform/auth/guards';
import type { Db, Trx } from '../platform/db';
import type { Deps } from '../platform/deps';
import { notFound } from '../platform/errors';
import type { ReportContent } from './content';
import type { Milestone, ReportInput } from './schemas';
import { INITIAL_REPORT_STATUS, type ReportStatus } from './lifecycle';
import { scopeReports } from './scope';
import type { Id } from '../platform/id';
import type { Locale } from '../platform/i18n';

export const REPORT_PURPOSE = 'progress_report';

export type ReportRow = {
  id: string;
  accompaniment_id: string;
  milestone: Milestone;
  title: string;
  period_end: string;
  next_steps: string | null;
  risks: string | null;
  comment: string | null;
  status: ReportStatus;
  document_id: string | null;
  sha256: string | null;
  sent_at: Date | null;
  sent_by: string | null;
  sent_by_name: string | null;
  created_by_name: string | null;
  lock_version: number;
  /** Sent reports: the content as it was sent (see migrations/20261129004800). */
  content: ReportContent | null;
  created_at: Date;
  updated_at: Date;
};

const columns = ['r.*', 'sb.name as sent_by_name', 'cb.name as created_by_name'];

/** A report and its accompaniment, both through the user's scope: anything else is a 404. */
export async function loadReport(deps: Deps, req: Request, idParam = 'id') {
  const id = req.params[idParam];
  if (!isId(id)) throw notFound();
  const q = deps
    .db('progress_reports as r')
    .leftJoin('users as sb', 'sb.id', 'r.sent_by')
    .leftJoin('users as cb', 'cb.id', 'r.created_by')
    .where('r.id', id)
    .first<ReportRow | undefined>(columns);
  const user = currentUser(req);
  const row = await scopeReports(deps.db, user, q);
  if (!row) throw notFound();
  const acc = await findAccompaniment(deps.db, user, row.accompaniment_id);
  if (!acc) throw notFound();
  return { report: row, acc };
}

export const OTHER_CHANNELS = ['phone', 'letter', 'in_person'] as const;
export type OtherChannel = (typeof OTHER_CHANNELS)[number];

export type Delivery = {
  recipient_id: string;
  funder_id: string;
  funder_name: string;
  /** Null for a funder without an e-mail address: told another way (notified_channel, notified_on). */
  email: string | null;
  notified_channel: OtherChannel | null;
  notified_on: string | null;
  notified_recorded_at: Date | null;
  outbox_id: string | null;
  status: 'pending' | 'sending' | 'sent' | 'failed' | 'unknown' | null;
  attempts: number | null;
  last_error: string | null;
  delivered_at: Date | null;
};

/** Who a sent report went to, each with the state of its mail in the outbox, or how a funder without address was told. */
export async function listDeliveries(db: Db, reportIds: string[]): Promise<(Delivery & { report_id: string })[]> {
  if (!reportIds.length) return [];
  const rows = await db('progress_report_recipients as pr')
    .join('organisations as o', 'o.id', 'pr.funder_id')
    .leftJoin('outbox as m', 'm.id', 'pr.outbox_id')
    .whereIn('pr.report_id', reportIds)
    .orderBy([{ column: 'o.name' }, { column: 'pr.email', nulls: 'last' }])
    .select<(Delivery & { report_id: string })[]>(
      'pr.id as recipient_id',
      'pr.report_id',
      'pr.funder_id',
      'o.name as funder_name',
      'pr.email',
      'pr.notified_channel',
      'pr.notified_on',
      'pr.notified_recorded_at',
      'pr.outbox_id',
      'm.status',
      'm.attempts',
      'm.last_error',
      'm.sent_at as delivered_at',
    );
  return rows.map((r) => ({
    ...r,
    recipient_id: String(r.recipient_id),
    report_id: String(r.report_id),
    funder_id: String(r.funder_id),
    outbox_id: r.outbox_id == null ? null : String(r.outbox_id),
  }));
}

export type ListedReport = ReportRow & { deliveries: Delivery[] };

/** The reports of a case the user may see (funders: only sent ones), newest first, with their deliveries. */
export async function listReports(
  db: Db,
  user: Parameters<typeof scopeReports>[1],
  accompanimentId: string,
  limit?: number,
): Promise<ListedReport[]> {
  const q = db('progress_reports as r')
    .leftJoin('users as sb', 'sb.id', 'r.sent_by')
    .leftJoin('users as cb', 'cb.id', 'r.created_by')
    .where('r.accompaniment_id', accompanimentId)
    .orderBy([
      { column: 'r.created_at', order: 'desc' },
      { column: 'r.id', order: 'desc' },
    ])
    .select<ReportRow[]>(columns);
  if (limit) q.limit(limit);
  const rows = await scopeReports(db, user, q);
  const deliveries = await listDeliveries(
    db,
    rows.map((r) => r.id),
  );
  return rows.map((r) => ({ ...r, deliveries: deliveries.filter((d) => d.report_id === r.id) }));
}

/** locale: the funder account's language (French for the organisation's own address). */
export type Recipient = { funder_id: string; funder_name: string; email: string; locale: Locale };
export type FunderWithoutAddress = { funder_id: string; funder_name: string };

/**
 * Where a report goes: every funder of the case, at the addresses of its active funder accounts
 * and its organisation address. Each address once (the first funder named keeps it).
 */
export async function reportRecipients(db: Db | Trx, accompanimentId: string) {
  const funders = await db('accompaniment_funding as f')
    .join('organisations as o', 'o.id', 'f.funder_id')
    .where('f.accompaniment_id', accompanimentId)
    .orderBy('o.name')
    .select<{ id: Id; name: string; email: string | null }[]>('o.id', 'o.name', 'o.email');
  const users = await db('users')
    .whereIn(
      'organisation_id',
      funders.map((f) => f.id),
    )
    .where({ role: 'funder', status: 'active' })
    .orderBy('email')
    .select<{ organisation_id: Id; email: string; locale: string }[]>('organisation_id', 'email', 'locale');
  const seen = new Set<string>();
  const recipients: Recipient[] = [];
  const withoutAddress: FunderWithoutAddress[] = [];
  for (const f of funders) {
    const addresses = [
      ...users
        .filter((u) => u.organisation_id === f.id)
        .map((u) => ({ email: u.email, locale: u.locale === 'en' ? ('en' as const) : ('fr' as const) })),
      ...(f.email ? [{ email: f.email, locale: 'fr' as const }] : []),
    ];
    let any = false;
    for (const a of addresses) {
      const email = a.email.trim().toLowerCase();
      if (!email || seen.has(email)) continue;
      seen.add(email);
      any = true;
      recipients.push({ funder_id: f.id, funder_name: f.name, email, locale: a.locale });
    }
    if (!any) withoutAddress.push({ funder_id: f.id, funder_name: f.name });
  }
  return { recipients, withoutAddress };
}

export async function insertReport(trx: Trx, accompanimentId: string, input: ReportInput, userId: string) {
  const [row] = await trx('progress_reports')
    .insert({ accompaniment_id: accompanimentId, ...input, status: INITIAL_REPORT_STATUS, created_by: userId })
    .returning<{ id: Id }[]>('id');
  return row.id;
}

/** Optimistic locking, and only while it is a draft (the trigger would refuse a sent one anyway). */
export async function updateReport(trx: Trx, id: string, lockVersion: number, input: ReportInput) {
  const n = await trx('progress_reports')
    .where({ id, lock_version: lockVersion, status: 'draft' })
    .update({ ...input, lock_version: lockVersion + 1, updated_at: trx.fn.now() });
  return n === 1;
}
