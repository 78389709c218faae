import type { Knex } from 'knex';

/**
 * The dates of a case's milestones, stored on the case and kept by the writes to its transitions:
 * - diagnosed_on: the first transition out of 'diagnostic' to a normal next state (not referred or
 *   abandoned), i.e. the shared diagnostic validated;
 * - convention_on: the first transition into 'delivery' (the convention signed);
 * - closed_out_on: the first transition into 'close_out'.
 * The portfolio indicators (src/indicators/queries.ts) read them for every case in scope; looking
 * them up in the transitions was a fifth of that statement's PostgreSQL time. Same statement-level
 * triggers as the stored activity (migrations/20261204001000_stored_activity.ts): a correction or a
 * deletion of a transition is followed, and each case is refreshed once per statement.
 */
const COLUMNS = ['diagnosed_on', 'convention_on', 'closed_out_on'] as const;
const EVENTS = [
  { op: 'insert', referencing: 'new table as new_rows', ids: 'select distinct accompaniment_id from new_rows' },
  {
    op: 'update',
    referencing: 'old table as old_rows new table as new_rows',
    ids: 'select accompaniment_id from new_rows union select accompaniment_id from old_rows',
  },
  { op: 'delete', referencing: 'old table as old_rows', ids: 'select distinct accompaniment_id from old_rows' },
] as const;

export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('accompaniments', (t) => {
    for (const c of COLUMNS) t.date(c);
  });
  // Writes only the cases whose dates changed.
  await knex.raw(`
    create function refresh_accompaniment_milestones(ids bigint[])
    returns void language sql as $$
      update accompaniments a
         set diagnosed_on = m.diagnosed_on, convention_on = m.convention_on, closed_out_on = m.closed_out_on
        from (select u.acc,
                     (select min(t.on_date) from accompaniment_transitions t where t.accompaniment_id = u.acc
                         and t.from_state = 'diagnostic' and t.to_state not in ('referred', 'abandoned')) as diagnosed_on,
                     (select min(t.on_date) from accompaniment_transitions t where t.accompaniment_id = u.acc and t.to_state = 'delivery') as convention_on,
                     (select min(t.on_date) from accompaniment_transitions t where t.accompaniment_id = u.acc and t.to_state = 'close_out') as closed_out_on
                from unnest(ids) as u(acc)) m
       where a.id = m.acc
         and (a.diagnosed_on, a.convention_on, a.closed_out_on) is distinct from (m.diagnosed_on, m.convention_on, m.closed_out_on)
    $$`);
  for (const { op, referencing, ids } of EVENTS) {
    await knex.raw(`
      create function touch_milestones_${op}() returns trigger language plpgsql as $$
      begin
        perform refresh_accompaniment_milestones(array(${ids}));
        return null;
      end $$`);
    await knex.raw(
      `create trigger accompaniment_transitions_milestones_${op} after ${op} on accompaniment_transitions
       referencing ${referencing} for each statement execute function touch_milestones_${op}()`,
    );
  }
  await knex.raw('select refresh_accompaniment_milestones(array(select id from accompaniments))');
}

export async function down(knex: Knex): Promise<void> {
  for (const { op } of EVENTS) {
    await knex.raw(`drop trigger accompaniment_transitions_milestones_${op} on accompaniment_transitions`);
    await knex.raw(`drop function touch_milestones_${op}()`);
  }
  await knex.raw('drop function refresh_accompaniment_milestones(bigint[])');
  await knex.schema.alterTable('accompaniments', (t) => {
    for (const c of COLUMNS) t.dropColumn(c);
  });
}
