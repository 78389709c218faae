import type { Knex } from 'knex';
import { FINAL_STATES } from '../accompaniments/states';
import type { Db } from '../platform/db';

export type Activity = { last_activity_at: Date; inactive_days: number; stalled: boolean };

/**
 * The latest recorded activity of an accompaniment, as one SQL expression over every source: the
 * case itself, its transitions, its sessions (held, i.e. started, or changed), deliverable
 * versions, notices, follow-up checkpoints recorded, and its close-out (surveys, results).
 * Each branch is an indexed lookup by accompaniment, so a list stays one query.
 */
const lastActivitySql = (alias: string) => `greatest(
  ${alias}.updated_at,
  (select max(t.at) from accompaniment_transitions t where t.accompaniment_id = ${alias}.id),
  (select max(greatest(case when s.starts_at <= now() then s.starts_at end, s.updated_at))
     from sessions s where s.accompaniment_id = ${alias}.id),
  (select max(v.uploaded_at) from deliverable_versions v join deliverables d on d.id = v.deliverable_id
     where d.accompaniment_id = ${alias}.id),
  (select max(n.created_at) from notices n where n.accompaniment_id = ${alias}.id),
  (select max(c.recorded_at) from follow_up_checkpoints c where c.accompaniment_id = ${alias}.id),
  (select max(ss.updated_at) from satisfaction_surveys ss where ss.accompaniment_id = ${alias}.id),
  (select co.updated_at from close_outs co where co.accompaniment_id = ${alias}.id)
)`;

// Nothing more is expected of a case in a final state: it is never stalled.
const finalStates = FINAL_STATES.map((s) => `'${s}'`).join(',');

/**
 * Adds `last_activity_at`, `inactive_days` and `stalled` to a query on accompaniments (aliased
 * `alias`). The expression is computed once per row in a lateral join named `act`, so that
 * `onlyStalled` can filter on it too.
 */
export function withActivity(db: Db, q: Knex.QueryBuilder, stalledAfterDays: number, alias = 'a') {
  return q.joinRaw(`cross join lateral (select ${lastActivitySql(alias)} as last_activity_at) as act`).select(
    'act.last_activity_at',
    db.raw('floor(extract(epoch from (now() - act.last_activity_at)) / 86400)::int as inactive_days'),
    db.raw(`(${alias}.state not in (${finalStates}) and act.last_activity_at < now() - make_interval(days => ?)) as stalled`, [stalledAfterDays]),
  );
}

/** Keeps only the stalled accompaniments of a query already given `withActivity`. */
export function onlyStalled(q: Knex.QueryBuilder, stalledAfterDays: number, alias = 'a') {
  return q.whereNotIn(`${alias}.state`, FINAL_STATES).whereRaw('act.last_activity_at < now() - make_interval(days => ?)', [stalledAfterDays]);
}

/** The activity of one accompaniment, for its page header. */
export async function accompanimentActivity(db: Db, accompanimentId: string, stalledAfterDays: number): Promise<Activity> {
  const q = db('accompaniments as a').where('a.id', accompanimentId);
  return withActivity(db, q, stalledAfterDays).first();
}
