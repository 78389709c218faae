import type { Db } from '../platform/db';
import { num, numOrNull, scoped, type IndicatorScope, type Period } from './queries';
import type { Id } from '../platform/id';

/** The detail of the exports: one row per accompaniment received in the period. */
export type DetailRow = {
  id: string;
  title: string;
  operator: string;
  state: string;
  kind: string;
  department: string | null;
  intake_on: string;
  beneficiaries: number;
  employees: number;
  insertion: number;
  days_contracted: number | null;
  days_consumed: number;
  euros: number | null;
  provider: string | null;
};

/**
 * One page of the detail (accompaniments received in the period), keyset-paginated on id so an
 * export reads a national portfolio in batches and never holds it whole (no server cursor: PGlite).
 */
export async function detailBatch(
  db: Db,
  scope: IndicatorScope,
  period: Period,
  afterId: string,
  limit = 1000,
): Promise<DetailRow[]> {
  const q = scoped(db, scope)
    .clearSelect()
    .join('organisations as op', 'op.id', 'a.operator_id')
    .whereBetween('a.intake_on', [period.from, period.to])
    .where('a.id', '>', afterId)
    .orderBy('a.id')
    .limit(limit)
    .select(
      'a.id',
      'a.title',
      'op.name as operator',
      'a.state',
      'a.kind',
      'a.department',
      'a.intake_on',
      'a.budget_days',
      'a.budget_eur',
      db.raw(`(select count(*) from accompaniment_beneficiaries b where b.accompaniment_id = a.id) as beneficiaries`),
      db.raw(`(select coalesce(sum(s.employees), 0) from accompaniment_beneficiaries b join structures s on s.organisation_id = b.organisation_id
               where b.accompaniment_id = a.id) as employees`),
      db.raw(`(select coalesce(sum(s.employees_in_insertion), 0) from accompaniment_beneficiaries b join structures s on s.organisation_id = b.organisation_id
               where b.accompaniment_id = a.id) as insertion`),
      db.raw(
        '(select coalesce(sum(se.days_consumed), 0) from sessions se where se.accompaniment_id = a.id) as days_consumed',
      ),
      db.raw(`(select o.name from consultation_bids cb join organisations o on o.id = cb.provider_id
               where cb.accompaniment_id = a.id and cb.status = 'selected') as provider`),
    );
  const list = (await q) as ({ id: Id } & Record<string, unknown>)[];
  return list.map((r) => ({
    id: r.id,
    title: String(r.title),
    operator: String(r.operator),
    state: String(r.state),
    kind: String(r.kind),
    department: (r.department as string | null) ?? null,
    intake_on: String(r.intake_on),
    beneficiaries: num(r.beneficiaries),
    employees: num(r.employees),
    insertion: num(r.insertion),
    days_contracted: numOrNull(r.budget_days),
    days_consumed: num(r.days_consumed),
    euros: numOrNull(r.budget_eur),
    provider: (r.provider as string | null) ?? null,
  }));
}

/** Every detail row, batch after batch. */
export async function* detailRows(
  db: Db,
  scope: IndicatorScope,
  period: Period,
  batchSize = 1000,
): AsyncGenerator<DetailRow> {
  let after = '0';
  for (;;) {
    const batch = await detailBatch(db, scope, period, after, batchSize);
    for (const row of batch) yield row;
    if (batch.length < batchSize) return;
    after = batch[batch.length - 1].id;
  }
}
