/**
 * The organisations' commands, callable from a route, a job or the CLI: each takes the write
 * context (transaction + audit) and plain data, never a request. Creating an organisation, editing
 * it at the version the form showed.
 */
import type { WriteContext } from '../platform/write';
import { insertOrganisation, Organisation, updateOrganisation } from './queries';
import type { OrganisationInput } from './schemas';

/** A new organisation, logged with its name and kind. Its id. */
export async function createOrganisation(w: WriteContext, input: OrganisationInput) {
  const id = await insertOrganisation(w.trx, input);
  await w.audit({
    action: 'organisation.create',
    entityType: 'organisation',
    entityId: id,
    details: { name: input.name, kind: input.kind },
  });
  return id;
}

/** The kind of an organisation with members cannot change: their roles depend on it. */
export class KindLocked extends Error {}

/**
 * Saves an organisation at the version the form showed, logged with its name and kind before and
 * after. False when someone saved in between (logged as a conflict); KindLocked.
 */
export async function editOrganisation(
  w: WriteContext,
  before: Pick<Organisation, 'id' | 'name' | 'kind'>,
  lockVersion: number,
  input: OrganisationInput,
) {
  // Members' roles depend on the kind: changing it under them would leave roles that make no sense.
  if (input.kind !== before.kind && (await w.trx('users').where({ organisation_id: before.id }).first('id'))) {
    throw new KindLocked();
  }
  const ok = await updateOrganisation(w.trx, before.id, lockVersion, input);
  const entry = { entityType: 'organisation', entityId: before.id };
  await w.audit(
    ok
      ? {
          action: 'organisation.update',
          ...entry,
          details: { before: { name: before.name, kind: before.kind }, after: { name: input.name, kind: input.kind } },
        }
      : { action: 'organisation.update_conflict', ...entry },
  );
  return ok;
}
