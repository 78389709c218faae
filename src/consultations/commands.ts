import type { Trx } from '../platform/db';
import type { MessageKey } from '../platform/i18n';
import { saveAtVersion } from '../platform/locking';
import type { WriteContext } from '../platform/write';
import type { Id } from '../platform/id';
import { listCriteria, lockReason } from './queries';
import type { CriterionRow, TermsInput } from './schemas';

/*
 * Preparing the call: whether it may still change (the case locked, its state and selection re-read),
 * its terms and scoring grid. The bids (invitations, answers, scores) are bid-commands.ts; deciding
 * the call is selection-commands.ts.
 */

/** A change the state of the call does not allow; the key is the French reason shown to the user. */
export class ConsultationRefused extends Error {
  constructor(readonly reasonKey: MessageKey) {
    super(reasonKey);
  }
}

/** Criteria whose new maximum is below scores already given: criterion id → highest score. */
export class GridBelowScores extends Error {
  constructor(readonly highest: Record<string, number>) {
    super('grid below scores');
  }
}

/**
 * Locks the case row (the lifecycle locks it too, so a transition and a change of the call never
 * interleave) and re-reads what decides whether the call may change.
 */
export async function lockCase(trx: Trx, accompanimentId: string) {
  const acc = await trx('accompaniments')
    .where({ id: accompanimentId })
    .forUpdate()
    .first<{ id: Id; state: string }>('id', 'state');
  const selected = await trx('consultation_bids')
    .where({ accompaniment_id: accompanimentId, status: 'selected' })
    .first<{ id: Id; provider_id: Id } | undefined>('id', 'provider_id');
  return {
    state: acc.state,
    selected: selected ?? null,
  };
}

/** Preparing the call (terms, grid, invitations, proposals, scores) is refused once it is decided. */
export async function assertOpen(trx: Trx, accompanimentId: string) {
  const { state, selected } = await lockCase(trx, accompanimentId);
  const reason = lockReason(state, Boolean(selected));
  if (reason) throw new ConsultationRefused(reason);
}

/**
 * Optimistic locking of the terms and grid (one form): the save applies only to the version the
 * form showed; null, nothing written, when someone saved in between. Version 0 is also "no terms
 * yet": the first save inserts, and loses against a colleague's first save.
 */
export async function saveTerms(
  trx: Trx,
  accompanimentId: string,
  lockVersion: number,
  terms: TermsInput,
  rows: CriterionRow[],
) {
  await assertOpen(trx, accompanimentId);
  const key = { accompaniment_id: accompanimentId };
  if (
    !(await saveAtVersion(
      trx,
      'consultations',
      key,
      lockVersion,
      { ...terms, updated_at: trx.fn.now() },
      { insertIfNew: true },
    ))
  )
    return null;

  const existing = new Map((await listCriteria(trx, accompanimentId)).map((c) => [c.id, c]));
  const kept = new Set<string>();
  const highest: Record<string, number> = {};
  for (const [position, row] of rows.entries()) {
    if (row.id && existing.has(row.id) && !kept.has(row.id)) {
      kept.add(row.id);
      const top = await trx('bid_scores').where({ criterion_id: row.id }).max('points as top').first();
      if (top?.top !== null && top?.top !== undefined && Number(top.top) > row.max_points)
        highest[row.id] = Number(top.top);
      await trx('consultation_criteria')
        .where({ id: row.id })
        .update({ label: row.label, max_points: row.max_points, position });
    } else {
      await trx('consultation_criteria').insert({
        accompaniment_id: accompanimentId,
        label: row.label,
        max_points: row.max_points,
        position,
      });
    }
  }
  if (Object.keys(highest).length) throw new GridBelowScores(highest);
  const removed = [...existing.keys()].filter((id) => !kept.has(id));
  if (removed.length) await trx('consultation_criteria').whereIn('id', removed).del();
  return { removed: removed.length };
}

/**
 * Saves the terms and the grid at the version the form showed, logged (with the criteria kept and
 * how many went). False when someone saved in between (logged as a conflict); GridBelowScores and
 * ConsultationRefused as saveTerms.
 */
export async function updateTerms(
  w: WriteContext,
  accompanimentId: string,
  lockVersion: number,
  terms: TermsInput,
  rows: CriterionRow[],
) {
  const saved = await saveTerms(w.trx, accompanimentId, lockVersion, terms, rows);
  if (!saved) {
    await w.audit({
      action: 'consultation.terms_update_conflict',
      entityType: 'accompaniment',
      entityId: accompanimentId,
    });
    return false;
  }
  await w.audit({
    action: 'consultation.terms_update',
    entityType: 'accompaniment',
    entityId: accompanimentId,
    details: {
      ...terms,
      criteria: rows.map((r) => ({ label: r.label, max_points: r.max_points })),
      criteria_removed: saved.removed,
    },
  });
  return true;
}
