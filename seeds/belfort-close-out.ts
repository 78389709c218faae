import type { Knex } from 'knex';

type Ids = Record<string, string>;

/** The Belfort case's close-out (satisfaction survey, results per objective, new needs). Idempotent: does nothing when already recorded (to be written). */
export async function seedBelfortCloseOut(trx: Knex.Transaction, accompanimentId: string, org: Ids, users: Ids) {
  void trx;
  void accompanimentId;
  void org;
  void users;
}
