import type { Request } from 'express';
import { scopeAccompaniments } from '../accompaniments/scope';
import { onlySeen, THINGS } from '../accompaniments/withdrawn';
import type { State } from '../accompaniments/states';
import type { SessionUser } from '../platform/auth/session-user';
import { currentUser, isId } from '../platform/auth/guards';
import type { Db } from '../platform/db';
import type { Deps } from '../platform/deps';
import { notFound } from '../platform/errors';

export const SESSION_TYPES = [
  'kickoff',
  'steering_committee',
  'working_group',
  'interview',
  'restitution',
  'follow_up',
] as const;
export type SessionType = (typeof SESSION_TYPES)[number];
export const PRESENCES = ['invited', 'present', 'excused', 'absent'] as const;

export type SessionRow = {
  id: string;
  accompaniment_id: string;
  accompaniment_title: string;
  accompaniment_state: State;
  operator_id: string;
  type: SessionType;
  title: string;
  theme: string | null;
  starts_at: Date;
  ends_at: Date | null;
  place: string | null;
  video_url: string | null;
  phase_id: string | null;
  working_group_id: string | null;
  agenda: string | null;
  days_consumed: string;
  over_budget_reason: string | null;
  minutes: string | null;
  decisions: string | null;
  status: 'planned' | 'held' | 'closed';
  logged_by: string | null;
  validated_at: Date | null;
  validated_by: string | null;
  lock_version: number;
  /** The attendance form's own version: recording presences does not conflict with editing the session. */
  attendance_lock_version: number;
};

/**
 * A session is visible exactly when its accompaniment is (same scope, same 404), except to a
 * structure that left the case before it and was not invited (accompaniments/withdrawn.ts).
 */
export function findSessionInScope(db: Db, user: SessionUser, id: string) {
  const q = db('sessions as s')
    .join('accompaniments as a', 'a.id', 's.accompaniment_id')
    .where('s.id', id)
    .first<SessionRow | undefined>(
      's.*',
      'a.title as accompaniment_title',
      'a.state as accompaniment_state',
      'a.operator_id',
    );
  return scopeAccompaniments(db, user, onlySeen(q, user, THINGS.session('s')), 'a');
}

export async function loadSession(deps: Deps, req: Request): Promise<SessionRow> {
  if (!isId(req.params.id)) throw notFound();
  const session = await findSessionInScope(deps.db, currentUser(req), req.params.id);
  if (!session) throw notFound();
  return session;
}

export type ScopedActionItem = {
  id: string;
  accompaniment_id: string;
  session_id: string | null;
  what: string;
  status: string;
  operator_id: string;
  /** For the policy: former participants no longer update actions after the handoff. */
  accompaniment_state: string;
};

/**
 * An action item is visible exactly when its accompaniment is (same scope, same 404), and once
 * it is public: an action plan's actions stay with their deliverable until the plan is accepted.
 */
export async function loadActionItem(deps: Deps, req: Request): Promise<ScopedActionItem> {
  if (!isId(req.params.id)) throw notFound();
  const q = deps
    .db('action_items as ai')
    .join('accompaniments as a', 'a.id', 'ai.accompaniment_id')
    .where('ai.id', req.params.id)
    .where('ai.visible', true)
    .first<ScopedActionItem | undefined>(
      'ai.id',
      'ai.accompaniment_id',
      'ai.session_id',
      'ai.what',
      'ai.status',
      'a.operator_id',
      'a.state as accompaniment_state',
    );
  const item = await scopeAccompaniments(deps.db, currentUser(req), q, 'a');
  if (!item) throw notFound();
  return item;
}
