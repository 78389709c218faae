import type { Db, Trx } from '../platform/db';

export type ActionOpenOn = {
  id: string;
  what: string;
  owner_name: string | null;
  owner_organisation_name: string | null;
  due_on: string | null;
  raised_on: string;
  session_title: string | null;
};

const PARIS_DAY = (col: string) => `(${col} at time zone 'Europe/Paris')::date`;

/**
 * The case's action items open on a day: raised by then (the day of the session that raised
 * them, or else of their recording) and not closed by then (done or dropped later, or still
 * open). An item done or dropped with no closing instant is taken as closed. Read by a progress
 * report as of its date.
 */
export function actionItemsOpenOn(db: Db | Trx, accompanimentId: string, asOf: string) {
  const raised = `coalesce(${PARIS_DAY('os.starts_at')}, ${PARIS_DAY('ai.created_at')})`;
  return db('action_items as ai')
    .leftJoin('organisations as oo', 'oo.id', 'ai.owner_organisation_id')
    .leftJoin('sessions as os', 'os.id', 'ai.session_id')
    .where('ai.accompaniment_id', accompanimentId)
    .whereRaw(`${raised} <= ?::date`, [asOf])
    .where((w) =>
      w
        .where((o) => o.whereNull('ai.closed_at').whereIn('ai.status', ['open', 'in_progress']))
        .orWhereRaw(`${PARIS_DAY('ai.closed_at')} > ?::date`, [asOf]),
    )
    .orderByRaw(`ai.due_on asc nulls last, ${raised}, ai.id`)
    .select<ActionOpenOn[]>(
      'ai.id',
      'ai.what',
      'ai.owner_name',
      'oo.name as owner_organisation_name',
      'ai.due_on',
      db.raw(`${raised} as raised_on`),
      'os.title as session_title',
    );
}
