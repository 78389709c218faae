/**
 * The intake register's commands, callable from a route, a job or the CLI: each takes the write
 * context (transaction + audit) and plain data, never a request. Recording a request (with its
 * structure, created when new), giving it its outcome (a diagnostic opens the structure's parcours),
 * reopening a mistaken outcome. Statuses move only through lifecycle.ts.
 */
import { operatorSettings } from '../operator-settings/settings';
import { openPathway } from '../pathways/commands';
import { DateRefused, localToday } from '../platform/dates';
import type { MessageKey } from '../platform/i18n';
import type { WriteContext } from '../platform/write';
import { createStructure } from '../structures/commands';
import { duplicates } from '../structures/queries';
import type { StructureInput } from '../structures/schemas';
import { applyIntakeTransition, logIntakeCreated, OUTCOME_EVENT } from './lifecycle';
import { insertIntakeRequest, ownerChoices } from './queries';
import type { IntakeInput, OutcomeInput, ReopenInput } from './schemas';

/** A field refused by a command (a rule the form alone cannot check): said next to the field. */
export class IntakeFieldRefused extends Error {
  constructor(
    readonly field: string,
    readonly key: MessageKey,
  ) {
    super(key);
  }
}

/** A new structure of the directory from the few fields the intake form asks. */
const newStructure = (input: IntakeInput): StructureInput => ({
  name: input.new_name ?? '',
  siret: input.new_siret,
  department: input.new_department,
  email: null,
  legal_form: input.new_legal_form,
  siae_type: null,
  taxable: false,
  activities: [],
  sector: null,
  employees: null,
  employees_in_insertion: null,
  address: null,
  postcode: null,
  city: input.new_city,
  networks: [],
});

/** The structure asking: the one picked (a structure of the directory), or a new one created now. */
async function structureOf(w: WriteContext, input: IntakeInput) {
  if (input.structure_mode === 'existing') {
    const found = await w
      .trx('organisations')
      .where({ id: input.organisation_id, kind: 'structure', active: true })
      .first<{ id: string } | undefined>('id');
    if (!found) throw new IntakeFieldRefused('organisation_id', 'intake.structure.pick');
    return found.id;
  }
  const structure = newStructure(input);
  const taken = await duplicates(w.trx, structure);
  if (taken.name) throw new IntakeFieldRefused('new_name', 'intake.structure.nameTaken');
  if (taken.siret) throw new IntakeFieldRefused('new_siret', 'structures.siret.taken');
  return createStructure(w, structure);
}

/**
 * Records a request received by the operator: the checklist's ticks must be criteria of the
 * operator's settings, the owner one of its coordinators or direction, the day not in the future.
 * A new structure joins the directory. Its id.
 */
export async function createIntakeRequest(
  w: WriteContext,
  operatorId: string,
  input: IntakeInput,
  actorId: string | null,
) {
  if (input.received_on > localToday()) throw new DateRefused('received_on', 'validation.dateFuture');
  const { eligibility_criteria } = await operatorSettings(w.trx, operatorId);
  if (input.eligibility_met.some((c) => !eligibility_criteria.includes(c)))
    throw new IntakeFieldRefused('eligibility_met', 'intake.eligibility.unknown');
  if (!(await ownerChoices(w.trx, operatorId)).some((o) => o.id === input.owner_id))
    throw new IntakeFieldRefused('owner_id', 'intake.owner.required');
  const organisationId = await structureOf(w, input);
  const id = await insertIntakeRequest(w.trx, { operatorId, organisationId, actorId }, input);
  await logIntakeCreated(w.trx, id, input.received_on, actorId);
  await w.audit({
    action: 'intake_request.create',
    entityType: 'intake_request',
    entityId: id,
    details: {
      organisation_id: organisationId,
      new_structure: input.structure_mode === 'new',
      channel: input.channel,
      received_on: input.received_on,
      owner_id: input.owner_id,
    },
  });
  return id;
}

type Answered = { id: string; operator_id: string; organisation_id: string; owner_id: string | null };

/**
 * Gives a received request its outcome on the day chosen. A diagnostic opens the structure's parcours
 * at the operator (or finds the one it has) and returns its id; the other outcomes return null.
 */
export async function recordOutcome(w: WriteContext, r: Answered, input: OutcomeInput, actorId: string | null) {
  const moved = await applyIntakeTransition(w.trx, r.id, OUTCOME_EVENT[input.outcome], {
    actorId,
    on: input.outcome_on,
    dateField: 'outcome_on',
    reason: input.outcome_reason,
    partner: input.outcome_partner,
  });
  const pathwayId =
    moved.to === 'diagnostic'
      ? await openPathway(w.trx, {
          operatorId: r.operator_id,
          organisationId: r.organisation_id,
          coordinatorId: r.owner_id ?? actorId,
          intakeRequestId: r.id,
          openedOn: input.outcome_on,
          actorId,
        })
      : null;
  await w.audit({
    action: 'intake_request.outcome',
    entityType: 'intake_request',
    entityId: r.id,
    details: {
      ...moved,
      outcome_on: input.outcome_on,
      partner: moved.to === 'oriented' ? input.outcome_partner : null,
      reason: input.outcome_reason,
      pathway_id: pathwayId,
    },
  });
  return pathwayId;
}

/** Takes a mistaken outcome back: the request is received again, the reason and the day logged. */
export async function reopenIntakeRequest(w: WriteContext, r: Answered, input: ReopenInput, actorId: string | null) {
  const moved = await applyIntakeTransition(w.trx, r.id, 'reopen', {
    actorId,
    on: input.reopened_on,
    dateField: 'reopened_on',
    reason: input.reopen_reason,
  });
  await w.audit({
    action: 'intake_request.reopen',
    entityType: 'intake_request',
    entityId: r.id,
    details: { ...moved, reopened_on: input.reopened_on, reason: input.reopen_reason },
  });
}
