/** The view model of a case's list of sessions: the filters the query string gives, the sessions, their days. */
import type { Request } from 'express';
import type { SessionUser } from '../platform/auth/session-user';
import type { Db } from '../platform/db';
import type { Locale } from '../platform/i18n';
import { sessionChoices } from './attendees';
import { daysSummary, totalDays } from './days-consumed';
import { sessionPolicy } from './policy';
import { listSessions } from './queries';
import { SESSION_TYPES } from './scope';
import { formatTime } from './time';

/** The list page's locals (without its title): an unknown filter value is no filter. */
export async function sessionListPage(
  db: Db,
  acc: { id: string } & Parameters<typeof sessionPolicy.log>[1],
  user: SessionUser,
  query: Request['query'],
  locale: Locale,
) {
  const choices = await sessionChoices(db, acc.id, user);
  const filters = {
    type: SESSION_TYPES.find((t) => t === query.type),
    phase_id: choices.phases.find((p) => p.id === query.phase_id)?.id,
    working_group_id: choices.groups.find((g) => g.id === query.working_group_id)?.id,
  };
  const [sessions, budget] = await Promise.all([listSessions(db, acc.id, filters, user), daysSummary(db, acc.id)]);
  return {
    acc,
    record: sessionPolicy.seeRecord(user),
    sessions,
    total: totalDays(sessions),
    budget,
    filters: {
      type: filters.type ?? '',
      phase_id: filters.phase_id ?? '',
      working_group_id: filters.working_group_id ?? '',
    },
    filtered: Boolean(filters.type || filters.phase_id || filters.working_group_id),
    choices,
    types: SESSION_TYPES,
    canLog: sessionPolicy.log(user, acc),
    fmtTime: (d: Date | null) => formatTime(locale, d),
  };
}
