/**
 * The parcours of a structure (issue 19): the commands that other areas call (intake opens a
 * parcours, accompaniments put their consultancy in it); those of the parcours pages are in
 * record-commands.ts.
 * They take a transaction and plain data, never a request, so a route, a job, the seeds or the CLI
 * can call them. Nobody else writes pathways or pathway_actions.
 */
import type { Knex } from 'knex';
import { localDayOf, localToday } from '../platform/dates';
import type { Id } from '../platform/id';
import type { AccompanimentsRow, PathwayActionsRow, PathwaysRow } from '../platform/db-tables';
import { applyPathwayTransition, createAction, followCase, logPathwayOpened } from './lifecycle';
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
    const facts = await consultancyFacts(trx, accompanimentId, x.organisation_id);
    if (facts) await syncAction(trx, x.id, x.status, facts, opts.actorId, opts.onDate);
  }
}
