import { startOfLocalToday } from '../platform/dates';
import type { SessionUser } from '../platform/auth/session-user';
import { isOperatorStaff } from '../accompaniments/policy';

type Acc = { operator_id: string; state: string };
type Handoff = { relay_id: string; acknowledged_at: Date | null };

/** The states in which the follow-up can be handed over (close-out done or follow-up started). */
export const HANDOFF_STATES = ['close_out', 'follow_up'];

const isRelayOf = (u: SessionUser, h: Handoff) =>
  u.role === 'relay' && String(u.organisation_id) === String(h.relay_id);

/**
 * Who may do what with a case's handoff; the case was already loaded through the user's scope
 * (a relay user only reaches the cases handed to its organisation). Deny by default.
 */
export const handoffPolicy = {
  create: (u: SessionUser, a: Acc) => isOperatorStaff(u, a) && HANDOFF_STATES.includes(a.state),
  /** The package holds contacts and shared documents: the operator and the relay only. */
  read: (u: SessionUser, a: Acc, h: Handoff) => isOperatorStaff(u, a) || u.role === 'admin' || isRelayOf(u, h),
  /** A relay user of the relay organisation; acknowledging twice changes nothing (said by the route). */
  acknowledge: (u: SessionUser, h: Handoff) => isRelayOf(u, h),
  remind: (u: SessionUser, a: Acc, h: Handoff) => isOperatorStaff(u, a) && !h.acknowledged_at,
};

/** The coordinator may remind the relay once a day: whether today's reminder was already sent. */
export const remindedToday = (h: { last_reminded_at: Date | null }, now = new Date()) =>
  !!h.last_reminded_at && new Date(h.last_reminded_at) >= startOfLocalToday(now);
