/**
 * The rules the database keeps on a case by itself, in triggers: its last recorded activity
 * (`accompaniments.activity_at`) and the dates of its milestones (`diagnosed_on`, `convention_on`,
 * `closed_out_on`). They are written here, in one place, and installed by the migration
 * `migrations/20261207600100_activity_triggers.ts` (CREATE OR REPLACE: running it again changes
 * nothing). To change a rule: edit it here and add a migration that calls `installActivityTriggers`
 * again. `test/accompaniments/activity-triggers.test.ts` pins each rule (do X → column Y becomes Z)
 * on PGlite and PostgreSQL.
 *
 * Why triggers: the home page, the portfolio and the indicators read these values for every case
 * they list; computing them at each read cost 0.07 ms per row (activity, eight lookups) and a fifth
 * of the indicators' statement (milestones). Computed once per write instead, and kept exact: every
 * insert, update or delete of a source row recomputes its case from the sources, so a correction
 * or a deletion is followed, not only a newer row.
 *
 * Statement-level triggers with transition tables: a statement writing many rows (an attendance
 * sheet, the benchmark generator's bulk inserts) refreshes each case it touches once. The refresh
 * writes only the cases whose value changed: no row lock, no new row version otherwise.
 *
 * What is NOT here: two parts of the last activity are read live, with the case
 * (src/close-out/stalled.ts): the case's own `updated_at`, and the latest session start already
 * passed (a session planned for next month becomes activity when it starts, which no write records).
 */
import type { Knex } from 'knex';

export type SqlFunction = {
  /** Name and argument types, as in `drop function`. */
  signature: string;
  returns: string;
  language: 'sql' | 'plpgsql';
  volatility?: 'stable';
  /** The body between the dollar quotes, exactly as PostgreSQL keeps it (pg_proc.prosrc). */
  body: string;
};

/**
 * Last activity. What counts as activity of a case, each read from its own table:
 * - a transition of its state: when it was recorded (`accompaniment_transitions.at`);
 * - a session: its last change (`sessions.updated_at`; its start is read live, see above);
 * - a deliverable's version: when it was uploaded (`deliverable_versions.uploaded_at`);
 * - a notice: when it was recorded (`notices.created_at`);
 * - a follow-up checkpoint: when it was recorded (`follow_up_checkpoints.recorded_at`);
 * - a satisfaction survey: its last change (`satisfaction_surveys.updated_at`);
 * - its close-out (restitution, results): its last change (`close_outs.updated_at`).
 * The latest of them, or null when the case has none.
 */
const RECORDED_ACTIVITY: SqlFunction = {
  signature: 'accompaniment_recorded_activity(acc_id bigint)',
  returns: 'timestamptz',
  language: 'sql',
  volatility: 'stable',
  body: `
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
    `,
};

/** Stores the recorded activity of the given cases, writing only those whose value changed. */
const REFRESH_ACTIVITY: SqlFunction = {
  signature: 'refresh_accompaniment_activity(ids bigint[])',
  returns: 'void',
  language: 'sql',
  body: `
      update accompaniments a set activity_at = r.at
        from (select id, accompaniment_recorded_activity(id) as at from unnest(ids) as id) r
       where a.id = r.id and a.activity_at is distinct from r.at
    `,
};

/**
 * The tables whose rows are activity, and how a row names its case: directly
 * (`accompaniment_id`), or through its deliverable for a version. `deliverables` is watched too:
 * deleting one removes its versions by cascade, and by the time the versions' trigger runs the
 * deliverable (the link to its case) is gone already.
 */
export const ACTIVITY_SOURCES: ReadonlyArray<{ table: string; accompaniment: 'direct' | 'deliverable' }> = [
  { table: 'accompaniment_transitions', accompaniment: 'direct' },
  { table: 'sessions', accompaniment: 'direct' },
  { table: 'deliverable_versions', accompaniment: 'deliverable' },
  { table: 'deliverables', accompaniment: 'direct' },
  { table: 'notices', accompaniment: 'direct' },
  { table: 'follow_up_checkpoints', accompaniment: 'direct' },
  { table: 'satisfaction_surveys', accompaniment: 'direct' },
  { table: 'close_outs', accompaniment: 'direct' },
];

/**
 * The cases of the rows a statement wrote, each once. A version's case is looked up by primary
 * key: a join could be planned as a scan when the deliverables were just bulk-loaded.
 */
const casesOf = (shape: 'direct' | 'deliverable', rows: string) =>
  shape === 'direct'
    ? `select distinct accompaniment_id from ${rows}`
    : `select distinct (select d.accompaniment_id from deliverables d where d.id = r.deliverable_id) from ${rows} r`;

