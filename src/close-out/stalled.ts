import type { Knex } from 'knex';
import { FINAL_STATES } from '../accompaniments/states';
import type { Db } from '../platform/db';

export type Activity = { last_activity_at: Date; inactive_days: number; stalled: boolean };

/**
 * The latest recorded activity of an accompaniment: the case itself, its transitions, its sessions
 * (held, i.e. started, or changed), deliverable versions, notices, follow-up checkpoints recorded,
 * and its close-out (surveys, results). The writes keep it on the case, in `activity_at`
 * (by the triggers of src/accompaniments/activity-triggers.ts); two parts are read live, with the case: its own
 * `updated_at`, and the latest session start already passed (a planned session becomes activity
 * when it starts, which no write records), one index lookup.
 */
const lastActivitySql = (alias: string) =>
  `greatest(${alias}.updated_at, ${alias}.activity_at,
     (select max(s.starts_at) from sessions s where s.accompaniment_id = ${alias}.id and s.starts_at <= now()))`;

// Nothing more is expected of a case in a final state: it is never stalled.
const finalStates = FINAL_STATES.map((s) => `'${s}'`).join(',');

/**
 * Adds `last_activity_at`, `inactive_days` and `stalled` to a query on accompaniments (aliased
 * `alias`). The expression is computed once per row in a lateral join named `act`, so that
 * `onlyStalled` can filter on it too.
 */
export function withActivity(db: Db, q: Knex.QueryBuilder, stalledAfterDays: number, alias = 'a') {
  return q
    .joinRaw(`cross join lateral (select ${lastActivitySql(alias)} as last_activity_at offset 0) as act`)
    .select(
      'act.last_activity_at',
      db.raw('floor(extract(epoch from (now() - act.last_activity_at)) / 86400)::int as inactive_days'),
      db.raw(
        `(${alias}.state not in (${finalStates}) and act.last_activity_at < now() - make_interval(days => ?)) as stalled`,
        [stalledAfterDays],
      ),
    );
}

/** Keeps only the stalled accompaniments of a query already given `withActivity`. */
export function onlyStalled(q: Knex.QueryBuilder, stalledAfterDays: number, alias = 'a') {
  return q
    .whereNotIn(`${alias}.state`, FINAL_STATES)
    .whereRaw('act.last_activity_at < now() - make_interval(days => ?)', [stalledAfterDays]);
}
