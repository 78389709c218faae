/**
 * The parcours page's workflows (issue 19): its diagnostic, its actions planned or recorded and their
 * moves, an orientation's outcome, the follow-up checkpoints, closing and reopening, linking a case.
 * They take the write context and plain data, never a request. The commands other areas call
 * (opening a parcours, its consultancy actions) are in commands.ts.
 */
import { localToday, refuseBefore } from '../platform/dates';
import type { MessageKey } from '../platform/i18n';
import type { WriteContext } from '../platform/write';
import type { Id } from '../platform/id';
import { applyActionTransition, applyPathwayTransition, createAction } from './lifecycle';
import type { ActionInput, ActionTransitionInput, CheckpointInput, DiagnosticInput } from './schemas';
import { ensureConsultancyAction } from './commands';

const later = (a: string, b: string) => (a > b ? a : b);

// Each takes the write context and plain data, checks the dates
// that depend on the record (never before the parcours opened), writes and audits.

type P = { id: string; opened_on: string; organisation_id: string; operator_id: string };
const audited = (w: WriteContext, p: P, action: string, details: Record<string, unknown> = {}) =>
  w.audit({ action: `pathway.${action}`, entityType: 'pathway', entityId: p.id, details });

/** Its own diagnostic (dated, not before the opening), or its part of the collective diagnostic of one of its cases. */
export async function writeDiagnostic(w: WriteContext, p: P, input: DiagnosticInput) {
  if (input.mode === 'own') {
    refuseBefore('diagnosed_on', input.diagnosed_on, p.opened_on, 'pathways.dateBeforeOpening');
    const { mode: _mode, ...fields } = input;
    await w
      .trx('pathways')
      .where({ id: p.id })
      .update({
        ...fields,
        shared_diagnostic_accompaniment_id: null,
        updated_at: w.trx.fn.now(),
      });
  } else {
    const ok = await w
      .trx('pathway_actions as x')
      .join('diagnostics as d', 'd.accompaniment_id', 'x.accompaniment_id')
      .where({ 'x.pathway_id': p.id, 'x.accompaniment_id': input.shared_diagnostic_accompaniment_id })
      .first<{ id: Id } | undefined>('x.id');
    if (!ok) throw new PathwayFieldRefused('shared_diagnostic_accompaniment_id', 'pathways.diagnostic.pickCase');
    await w.trx('pathways').where({ id: p.id }).update({
      shared_diagnostic_accompaniment_id: input.shared_diagnostic_accompaniment_id,
      diagnosed_on: null,
      diagnostic_summary: null,
      diagnostic_needs: null,
      diagnostic_recommendations: null,
      updated_at: w.trx.fn.now(),
    });
  }
  await audited(w, p, 'diagnostic', { mode: input.mode });
}

/** A refusal of a command that belongs next to one field of the form. */
export class PathwayFieldRefused extends Error {
  constructor(
    readonly field: string,
    readonly key: MessageKey,
  ) {
    super(key);
  }
}

/**
 * A planned action (the plan: a target date, any day from the opening on) or one recorded after it
 * happened (done on its day, never before the opening nor in the future). Returns its id.
 */
export async function addAction(w: WriteContext, p: P, input: ActionInput) {
  const actorId = w.actor.userId ?? null;
  if (input.mode === 'plan') {
    refuseBefore('target_on', input.target_on, p.opened_on, 'pathways.dateBeforeOpening');
    const id = await createAction(
      w.trx,
      {
        pathway_id: p.id,
        kind: input.kind,
        title: input.title,
        target_on: input.target_on,
        partner: input.partner,
        notes: input.notes,
      },
      'planned',
      { actorId, happenedOn: later(localToday(), p.opened_on) },
    );
    await audited(w, p, 'action.plan', { action_id: id, kind: input.kind, target_on: input.target_on });
    return id;
  }
  refuseBefore('happened_on', input.happened_on, p.opened_on, 'pathways.dateBeforeOpening');
  const row = {
    pathway_id: p.id,
    kind: input.kind,
    title: input.kind === 'orientation' ? input.partner : input.title,
    started_on: input.happened_on,
    ended_on: input.happened_on,
    notes: input.notes,
    ...(input.kind === 'advice' ? { hours: input.hours } : {}),
    ...(input.kind === 'orientation' ? { partner: input.partner } : {}),
    ...(input.kind === 'local_offer' ? { attendance: input.attendance } : {}),
  };
  const id = await createAction(w.trx, row, 'done', { actorId, happenedOn: input.happened_on });
  await audited(w, p, 'action.record', { action_id: id, kind: input.kind, happened_on: input.happened_on });
  return id;
}

