import type { Trx } from '../platform/db';
import { refuseBefore } from '../platform/dates';
import type { WriteContext } from '../platform/write';
import { applyDeliverableTransition, findDeliverableTransition, refuseIfFinal } from './lifecycle';
import { insertAction, insertDeliverable, lockDeliverable } from './queries';
import type { ActionInput, DeliverableInput } from './schemas';
import { tellSubmitted } from './mails';

/**
 * What happens to a deliverable, callable from a route, a job or the CLI: each command takes the
 * write context (transaction, actor, audit) or the transaction, and plain data. Refusals are
 * DeliverableRefused (a French reason) or DateRefused (a day, next to its field).
 */

type Case = { id: string; intake_on?: string | null };
type Deliverable = { id: string; accompaniment_id: string };

export async function createDeliverable(w: WriteContext, accompanimentId: string, input: DeliverableInput) {
  const id = await insertDeliverable(w.trx, accompanimentId, input, w.actor.userId);
  await w.audit({
    action: 'deliverable.create',
    entityType: 'deliverable',
    entityId: id,
    details: { accompaniment_id: accompanimentId, ...input },
  });
  return id;
}

/**
 * A new version of the deliverable, handed in on `submittedOn` (the document already stored in
 * this transaction): never after acceptance, never before the case's intake nor before the
 * version it follows. After changes were requested, the new version puts it back under review.
 */
export async function addVersion(
  trx: Trx,
  d: Deliverable,
  acc: Case,
  v: { documentId: string; sha256: string; submittedOn: string; userId: string | null; baseUrl: string },
) {
  const locked = await lockDeliverable(trx, d.id);
  refuseIfFinal(locked.status);
  const [{ max }] = await trx('deliverable_versions')
    .where({ deliverable_id: d.id })
    .max<{ max: number | null }[]>('version as max');
  const version = Number(max ?? 0) + 1;
  refuseBefore('submitted_on', v.submittedOn, acc.intake_on, 'deliverables.dates.beforeIntake');
  const previous = await trx('deliverable_versions')
    .where({ deliverable_id: d.id })
    .orderBy('version', 'desc')
    .first<{ submitted_on: string } | undefined>('submitted_on');
  refuseBefore('submitted_on', v.submittedOn, previous?.submitted_on, 'deliverables.dates.beforePreviousVersion');
  await trx('deliverable_versions').insert({
    deliverable_id: d.id,
    version,
    document_id: v.documentId,
    sha256: v.sha256,
    uploaded_by: v.userId,
    submitted_on: v.submittedOn,
  });
  const resubmitted = Boolean(findDeliverableTransition(locked.status, 'new_version'));
  if (resubmitted) {
    await applyDeliverableTransition(trx, d.id, 'new_version', { actorId: v.userId, onDate: v.submittedOn });
    await tellSubmitted(trx, d.id, v.userId, v.baseUrl);
  } else await trx('deliverables').where({ id: d.id }).update({ updated_at: trx.fn.now() });
  return { version, resubmitted };
}

/**
 * Submits an expected deliverable that has a version, on `onDate` (the day of the click: the form has
 * none); the coordinator is told by mail (links from `baseUrl`).
 */
export async function submitDeliverable(w: WriteContext, d: Deliverable, onDate: string, baseUrl: string) {
  const moved = await applyDeliverableTransition(w.trx, d.id, 'submit', { actorId: w.actor.userId, onDate });
  await tellSubmitted(w.trx, d.id, w.actor.userId, baseUrl);
  await w.audit({
    action: 'deliverable.submit',
    entityType: 'deliverable',
    entityId: d.id,
    details: { accompaniment_id: d.accompaniment_id, from: moved.from },
  });
}

/**
 * The coordinator's decision on the latest version, on the day chosen (never before the case's
 * intake nor before that version was handed in): accepted, or changes requested with a comment.
 * Accepting an action plan publishes its actions.
 */
export async function reviewDeliverable(
  w: WriteContext,
  d: Deliverable,
  acc: Case,
  input: { decision: 'accept' | 'changes'; comment: string | null; decided_on: string },
) {
  const accept = input.decision === 'accept';
  const { to: status } = await applyDeliverableTransition(w.trx, d.id, accept ? 'accept' : 'request_changes', {
    actorId: w.actor.userId,
    onDate: input.decided_on,
  });
  const reviewed = await w
    .trx('deliverable_versions')
    .where({ deliverable_id: d.id })
    .orderBy('version', 'desc')
    .first<{ version: number; submitted_on: string } | undefined>('version', 'submitted_on');
  const version = reviewed?.version ?? null;
  refuseBefore('decided_on', input.decided_on, acc.intake_on, 'deliverables.dates.beforeIntake');
  refuseBefore('decided_on', input.decided_on, reviewed?.submitted_on, 'deliverables.dates.beforeSubmission');
  await w.trx('deliverable_comments').insert({
    deliverable_id: d.id,
    decision: status,
    body: input.comment,
    version,
    author_id: w.actor.userId,
    decided_on: input.decided_on,
  });
  const published = accept ? await w.trx('action_items').where({ deliverable_id: d.id }).update({ visible: true }) : 0;
  await w.audit({
    action: `deliverable.${status}`,
    entityType: 'deliverable',
    entityId: d.id,
    details: {
      accompaniment_id: acc.id,
      version,
      comment: input.comment,
      decided_on: input.decided_on,
      actions_published: published,
    },
  });
  return status;
}

/** A structure's consent to show the deliverable to the funders, once per structure: false when already given. */
export async function recordConsent(
  w: WriteContext,
  d: Deliverable,
  input: { organisation_id: string; signatory_name: string; given_on: string },
) {
  const rows = await w
    .trx('deliverable_consents')
    .insert({
      deliverable_id: d.id,
      organisation_id: input.organisation_id,
      scope: 'funders',
      signatory_name: input.signatory_name,
      given_on: input.given_on,
      given_by: w.actor.userId,
    })
    .onConflict(['deliverable_id', 'organisation_id', 'scope'])
    .ignore()
    .returning<{ id: string }[]>('id');
  await w.audit({
    action: rows.length ? 'deliverable.consent' : 'deliverable.consent_duplicate',
    entityType: 'deliverable',
    entityId: d.id,
    details: { accompaniment_id: d.accompaniment_id, ...input, scope: 'funders' },
  });
  return rows.length > 0;
}

/** An action of an action plan, until the plan is accepted. */
export async function addAction(w: WriteContext, d: Deliverable, input: ActionInput) {
  const locked = await lockDeliverable(w.trx, d.id);
  refuseIfFinal(locked.status);
  const id = await insertAction(w.trx, d, input);
  await w.audit({
    action: 'deliverable.action_add',
    entityType: 'deliverable',
    entityId: d.id,
    details: { accompaniment_id: d.accompaniment_id, action_item_id: id, ...input },
  });
  return id;
}

/** Removes an action of a plan not yet accepted (refused once accepted, meanwhile too): how many were removed (0: none such). */
export async function removeAction(w: WriteContext, d: Deliverable, actionId: string) {
  const locked = await lockDeliverable(w.trx, d.id);
  refuseIfFinal(locked.status);
  const n = await w.trx('action_items').where({ id: actionId, deliverable_id: d.id }).del();
  await w.audit({
    action: 'deliverable.action_remove',
    entityType: 'deliverable',
    entityId: d.id,
    details: { accompaniment_id: d.accompaniment_id, action_item_id: actionId, removed: n },
  });
  return n;
}
