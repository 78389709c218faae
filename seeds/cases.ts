import type { Knex } from 'knex';
import type { Id } from '../src/platform/id';

/**
 * A demo case recorded after the fact: its row and its path through the states, each step on its
 * day (`at` gives the recording instant of a day, with the offset of its season), by `actorId`. Its id.
 */
export async function insertCase(
  trx: Knex.Transaction,
  row: Record<string, unknown> & { coordinator_id: string },
  path: [from: string | null, to: string, on: string][],
  at: (day: string) => string,
) {
  const [{ id: accId }] = await trx('accompaniments').insert(row).returning<{ id: Id }[]>('id');
  for (const [from_state, to_state, on_date] of path)
    await trx('accompaniment_transitions').insert({
      accompaniment_id: accId,
      from_state,
      to_state,
      on_date,
      actor_id: row.coordinator_id,
      at: at(on_date),
    });
  return accId;
}