/** An action started, done (with its hours or attendance) or cancelled (with a reason), on the day chosen. */
export async function moveAction(
  w: WriteContext,
  p: P,
  action: { id: string; kind: string },
  input: ActionTransitionInput,
) {
  const extra: Record<string, unknown> = {};
  if (input.event === 'complete' && action.kind === 'advice' && input.hours !== null) extra.hours = input.hours;
  if (input.event === 'complete' && action.kind === 'local_offer' && input.attendance !== null)
    extra.attendance = input.attendance;
  const moved = await applyActionTransition(w.trx, action.id, input.event, {
    actorId: w.actor.userId ?? null,
    happenedOn: input.happened_on,
    reason: input.reason,
    extra,
  });
  await audited(w, p, `action.${input.event}`, { action_id: action.id, ...moved, happened_on: input.happened_on });
}

/** What came of an orientation, on the day it was known (not before the orientation). */
export async function recordOutcome(
  w: WriteContext,
  p: P,
  action: { id: string; kind: string; ended_on: string | null },
  input: { outcome: string; outcome_on: string },
) {
  if (action.kind !== 'orientation') throw new PathwayFieldRefused('outcome', 'pathways.action.invalid');
  refuseBefore(
    'outcome_on',
    input.outcome_on,
    action.ended_on ?? p.opened_on,
    'pathways.outcome.dateBeforeOrientation',
  );
  await w
    .trx('pathway_actions')
    .where({ id: action.id })
    .update({ ...input, updated_at: w.trx.fn.now() });
  await audited(w, p, 'action.outcome', { action_id: action.id, outcome_on: input.outcome_on });
}

/** A follow-up checkpoint held (its due date computed by follow-up.ts), never before the parcours opened. */
export async function recordCheckpoint(
  w: WriteContext,
  p: P,
  checkpoint: { offset_months: number; due_on: string },
  input: CheckpointInput,
) {
  refuseBefore('held_on', input.held_on, p.opened_on, 'pathways.dateBeforeOpening');
  const row = {
    ...input,
    recorded_by: w.actor.userId ?? null,
    recorded_at: w.trx.fn.now(),
  };
  await w
    .trx('pathway_checkpoints')
    .insert({ pathway_id: p.id, offset_months: checkpoint.offset_months, due_on: checkpoint.due_on, ...row })
    .onConflict(['pathway_id', 'offset_months'])
    .merge({ ...row, lock_version: w.trx.raw('pathway_checkpoints.lock_version + 1') });
  await audited(w, p, 'checkpoint', { offset_months: checkpoint.offset_months, held_on: input.held_on });
}

/** Closing (with its reason and day) or reopening the parcours (lifecycle.ts). */
export async function movePathway(
  w: WriteContext,
  p: P,
  event: 'close' | 'reopen',
  input: { happened_on: string; reason: string },
) {
  const moved = await applyPathwayTransition(w.trx, p.id, event, {
    actorId: w.actor.userId ?? null,
    happenedOn: input.happened_on,
    reason: input.reason,
  });
  await audited(w, p, event, { ...moved, happened_on: input.happened_on, reason: input.reason });
}

/** A case of the structure at this operator that is not in the parcours yet becomes its consultancy action. */
export async function linkCase(w: WriteContext, p: P, accompanimentId: string) {
  const member = await w
    .trx('accompaniments as a')
    .join('accompaniment_beneficiaries as b', 'b.accompaniment_id', 'a.id')
    .where({ 'a.id': accompanimentId, 'a.operator_id': p.operator_id, 'b.organisation_id': p.organisation_id })
    .first<{ id: Id } | undefined>('a.id');
  if (!member) throw new PathwayFieldRefused('accompaniment_id', 'pathways.consultancy.pickCase');
  await ensureConsultancyAction(w.trx, {
    accompanimentId,
    organisationId: p.organisation_id,
    actorId: w.actor.userId ?? null,
  });
  await audited(w, p, 'action.link', { accompaniment_id: accompanimentId });
}
