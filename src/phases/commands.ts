/** The phases' workflows: created from a template, edited all at once; each logged. */
import type { WriteContext } from '../platform/write';
import { createFromTemplate, type PhaseTemplate, savePhases } from './queries';
import type { PhaseRowInput } from './schemas';

/** The template's phases created on the case (PhasesAlreadyExist when it has some), logged; answers how many. */
export async function phasesFromTemplate(w: WriteContext, accompanimentId: string, template: PhaseTemplate) {
  const n = await createFromTemplate(w.trx, accompanimentId, template);
  await w.audit({
    action: 'phases.from_template',
    entityType: 'accompaniment',
    entityId: accompanimentId,
    details: { template_id: template.id, template: template.name, phases: n },
  });
  return n;
}

/** Every phase saved at the version the form showed (savePhases); false, logged as a conflict, when someone saved in between. */
export async function editPhases(w: WriteContext, accompanimentId: string, lockVersion: number, rows: PhaseRowInput[]) {
  const result = await savePhases(w.trx, accompanimentId, lockVersion, rows);
  await w.audit({
    action: result ? 'phases.update' : 'phases.update_conflict',
    entityType: 'accompaniment',
    entityId: accompanimentId,
    details: result ?? {},
  });
  return result !== null;
}
