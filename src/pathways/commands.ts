/**
 * The parcours of a structure (issue 19): the commands that other areas call (intake opens a
 * parcours, accompaniments put their consultancy in it) and the ones of the parcours pages.
 * They take a transaction and plain data, never a request, so a route, a job, the seeds or the CLI
 * can call them. Nobody else writes pathways or pathway_actions.
 */
import type { Knex } from 'knex';
import { localDayOf, localToday } from '../platform/dates';
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
    .first('id', 'status', 'closed_on', 'intake_request_id', 'coordinator_id');
  if (existing) {
    const id = String(existing.id);
    const changes: Record<string, unknown> = {};
    if (input.intakeRequestId && !existing.intake_request_id) changes.intake_request_id = input.intakeRequestId;
    if (input.coordinatorId && !existing.coordinator_id) changes.coordinator_id = input.coordinatorId;
    if (existing.status === 'closed') {
      Object.assign(changes, { status: 'open', closed_on: null, closure_reason: null });
      const closedOn = day(existing.closed_on) ?? input.openedOn;
      await trx('pathway_transitions').insert({
        pathway_id: id,
        event: 'reopen',
        from_status: 'closed',
        to_status: 'open',
        happened_on: later(input.openedOn, closedOn),
        actor_id: input.actorId,
        reason: input.intakeRequestId ? 'intake_request' : 'new_action',
      });
    }
    if (Object.keys(changes).length)
      await trx('pathways')
        .where({ id })
        .update({ ...changes, updated_at: trx.fn.now(), lock_version: trx.raw('lock_version + 1') });
    return id;
  }
  const [row] = await trx('pathways')
    .insert({
      operator_id: input.operatorId,
      organisation_id: input.organisationId,
      coordinator_id: input.coordinatorId,
      intake_request_id: input.intakeRequestId,
      status: 'open',
      opened_on: input.openedOn,
    })
    .returning('id');
  const id = String(row.id);
  await trx('pathway_transitions').insert({
    pathway_id: id,
    event: 'open',
    from_status: null,
    to_status: 'open',
    happened_on: input.openedOn,
    actor_id: input.actorId,
    reason: null,
  });
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
  const a = await trx('accompaniments').where({ id: accompanimentId }).first('state');
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
    .first('id', 'operator_id', 'coordinator_id', 'title', 'intake_on', 'planned_start');
  if (!a) return;
  const intakeOn = day(a.intake_on) as string;
  const pathwayId = await openPathway(trx, {
    operatorId: String(a.operator_id),
    organisationId: input.organisationId,
    coordinatorId: a.coordinator_id ? String(a.coordinator_id) : null,
    intakeRequestId: null,
    openedOn: intakeOn,
    actorId: input.actorId,
  });
  const facts = await consultancyFacts(trx, input.accompanimentId, input.organisationId);
  if (!facts) return;
  const existing = await trx('pathway_actions')
    .where({ pathway_id: pathwayId, accompaniment_id: input.accompanimentId })
    .first('id', 'status');
  if (existing) {
    await syncAction(trx, String(existing.id), String(existing.status), facts, input.actorId);
    return;
  }
  const [row] = await trx('pathway_actions')
    .insert({
      pathway_id: pathwayId,
      kind: 'consultancy',
      status: facts.status,
      title: a.title,
      target_on: day(a.planned_start),
      started_on: facts.started_on,
      ended_on: facts.ended_on,
      accompaniment_id: input.accompanimentId,
      created_by: input.actorId,
    })
    .returning('id');
  await trx('pathway_action_transitions').insert({
    pathway_action_id: String(row.id),
    event: 'create',
    from_status: null,
    to_status: facts.status,
    happened_on: intakeOn,
    actor_id: input.actorId,
    reason: null,
  });
}

async function syncAction(
  trx: Knex,
  actionId: string,
  from: string,
  facts: ConsultancyFacts,
  actorId: string | null,
  onDate?: string,
) {
  await trx('pathway_actions').where({ id: actionId }).update({
    status: facts.status,
    started_on: facts.started_on,
    ended_on: facts.ended_on,
    updated_at: trx.fn.now(),
  });
  if (from === facts.status) return;
  await trx('pathway_action_transitions').insert({
    pathway_action_id: actionId,
    event: 'follow_case',
    from_status: from,
    to_status: facts.status,
    happened_on: onDate ?? facts.ended_on ?? facts.started_on ?? localToday(),
    actor_id: actorId,
    reason: null,
  });
}

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
