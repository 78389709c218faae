/**
 * The parcours of a structure (issue 19): the commands that other areas call (intake opens a
 * parcours, accompaniments put their consultancy in it) and the ones of the parcours pages.
 * They take a transaction and plain data, never a request, so a route, a job, the seeds or the CLI
 * can call them. Nobody else writes pathways or pathway_actions.
 */
import type { Knex } from 'knex';
import { localDayOf, localToday, refuseBefore } from '../platform/dates';
import type { MessageKey } from '../platform/i18n';
import type { WriteContext } from '../platform/write';
import type { Id } from '../platform/id';
import type { AccompanimentsRow, PathwayActionsRow, PathwaysRow } from '../platform/db-tables';
import { applyActionTransition, applyPathwayTransition, createAction, followCase, logPathwayOpened } from './lifecycle';
import type { ActionInput, ActionTransitionInput, CheckpointInput, DiagnosticInput } from './schemas';
import { consultancyFactsSql, consultancyStatusOf, type ConsultancyActionStatus } from './consultancy-status';

type OpenPathwayInput = {
  operatorId: string;
  organisationId: string;
  coordinatorId: string | null;
  intakeRequestId: string | null;
  /** yyyy-mm-dd */
  openedOn: string;
  actorId: string | null;
};

const later = (a: string, b: string) => (a > b ? a : b);
const day = (v: Date | string | null | undefined): string | null =>
  v == null ? null : typeof v === 'string' ? v.slice(0, 10) : localDayOf(v);

/**
 * Opens the parcours of a structure at an operator and returns its id. A structure has one parcours
 * per operator: when it exists already, that one is returned, reopened if it was closed (logged,
 * the reopening dated the day asked, not before its closure), its request linked if it had none and
 * its coordinator set if it had none.
 */
export async function openPathway(trx: Knex, input: OpenPathwayInput): Promise<string> {
  const existing = await trx('pathways')
    .where({ operator_id: input.operatorId, organisation_id: input.organisationId })
    .forUpdate()
    .first<Pick<PathwaysRow, 'id' | 'status' | 'closed_on' | 'intake_request_id' | 'coordinator_id'> | undefined>(
      'id',
      'status',
      'closed_on',
      'intake_request_id',
      'coordinator_id',
    );
  if (existing) {
    const id = existing.id;
    const changes: Record<string, unknown> = {};
    if (input.intakeRequestId && !existing.intake_request_id) changes.intake_request_id = input.intakeRequestId;
    if (input.coordinatorId && !existing.coordinator_id) changes.coordinator_id = input.coordinatorId;
    if (Object.keys(changes).length)
      await trx('pathways')
        .where({ id })
        .update({ ...changes, updated_at: trx.fn.now(), lock_version: trx.raw('lock_version + 1') });
    if (existing.status === 'closed')
      await applyPathwayTransition(trx, id, 'reopen', {
        actorId: input.actorId,
        happenedOn: later(input.openedOn, day(existing.closed_on) ?? input.openedOn),
        reason: input.intakeRequestId ? 'intake_request' : 'new_action',
      });
    return id;
  }
  const [row] = await trx('pathways')
    .insert({
      operator_id: input.operatorId,
      organisation_id: input.organisationId,
      coordinator_id: input.coordinatorId,
      intake_request_id: input.intakeRequestId,
      opened_on: input.openedOn,
    })
    .returning<{ id: Id }[]>('id');
  const id = row.id;
  await logPathwayOpened(trx, id, input.openedOn, input.actorId);
  return id;
}

type ConsultancyFacts = { status: ConsultancyActionStatus; started_on: string | null; ended_on: string | null };

/**
 * What a case says of the consultancy action of one of its structures (consultancyFactsSql: status
 * from its state or the structure's withdrawal, start and end from its transitions). A structure not
 * (yet) in the case: the case's state alone.
 */
