import type { Knex } from 'knex';

type Ids = Record<string, string>;

/** The Belfort case's case-sheet fields (results, success factors, risks, advice, quotes). Idempotent: does nothing when already recorded (to be written). */
export async function seedBelfortCaseSheet(trx: Knex.Transaction, accompanimentId: string, org: Ids, users: Ids) {
  void trx;
  void accompanimentId;
  void org;
  void users;
}
