import type { Knex } from 'knex';
import type { Db, Trx } from '../platform/db';
import { heldBySql } from '../sessions/days-consumed';

/**
 * A phase's status and actual dates on a day: the one definition read by the phases section
 * (today), a progress report (as of its « situation arrêtée au ») and the case list (the current
 * phase).
 * - A phase starts on the actual start typed by hand, or else on the day of its first session
 *   held (sessions/days-consumed.ts heldBySql). Before that day it is « prévue » and shows no actual date.
 * - It is « terminée » once set so by hand and its actual end is reached; an end typed for a later
 *   day is not shown yet.
 * - Otherwise, once started, it is « en cours ». A phase whose sessions are all held while a later
 *   one has started stays « en cours » until it is set « terminée » by hand.
 * What was typed by hand stays in the phases row (the edit form shows it: listRecordedPhases).
 */
export function phasesOn(db: Db | Trx, asOf: string): Knex.QueryBuilder {
  const firstHeld = db('sessions as s')
    .whereRaw('s.phase_id = p.id')
    .whereRaw(heldBySql('s'), [asOf])
    .min({ on: db.raw(`(s.starts_at at time zone 'Europe/Paris')::date`) });
  const ended = `p.status = 'done' and p.actual_end <= ?::date`;
  return db('phases as p')
    .joinRaw('cross join lateral (select coalesce(p.actual_start, (?)) as started_on) st', [
      firstHeld as unknown as Knex.Value,
    ])
    .select(
      'p.id',
      'p.position',
      'p.name',
      'p.planned_start',
      'p.planned_end',
      db.raw('case when st.started_on <= ?::date then st.started_on end as actual_start', [asOf]),
      db.raw('case when st.started_on <= ?::date and p.actual_end <= ?::date then p.actual_end end as actual_end', [
        asOf,
        asOf,
      ]),
      db.raw(
        `case when ${ended} then 'done' when st.started_on <= ?::date then 'in_progress' else 'planned' end as status`,
        [asOf, asOf],
      ),
      db.raw('(p.actual_start is null and st.started_on <= ?::date) as started_by_sessions', [asOf]),
    );
}

/**
 * The current phase of the case `a` on a day, as a column of a list (one subquery, no statement
 * per row): the latest started phase still « en cours » (phasesOn), by position.
 */
export const currentPhaseOf = (db: Db | Trx, today: string, column = 'current_phase') =>
  db.raw(`(?) as ??`, [
    db
      .from(phasesOn(db, today).whereRaw('p.accompaniment_id = a.id').as('ph'))
      .where('ph.status', 'in_progress')
      .orderBy('ph.position', 'desc')
      .limit(1)
      .select('ph.name'),
    column,
  ]);

/** The next phase of the case `a` on a day: the first still « prévue » (phasesOn), with its planned start. */
export const nextPhaseOf = (db: Db | Trx, today: string, field: 'name' | 'planned_start', column: string) =>
  db.raw(`(?) as ??`, [
    db
      .from(phasesOn(db, today).whereRaw('p.accompaniment_id = a.id').as('ph'))
      .where('ph.status', 'planned')
      .orderBy('ph.position')
      .limit(1)
      .select(`ph.${field}`),
    column,
  ]);
