import type { Db } from '../../src/platform/db';
import { beneficiaryOf, diagnosticCase, funderOf, selectedProvider } from './diagnostics';

/** A case in delivery with its coordinator, two structures, a selected provider, a structure user and a funder. */
export async function deliveryCase(db: Db) {
  const c = await diagnosticCase(db, { state: 'delivery' });
  const provider = await selectedProvider(db, c.acc.id);
  const beneficiary = await beneficiaryOf(db, c.structures[0].id);
  const funder = await funderOf(db, c.acc.id);
  return { ...c, provider, beneficiary, funder };
}

/** A deliverable recorded directly (for tests that are not about creating it). */
export async function createDeliverable(
  db: Db,
  accompanimentId: string,
  fields: Partial<{ type: string; title: string; expected_on: string | null; status: string }> = {},
) {
  const [{ id }] = await db('deliverables')
    .insert({
      accompaniment_id: accompanimentId,
      type: fields.type ?? 'action_plan',
      title: fields.title ?? 'Plan d’actions du GES',
      expected_on: fields.expected_on === undefined ? '2016-06-30' : fields.expected_on,
      status: fields.status ?? 'expected',
    })
    .returning('id');
  return String(id);
}
