import type { SessionUser } from '../platform/auth/session-user';
import { isOperatorStaff } from '../accompaniments/policy';
import type { State } from '../accompaniments/states';

type Acc = { operator_id: string; state: State };

/** The sheet is written at close-out; it can be prepared during delivery and corrected afterwards. */
export const EDITABLE_STATES: readonly State[] = ['delivery', 'close_out', 'follow_up', 'closed'];

/**
 * Everyone who sees the accompaniment (its scope) reads the case sheet, which only ever prints
 * quotes with a recorded consent; the operator's staff write it.
 */
export const caseSheetPolicy = {
  edit: (u: SessionUser, a: Acc) => isOperatorStaff(u, a) && EDITABLE_STATES.includes(a.state),
  /** Staff also see the quotes kept without consent (never printed), to delete them. */
  seeUnconsentedQuotes: (u: SessionUser, a: Acc) => isOperatorStaff(u, a),
};
