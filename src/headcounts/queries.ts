import type { Db, Trx } from '../platform/db';
import type { Snapshot } from './impact';

export type SnapshotRow = Snapshot & {
  recorded_at: Date;
  recorded_by_name: string | null;
  pathway_id: string | null;
  checkpoint_months: number | null;
  accompaniment_id: string | null;
};

/** Every snapshot of a structure, in the order they describe (never overwritten: each one a row). */
export function snapshotsOf(db: Db | Trx, organisationId: string): Promise<SnapshotRow[]> {
  return db('structure_headcounts as h')
    .leftJoin('users as u', 'u.id', 'h.recorded_by')
    .leftJoin('pathway_checkpoints as pc', 'pc.id', 'h.pathway_checkpoint_id')
    .where('h.organisation_id', organisationId)
    .orderBy([{ column: 'h.recorded_on' }, { column: 'h.id' }])
    .select(
      'h.id',
      'h.recorded_on',
      'h.occasion',
      'h.employees_cdi',
      'h.employees_cdd',
      'h.employees_assisted',
      'h.employees_insertion',
      'h.fte',
      'h.volunteers',
      'h.annual_budget_eur',
      'h.recorded_at',
      'u.name as recorded_by_name',
      'h.pathway_id',
      'pc.offset_months as checkpoint_months',
      'h.accompaniment_id',
    );
}
