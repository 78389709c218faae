/**
 * The structures' commands, callable from a route, a job or the CLI: each takes the write context
 * (transaction + audit) and plain data, never a request. Creating a structure, editing it at the
 * version the form showed (logging only the fields that changed).
 */
import type { WriteContext } from '../platform/write';
import { listedValue } from '../reference-lists/lists';
import { insertStructure, Structure, updateStructure } from './queries';
import type { StructureInput } from './schemas';

/**
 * The legal form and sector as stored: codes of the national lists (src/reference-lists/), a label typed
 * as such becoming its code; the value the structure already held is kept as it is. Else ListCodeRefused.
 */
const listed = async (w: WriteContext, input: StructureInput, before?: Structure): Promise<StructureInput> => ({
  ...input,
  legal_form: await listedValue(w.trx, 'legal_form', 'legal_form', input.legal_form, before?.legal_form),
  sector: await listedValue(w.trx, 'sector', 'sector', input.sector, before?.sector),
});

/** A new structure, logged with its name, SIRET and type. Its id. */
export async function createStructure(w: WriteContext, typed: StructureInput) {
  const input = await listed(w, typed);
  const id = await insertStructure(w.trx, input);
  await w.audit({
    action: 'structure.create',
    entityType: 'structure',
    entityId: id,
    details: { name: input.name, siret: input.siret, siae_type: input.siae_type },
  });
  return id;
}

/** The fields the form changed (an absent list is an empty one, any other absent value null). */
const changedFields = (before: Structure, input: StructureInput) =>
  Object.fromEntries(
    Object.entries(input).filter(
      ([k, v]) => JSON.stringify(v) !== JSON.stringify(before[k as keyof Structure] ?? (Array.isArray(v) ? [] : null)),
    ),
  );

/**
 * Saves a structure at the version the form showed, logged with what changed. False when someone
 * saved in between (logged as a conflict).
 */
export async function editStructure(w: WriteContext, before: Structure, lockVersion: number, typed: StructureInput) {
  const input = await listed(w, typed, before);
  if (!(await updateStructure(w.trx, before.id, lockVersion, input))) {
    await w.audit({ action: 'structure.update_conflict', entityType: 'structure', entityId: before.id });
    return false;
  }
  const changed = changedFields(before, input);
  await w.audit({ action: 'structure.update', entityType: 'structure', entityId: before.id, details: { changed } });
  return true;
}
