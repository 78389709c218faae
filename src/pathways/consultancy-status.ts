/**
 * The status of a consultancy action (an accompaniment in a structure's parcours), derived from the
 * case's state. Written once here: the backfill migration (migrations/2026120782*), the command that
 * keeps parcours and cases together (commands.ts) and the parcours page all use it.
 *
 * Pure (no import of the application), so a migration can import it as
 * migrations/20261207600100_activity_triggers.ts imports accompaniments/activity-triggers.ts.
 */
export type ConsultancyActionStatus = 'planned' | 'in_progress' | 'done' | 'cancelled';

/** Case state → action status: before the delivery it is planned, delivering it is in progress, then done; a case referred or abandoned cancels it. */
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

export const consultancyStatusOf = (state: string): ConsultancyActionStatus =>
  CONSULTANCY_STATUS_OF_STATE[state] ?? 'planned';

/** The same mapping as an SQL CASE over a column holding the case's state (for set-based writes, the backfill). */
export function consultancyStatusSql(stateColumn: string): string {
  const whens = Object.entries(CONSULTANCY_STATUS_OF_STATE)
    .map(([state, status]) => `when '${state}' then '${status}'`)
    .join(' ');
  return `(case ${stateColumn} ${whens} else 'planned' end)`;
}
