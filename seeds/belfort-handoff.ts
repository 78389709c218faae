import type { Knex } from 'knex';

type Ids = Record<string, string>;

/** The Belfort case's handoff to the COORACE regional delegation. Idempotent: does nothing when already recorded (to be written). */
export async function seedBelfortHandoff(trx: Knex.Transaction, accompanimentId: string, org: Ids, users: Ids) {
  void trx;
  void accompanimentId;
  void org;
  void users;
}
