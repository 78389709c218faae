import type { Db, Trx } from '../platform/db';

/**
 * What still stands between an order (or one of its phases) and its attestation de service fait:
 * the deliverables not accepted yet and the sessions not held yet (planned ones). Deliverables
 * belong to the case, not to a phase: for a phase, those expected by the phase's end (actual, else
 * planned) are its own; a phase without an end date waits for every deliverable of the case.
 */
export type Missing = { deliverables: string[]; sessions: string[] };

export async function missingForService(
  db: Db | Trx,
  accompanimentId: string,
  phase: { id: string; planned_end: string | null; actual_end: string | null } | null,
): Promise<Missing> {
  const deliverables = db('deliverables')
    .where({ accompaniment_id: accompanimentId })
    .whereNot('status', 'accepted')
    .orderBy([{ column: 'expected_on' }, { column: 'id' }])
    .select<{ title: string }[]>('title');
  const end = phase ? (phase.actual_end ?? phase.planned_end) : null;
  if (end) deliverables.where((q) => q.where('expected_on', '<=', end));
  const sessions = db('sessions')
    .where('accompaniment_id', accompanimentId)
    .andWhere('status', 'planned')
    .orderBy([{ column: 'starts_at' }, { column: 'id' }])
    .select<{ title: string }[]>('title');
  if (phase) sessions.where('phase_id', phase.id);
  // One after the other: inside a transaction both run on its one connection anyway.
  const d = await deliverables;
  const s = await sessions;
  return { deliverables: d.map((r) => r.title), sessions: s.map((r) => r.title) };
}

export const isReady = (m: Missing) => !m.deliverables.length && !m.sessions.length;
