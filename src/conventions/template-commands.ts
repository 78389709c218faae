/**
 * The convention template's commands (a transaction and plain data): a save is a new version of the
 * operator's template, never an overwrite; the default is stored as version 1 the first time an
 * operator created after the migration needs it (a save, or a convention issued from it).
 */
import type { Trx } from '../platform/db';
import type { WriteContext } from '../platform/write';
import { DEFAULT_CLAUSES, type Clause } from './template';

/**
 * The id of the operator's template version in force, the default stored as its version 1 when it
 * has none. The operator's row is locked, so two saves never get the same number.
 */
export async function ensureTemplate(trx: Trx, operatorId: string): Promise<{ id: string; version: number }> {
  await trx('organisations').where({ id: operatorId }).forUpdate().first('id');
  const latest = await trx('convention_template_versions')
    .where({ operator_id: operatorId })
    .orderBy('version', 'desc')
    .first<{ id: string; version: number } | undefined>('id', 'version');
  if (latest) return { id: String(latest.id), version: latest.version };
  const [row] = await trx('convention_template_versions')
    .insert({ operator_id: operatorId, version: 1, clauses: JSON.stringify(DEFAULT_CLAUSES) })
    .returning<{ id: string }[]>('id');
  return { id: String(row.id), version: 1 };
}

/** The operator's template saved as its next version, audited; answers the version's number. */
export async function saveTemplate(w: WriteContext, operatorId: string, userId: string, clauses: Clause[]) {
  const previous = await ensureTemplate(w.trx, operatorId);
  const version = previous.version + 1;
  const [row] = await w
    .trx('convention_template_versions')
    .insert({ operator_id: operatorId, version, clauses: JSON.stringify(clauses), created_by: userId })
    .returning<{ id: string }[]>('id');
  await w.audit({
    action: 'convention_template.save',
    entityType: 'organisation',
    entityId: operatorId,
    details: {
      template_version_id: String(row.id),
      version,
      previous_version: previous.version,
      clauses: clauses.length,
    },
  });
  return version;
}
