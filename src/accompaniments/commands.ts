/**
 * The case's workflows outside the board of other areas: opening and editing a case, moving it
 * (lifecycle.ts), structures joining, leaving and rejoining it. Each is logged; each takes the
 * write context and plain data, so a route, a job or the CLI calls it alike.
 */
import type { WriteContext } from '../platform/write';
import { addBeneficiary, rejoinBeneficiary, withdrawBeneficiary } from './beneficiary-lifecycle';
import { applyTransition } from './lifecycle';
import { insertAccompaniment, updateAccompaniment } from './queries';
import type { AccompanimentInput } from './schemas';
import { askForSurveys } from '../close-out/mails';

/** A new case of the operator, in intake from its intake day (the opening entry of its lifecycle log), with its first structures. */
export async function openCase(
  w: WriteContext,
  operatorId: string,
  input: AccompanimentInput,
  structureIds: string[],
  actorId: string,
) {
  const id = await insertAccompaniment(w.trx, operatorId, input);
  await w.trx('accompaniment_transitions').insert({
    accompaniment_id: id,
    from_state: null,
    to_state: 'intake',
    actor_id: actorId,
    on_date: input.intake_on,
  });
  for (const structureId of structureIds) await addBeneficiary(w.trx, id, structureId, input.intake_on, actorId);
  await w.audit({
    action: 'accompaniment.create',
    entityType: 'accompaniment',
    entityId: id,
    details: { title: input.title, structures: structureIds },
  });
  return id;
}

/** The case's identity saved at the version the form showed (updateAccompaniment); false, logged as a conflict, when someone saved in between. */
export async function editCase(w: WriteContext, id: string, lockVersion: number, input: AccompanimentInput) {
  const ok = await updateAccompaniment(w.trx, id, lockVersion, input);
  await w.audit({
    action: ok ? 'accompaniment.update' : 'accompaniment.update_conflict',
    entityType: 'accompaniment',
    entityId: id,
  });
  return ok;
}

/**
 * A move of the case through its transition table (applyTransition), logged with its comment.
 * Entering the close-out asks the structures for their satisfaction survey (links from `baseUrl`).
 */
export async function moveCase(
  w: WriteContext,
  id: string,
  to: string,
  opts: { actorId: string; comment: string | null; onDate: string },
  baseUrl: string,
) {
  const moved = await applyTransition(w.trx, id, to, opts);
  if (moved.to === 'close_out') await askForSurveys(w.trx, id, baseUrl);
  await w.audit({
    action: 'accompaniment.transition',
    entityType: 'accompaniment',
    entityId: id,
    details: { ...moved, comment: opts.comment },
  });
  return moved;
}

/** A structure joins the case on `joinedOn` (addBeneficiary); false, logged as a duplicate, when it already belongs to it. */
export async function joinCase(
  w: WriteContext,
  accompanimentId: string,
  organisationId: string,
  joinedOn: string,
  actorId: string,
) {
  const ok = await addBeneficiary(w.trx, accompanimentId, organisationId, joinedOn, actorId);
  await w.audit({
    action: ok ? 'beneficiary.add' : 'beneficiary.add_duplicate',
    entityType: 'accompaniment',
    entityId: accompanimentId,
    details: { organisation_id: organisationId },
  });
  return ok;
}

/** A structure leaves the case (withdrawBeneficiary), logged with its reasons. */
export async function leaveCase(
  w: WriteContext,
  accompanimentId: string,
  organisationId: string,
  input: Parameters<typeof withdrawBeneficiary>[3],
  actorId: string,
) {
  await withdrawBeneficiary(w.trx, accompanimentId, organisationId, input, actorId);
  await w.audit({
    action: 'beneficiary.withdraw',
    entityType: 'accompaniment',
    entityId: accompanimentId,
    details: { organisation_id: organisationId, ...input },
  });
}

/** A structure that left comes back on `onDate` (rejoinBeneficiary), logged. */
export async function rejoinCase(
  w: WriteContext,
  accompanimentId: string,
  organisationId: string,
  onDate: string,
  actorId: string,
) {
  await rejoinBeneficiary(w.trx, accompanimentId, organisationId, onDate, actorId);
  await w.audit({
    action: 'beneficiary.rejoin',
    entityType: 'accompaniment',
    entityId: accompanimentId,
    details: { organisation_id: organisationId },
  });
}
