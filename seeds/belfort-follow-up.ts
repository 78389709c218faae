import type { Knex } from 'knex';

type Ids = Record<string, string>;

/** The Belfort case's follow-up checkpoints (one recorded). Idempotent: does nothing when already recorded (to be written). */
export async function seedBelfortFollowUp(trx: Knex.Transaction, accompanimentId: string, org: Ids, users: Ids) {
  void trx;
  void accompanimentId;
  void org;
  void users;
}