/** After a write to a source table: refresh the cases of the rows inserted, changed (before and after) or deleted. */
const touchActivity = (shape: 'direct' | 'deliverable'): SqlFunction => ({
  signature: `touch_activity_${shape}()`,
  returns: 'trigger',
  language: 'plpgsql',
  body: `
      begin
        if tg_op = 'INSERT' then
          perform refresh_accompaniment_activity(array(${casesOf(shape, 'new_rows')}));
        elsif tg_op = 'UPDATE' then
          perform refresh_accompaniment_activity(array(${casesOf(shape, 'new_rows')} union ${casesOf(shape, 'old_rows')}));
        else
          perform refresh_accompaniment_activity(array(${casesOf(shape, 'old_rows')}));
        end if;
        return null;
      end `,
});

/**
 * Milestone dates, from the case's transitions (the day entered with each, `on_date`):
 * - diagnosed_on: the first transition out of 'diagnostic' to a normal next state (not referred or
 *   abandoned), i.e. the shared diagnostic validated;
 * - convention_on: the first transition into 'delivery' (the convention signed);
 * - closed_out_on: the first transition into 'close_out'.
 * "First" is the earliest day, so a case that goes back and forth keeps its first entry, and a
 * corrected or deleted transition is followed (null when none is left).
 */
const REFRESH_MILESTONES: SqlFunction = {
  signature: 'refresh_accompaniment_milestones(ids bigint[])',
  returns: 'void',
  language: 'sql',
  body: `
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
    `,
};

/** The three statement events, with the transition tables each one has. */
const EVENTS = [
  { op: 'insert', referencing: 'new table as new_rows', cases: 'select distinct accompaniment_id from new_rows' },
  {
    op: 'update',
    referencing: 'old table as old_rows new table as new_rows',
    cases: 'select accompaniment_id from new_rows union select accompaniment_id from old_rows',
  },
  { op: 'delete', referencing: 'old table as old_rows', cases: 'select distinct accompaniment_id from old_rows' },
] as const;

/** After a write to the transitions: refresh the milestones of the cases it touched. */
const touchMilestones = (e: (typeof EVENTS)[number]): SqlFunction => ({
  signature: `touch_milestones_${e.op}()`,
  returns: 'trigger',
  language: 'plpgsql',
  body: `
      begin
        perform refresh_accompaniment_milestones(array(${e.cases}));
        return null;
      end `,
});

/** Every function of these rules, callees first. */
export const ACTIVITY_FUNCTIONS: readonly SqlFunction[] = [
  RECORDED_ACTIVITY,
  REFRESH_ACTIVITY,
  touchActivity('direct'),
  touchActivity('deliverable'),
  REFRESH_MILESTONES,
  ...EVENTS.map(touchMilestones),
];

export type SqlTrigger = { name: string; table: string; sql: string };

/** Every trigger: three per activity source table, three on the transitions for the milestones. */
export const ACTIVITY_TRIGGERS: readonly SqlTrigger[] = [
  ...ACTIVITY_SOURCES.flatMap(({ table, accompaniment }) =>
    EVENTS.map(({ op, referencing }) => ({
      name: `${table}_activity_${op}`,
      table,
      sql: `create or replace trigger ${table}_activity_${op} after ${op} on ${table} referencing ${referencing}
         for each statement execute function touch_activity_${accompaniment}()`,
    })),
  ),
  ...EVENTS.map(({ op, referencing }) => ({
    name: `accompaniment_transitions_milestones_${op}`,
    table: 'accompaniment_transitions',
    sql: `create or replace trigger accompaniment_transitions_milestones_${op} after ${op} on accompaniment_transitions
       referencing ${referencing} for each statement execute function touch_milestones_${op}()`,
  })),
];

export const createFunctionSql = (f: SqlFunction) =>
  `create or replace function ${f.signature} returns ${f.returns} language ${f.language}${f.volatility ? ` ${f.volatility}` : ''} as $$${f.body}$$`;

/**
 * Installs (or reinstalls) every function and trigger above, then recomputes the stored values of
 * every case, so that a changed rule applies to the existing cases too.
 */
export async function installActivityTriggers(knex: Knex): Promise<void> {
  for (const f of ACTIVITY_FUNCTIONS) await knex.raw(createFunctionSql(f));
  for (const t of ACTIVITY_TRIGGERS) await knex.raw(t.sql);
  await knex.raw('select refresh_accompaniment_activity(array(select id from accompaniments))');
  await knex.raw('select refresh_accompaniment_milestones(array(select id from accompaniments))');
}
