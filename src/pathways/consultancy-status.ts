/**
 * The status of a consultancy action (an accompaniment in a structure's parcours), derived from the
 * case's state. Written once here: the backfill migration (migrations/2026120782*), the command that
 * keeps parcours and cases together (commands.ts) and the parcours page all use it.
 *
 * Pure (no import of the application), so a migration can import it as
 * migrations/20261207600100_activity_triggers.ts imports accompaniments/activity-triggers.ts.
 */
export type ConsultancyActionStatus = 'planned' | 'in_progress' | 'done' | 'cancelled';

/**
 * Case state → action status: before the delivery it is planned, delivering it is in progress, then done; a case referred or abandoned cancels it.
 * A structure withdrawn from the case has its action cancelled (its history is kept), whatever the case does after.
 */
export const CONSULTANCY_STATUS_OF_STATE: Readonly<Record<string, ConsultancyActionStatus>> = {
  intake: 'planned',
  diagnostic: 'planned',
  consultation: 'planned',
  convention: 'planned',
  delivery: 'in_progress',
  close_out: 'in_progress',
  follow_up: 'done',
  closed: 'done',
  referred: 'cancelled',
  abandoned: 'cancelled',
};

export const consultancyStatusOf = (state: string, withdrawn = false): ConsultancyActionStatus =>
  withdrawn ? 'cancelled' : (CONSULTANCY_STATUS_OF_STATE[state] ?? 'planned');

/** The same mapping as an SQL CASE over a column holding the case's state (for set-based writes, the backfill). */
export function consultancyStatusSql(stateColumn: string): string {
  const whens = Object.entries(CONSULTANCY_STATUS_OF_STATE)
    .map(([state, status]) => `when '${state}' then '${status}'`)
    .join(' ');
  return `(case ${stateColumn} ${whens} else 'planned' end)`;
}

/** The case states that start the delivery, and those that end it (done) or stop it (cancelled). */
const STARTED = `('delivery','close_out','follow_up','closed')`;
const DONE = `('follow_up','closed')`;
const STOPPED = `('referred','abandoned')`;

/**
 * What each (case, structure) says of its consultancy action: accompaniment_id, organisation_id,
 * status (the mapping above, withdrawal included), started_on (the first day of the delivery, when
 * it started) and ended_on (the day it ended: entering follow-up or closure; for a cancelled one,
 * the structure's withdrawal or the case's referral/abandonment), never before started_on.
 * `where` filters over `a` (accompaniments) and `b` (accompaniment_beneficiaries); it may hold knex
 * `?` bindings. One statement, for the backfill (every case) and the command (one case).
 */
export function consultancyFactsSql(where = 'true'): string {
  const firstMove = (states: string) =>
    `(select min(t.on_date) from accompaniment_transitions t where t.accompaniment_id = a.id and t.to_state in ${states})`;
  return `select f.accompaniment_id, f.organisation_id, f.status,
      case when f.status in ('in_progress','done') then f.started
           when f.status = 'cancelled' and f.started <= f.ended then f.started end as started_on,
      f.ended as ended_on
    from (select s.*, case s.status when 'done' then greatest(s.done_on, s.started)
                                    when 'cancelled' then coalesce(s.withdrawn_on, s.stopped_on) end as ended
      from (select a.id as accompaniment_id, b.organisation_id,
              case when b.status = 'withdrawn' then 'cancelled' else ${consultancyStatusSql('a.state')} end as status,
              ${firstMove(STARTED)} as started, ${firstMove(DONE)} as done_on, ${firstMove(STOPPED)} as stopped_on,
              b.withdrawn_on
            from accompaniments a join accompaniment_beneficiaries b on b.accompaniment_id = a.id
            where ${where}) s) f`;
}
