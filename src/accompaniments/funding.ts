import type { Db, Trx } from '../platform/db';
import type { OrganisationsRow } from '../platform/db-tables';

/** A funder's share of a case's budget, with the funder's name and type (the amount as text, as the driver gives it). */
export type Funding = { funder_id: string; name: string; funder_type: string | null; amount_eur: string };

export function listFunding(db: Db, accompanimentId: string) {
  return (
    db('accompaniment_funding as f')
      .join('organisations as o', 'o.id', 'f.funder_id')
      .where('f.accompaniment_id', accompanimentId)
      .orderBy('o.name')
      // The amount as text, the way the driver gives numerics, also when read as JSON (read-together.ts).
      .select<Funding[]>('f.funder_id', 'o.name', 'o.funder_type', db.raw('f.amount_eur::text as amount_eur'))
  );
}

export class NotAFunder extends Error {}

/** Sets (or replaces) one funder's share of the case's budget. */
export async function setFunding(trx: Trx, accompanimentId: string, funderId: string, amountEur: string) {
  const org = await trx('organisations')
    .where({ id: funderId, kind: 'funder' })
    .first<Pick<OrganisationsRow, 'id'> | undefined>('id');
  if (!org) throw new NotAFunder();
  await trx('accompaniment_funding')
    .insert({ accompaniment_id: accompanimentId, funder_id: funderId, amount_eur: amountEur })
    .onConflict(['accompaniment_id', 'funder_id'])
    .merge(['amount_eur']);
}

export async function removeFunding(trx: Trx, accompanimentId: string, funderId: string) {
  return trx('accompaniment_funding').where({ accompaniment_id: accompanimentId, funder_id: funderId }).del();
}

export function funderChoices(db: Db) {
  return db('organisations')
    .where({ kind: 'funder', active: true })
    .orderBy('name')
    .select<Pick<OrganisationsRow, 'id' | 'name'>[]>('id', 'name');
}