export async function consultancyFacts(
  trx: Knex,
  accompanimentId: string,
  organisationId: string,
): Promise<ConsultancyFacts | null> {
  type Row = { status: ConsultancyActionStatus; started_on: Date | string | null; ended_on: Date | string | null };
  const { rows } = await trx.raw<{ rows: Row[] }>(consultancyFactsSql('a.id = ? and b.organisation_id = ?'), [
    accompanimentId,
    organisationId,
  ]);
  if (rows[0]) return { status: rows[0].status, started_on: day(rows[0].started_on), ended_on: day(rows[0].ended_on) };
  const a = await trx('accompaniments')
    .where({ id: accompanimentId })
    .first<Pick<AccompanimentsRow, 'state'> | undefined>('state');
  return a ? { status: consultancyStatusOf(String(a.state)), started_on: null, ended_on: null } : null;
}

/**
 * The structure's parcours at the case's operator gets the consultancy action of that accompaniment
 * (created with the parcours if needed, opened on the case's intake date). Idempotent: an action
 * already there is brought up to date with the case instead.
 */
export async function ensureConsultancyAction(
  trx: Knex,
  input: { accompanimentId: string; organisationId: string; actorId: string | null },
): Promise<void> {
  const a = await trx('accompaniments')
    .where({ id: input.accompanimentId })
    .first<
      | Pick<AccompanimentsRow, 'id' | 'operator_id' | 'coordinator_id' | 'title' | 'intake_on' | 'planned_start'>
      | undefined
    >('id', 'operator_id', 'coordinator_id', 'title', 'intake_on', 'planned_start');
  if (!a) return;
  const intakeOn = day(a.intake_on) as string;
  const pathwayId = await openPathway(trx, {
    operatorId: a.operator_id,
    organisationId: input.organisationId,
    coordinatorId: a.coordinator_id || null,
    intakeRequestId: null,
    openedOn: intakeOn,
    actorId: input.actorId,
  });
  const facts = await consultancyFacts(trx, input.accompanimentId, input.organisationId);
  if (!facts) return;
  const existing = await trx('pathway_actions')
    .where({ pathway_id: pathwayId, accompaniment_id: input.accompanimentId })
    .first<Pick<PathwayActionsRow, 'id' | 'status'> | undefined>('id', 'status');
  if (existing) {
    await syncAction(trx, existing.id, String(existing.status), facts, input.actorId);
    return;
  }
  await createAction(
    trx,
    {
      pathway_id: pathwayId,
      kind: 'consultancy',
      title: String(a.title),
      target_on: day(a.planned_start),
      started_on: facts.started_on,
      ended_on: facts.ended_on,
      accompaniment_id: input.accompanimentId,
    },
    facts.status,
    { actorId: input.actorId, happenedOn: intakeOn },
  );
}

const syncAction = (
  trx: Knex,
  actionId: string,
  from: string,
  facts: ConsultancyFacts,
  actorId: string | null,
  onDate?: string,
) =>
  followCase(trx, actionId, from, facts, {
    actorId,
    happenedOn: onDate ?? facts.ended_on ?? facts.started_on ?? localToday(),
  });

/**
 * After a case moves (accompaniments/lifecycle.ts), its consultancy actions in every parcours follow
 * it (status, start, end), each change logged on `onDate` (the day of the move); with `organisationId`,
 * only that structure's action (it left the case or came back: beneficiaries.ts).
 */
export async function syncConsultancyActions(
  trx: Knex,
  accompanimentId: string,
  opts: { actorId: string | null; organisationId?: string; onDate?: string },
) {
  const actions: { id: string; status: string; organisation_id: string }[] = await trx('pathway_actions as pa')
    .join('pathways as p', 'p.id', 'pa.pathway_id')
    .where({ 'pa.accompaniment_id': accompanimentId })
    .modify((q) => {
      if (opts.organisationId) void q.where('p.organisation_id', opts.organisationId);
    })
    .select('pa.id', 'pa.status', 'p.organisation_id');
  for (const x of actions) {
    const facts = await consultancyFacts(trx, accompanimentId, String(x.organisation_id));
    if (facts) await syncAction(trx, String(x.id), String(x.status), facts, opts.actorId, opts.onDate);
  }
}

// ——— The parcours page's workflows: each takes the write context and plain data, checks the dates
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
