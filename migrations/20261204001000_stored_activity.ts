import type { Knex } from 'knex';
import { up as restorePreviousFunction } from './20261129005400_last_activity_function';

/**
 * The last recorded activity of a case, stored on the case (`accompaniments.activity_at`) and kept
 * by the writes, instead of eight lookups per listed case on every home and portfolio view
 * (src/close-out/stalled.ts says what counts as activity). Measured on the national data set, the
 * function cost 0.07 ms per row: 0.7 ms of a coordinator's home, 1.8 ms of a 25-row portfolio page.
 *
 * Kept exact, not just raised: every insert, update or delete of an activity row recomputes the
 * stored value of its case from the sources (the same eight lookups, once per write, not per view).
 * A session backdated, a notice deleted, a survey corrected: the value follows. Two parts stay
 * live, read with the case: its own `updated_at`, and the latest session start already passed (a
 * session planned for next month becomes activity when it starts, without any write).
 *
 * Statement-level triggers with transition tables: a write of many rows (an attendance sheet, the
 * benchmark generator's bulk inserts) refreshes each case it touches once, not once per row.
 * `deliverables` is watched too: deleting one removes its versions by cascade, and by the time the
 * versions' trigger runs the deliverable (the link to its case) is gone already.
 */
const SOURCES: Array<{ table: string; accompaniment: 'direct' | 'deliverable' }> = [
  { table: 'accompaniment_transitions', accompaniment: 'direct' },
  { table: 'sessions', accompaniment: 'direct' },
  { table: 'deliverable_versions', accompaniment: 'deliverable' },
  { table: 'deliverables', accompaniment: 'direct' },
  { table: 'notices', accompaniment: 'direct' },
  { table: 'follow_up_checkpoints', accompaniment: 'direct' },
  { table: 'satisfaction_surveys', accompaniment: 'direct' },
  { table: 'close_outs', accompaniment: 'direct' },
];

const EVENTS = [
  { op: 'insert', referencing: 'new table as new_rows' },
  { op: 'update', referencing: 'old table as old_rows new table as new_rows' },
  { op: 'delete', referencing: 'old table as old_rows' },
] as const;

export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('accompaniments', (t) => {
    t.timestamp('activity_at', { useTz: true });
  });
  await knex.raw(`
    create function accompaniment_recorded_activity(acc_id bigint)
    returns timestamptz language sql stable as $$
      select greatest(
        (select max(t.at) from accompaniment_transitions t where t.accompaniment_id = acc_id),
        (select max(s.updated_at) from sessions s where s.accompaniment_id = acc_id),
        -- Per deliverable, its versions by their key: a join here was planned as scans while
        -- the tables were being bulk-loaded (no statistics yet), 15 s for the benchmark's versions.
        (select max((select max(v.uploaded_at) from deliverable_versions v where v.deliverable_id = d.id))
           from deliverables d where d.accompaniment_id = acc_id),
        (select max(n.created_at) from notices n where n.accompaniment_id = acc_id),
        (select max(c.recorded_at) from follow_up_checkpoints c where c.accompaniment_id = acc_id),
        (select max(ss.updated_at) from satisfaction_surveys ss where ss.accompaniment_id = acc_id),
        (select co.updated_at from close_outs co where co.accompaniment_id = acc_id))
    $$`);
  // Writes only the cases whose value changed: no row lock, no new row version otherwise.
  await knex.raw(`
    create function refresh_accompaniment_activity(ids bigint[])
    returns void language sql as $$
      update accompaniments a set activity_at = r.at
        from (select id, accompaniment_recorded_activity(id) as at from unnest(ids) as id) r
       where a.id = r.id and a.activity_at is distinct from r.at
    $$`);
  for (const shape of ['direct', 'deliverable'] as const) {
    // Each case once, however many of its rows the statement wrote. A version's case is looked up
    // by primary key: a join could be planned as a scan when the deliverables were just bulk-loaded.
    const ids = (rows: string) =>
      shape === 'direct'
        ? `select distinct accompaniment_id from ${rows}`
        : `select distinct (select d.accompaniment_id from deliverables d where d.id = r.deliverable_id) from ${rows} r`;
    await knex.raw(`
      create function touch_activity_${shape}() returns trigger language plpgsql as $$
      begin
        if tg_op = 'INSERT' then
          perform refresh_accompaniment_activity(array(${ids('new_rows')}));
        elsif tg_op = 'UPDATE' then
          perform refresh_accompaniment_activity(array(${ids('new_rows')} union ${ids('old_rows')}));
        else
          perform refresh_accompaniment_activity(array(${ids('old_rows')}));
        end if;
        return null;
      end $$`);
  }
  for (const { table, accompaniment } of SOURCES) {
    for (const { op, referencing } of EVENTS) {
      await knex.raw(
        `create trigger ${table}_activity_${op} after ${op} on ${table} referencing ${referencing}
         for each statement execute function touch_activity_${accompaniment}()`,
      );
    }
  }
  await knex.raw('update accompaniments set activity_at = accompaniment_recorded_activity(id)');
  await knex.raw('drop function accompaniment_last_activity(bigint, timestamptz)');
}

export async function down(knex: Knex): Promise<void> {
  for (const { table } of SOURCES)
    for (const { op } of EVENTS) await knex.raw(`drop trigger ${table}_activity_${op} on ${table}`);
  await knex.raw('drop function touch_activity_direct(), touch_activity_deliverable()');
  await knex.raw('drop function refresh_accompaniment_activity(bigint[]), accompaniment_recorded_activity(bigint)');
  await knex.schema.alterTable('accompaniments', (t) => {
    t.dropColumn('activity_at');
  });
  // The previous reading: eight lookups per case, at every read.
  await restorePreviousFunction(knex);
}
