import { isHandedOver } from '../accompaniments/states';
import type { SessionUser } from '../platform/auth/session-user';
import { isOperatorStaff } from '../accompaniments/policy';

type Acc = { operator_id: string };
/** The case's state comes as `state` (an accompaniment) or `accompaniment_state` (a session row, an action item). */
type InCase = Acc & ({ state: string } | { accompaniment_state: string });

const handedOver = (a: InCase) => isHandedOver('state' in a ? a.state : a.accompaniment_state);

/**
 * Sessions are logged by the operator's staff or by the selected provider (a provider user only
 * reaches accompaniments it was selected for, through the scope). The coordinator validates,
 * closes (locks the minutes), reopens with a reason, and alone may go over the contracted days.
 * Callers have already loaded the accompaniment or session through the user's scope.
 * After the handoff (follow-up, closed) the provider keeps reading but no longer logs, edits or
 * updates action items: the history is read-only for former participants.
 */
export const sessionPolicy = {
  log: (u: SessionUser, a: InCase) => isOperatorStaff(u, a) || (u.role === 'provider' && !handedOver(a)),
  edit: (u: SessionUser, s: InCase & { status: string }) => s.status !== 'closed' && sessionPolicy.log(u, s),
  validate: (u: SessionUser, a: Acc) => isOperatorStaff(u, a),
  close: (u: SessionUser, a: Acc) => isOperatorStaff(u, a),
  reopen: (u: SessionUser, a: Acc) => isOperatorStaff(u, a),
  exceedBudget: (u: SessionUser, a: Acc) => isOperatorStaff(u, a),
  /**
   * Who took part and what was said: attendees' and loggers' names, minutes, decisions, action
   * items. A funder reads what it funds, not the people: the session's date, type, body, phase,
   * days and attendance counts only (as the steering committee shows it counts and roles).
   * Everyone else who reaches the session through the scope reads it all.
   */
  seeRecord: (u: SessionUser) => u.role !== 'funder',
};
