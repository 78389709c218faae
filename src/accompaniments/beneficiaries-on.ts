import type { Db, Trx } from '../platform/db';
import type { Beneficiary } from './beneficiaries';

/**
 * The case's structures as they stood on a day, from their history (beneficiary_changes: joined,
 * withdrawn, rejoined, each on the day it happened): a structure that joined later is not there
 * yet, one that withdrew later is still active, with no reason of withdrawal. A structure with no
 * recorded change at all (older data) is read from its joined_on / withdrawn_on.
 * Same row shape as listBeneficiaries; read by a progress report as of its date.
 */
export function beneficiariesOn(db: Db | Trx, accompanimentId: string, asOf: string) {
  const last = db('beneficiary_changes as c')
    .whereRaw('c.accompaniment_id = b.accompaniment_id and c.organisation_id = b.organisation_id')
    .where('c.on_date', '<=', asOf)
    .orderBy([
      { column: 'c.on_date', order: 'desc' },
      { column: 'c.id', order: 'desc' },
    ])
    .limit(1)
    .select('c.change', 'c.on_date', 'c.reasons', 'c.may_rejoin');
  const anyChange = db('beneficiary_changes as c2').whereRaw(
    'c2.accompaniment_id = b.accompaniment_id and c2.organisation_id = b.organisation_id',
  );
  const withdrawn = `coalesce(lc.change = 'withdrawn', b.withdrawn_on <= ?::date, false)`;
  return db('accompaniment_beneficiaries as b')
    .join('organisations as o', 'o.id', 'b.organisation_id')
    .leftJoin('structures as s', 's.organisation_id', 'b.organisation_id')
    .joinRaw('left join lateral (?) lc on true', [last as unknown as string])
    .where('b.accompaniment_id', accompanimentId)
    .where((w) =>
      w
        .whereNotNull('lc.change')
        .orWhere((o) =>
          o.whereNotExists(anyChange).where((j) => j.whereNull('b.joined_on').orWhere('b.joined_on', '<=', asOf)),
        ),
    )
    .orderByRaw(`case when ${withdrawn} then 'withdrawn' else 'active' end, o.name`, [asOf])
    .select<Beneficiary[]>(
      'b.organisation_id',
      'o.name',
      's.siae_type',
      's.employees',
      's.employees_in_insertion',
      db.raw(`case when ${withdrawn} then 'withdrawn' else 'active' end as status`, [asOf]),
      'b.joined_on',
      db.raw(
        `case when lc.change = 'withdrawn' then lc.on_date when lc.change is null and b.withdrawn_on <= ?::date then b.withdrawn_on end as withdrawn_on`,
        [asOf],
      ),
      db.raw(
        `case when lc.change = 'withdrawn' then lc.reasons when lc.change is null and b.withdrawn_on <= ?::date then b.withdrawal_reasons end as withdrawal_reasons`,
        [asOf],
      ),
      db.raw(
        `case when lc.change = 'withdrawn' then lc.may_rejoin when lc.change is null and b.withdrawn_on <= ?::date then b.may_rejoin end as may_rejoin`,
        [asOf],
      ),
    );
}
