/**
 * The « Effectifs » section of a structure's page (views/headcounts/_section.ejs): its snapshots, the
 * impact between the first and the latest, the small picture; null for readers who may not see it.
 */
import type { SessionUser } from '../platform/auth/session-user';
import type { Db } from '../platform/db';
import { headcountChart, impactOf } from './impact';
import { headcountPolicy } from './policy';
import { snapshotsOf } from './queries';

export async function headcountSection(db: Db, user: SessionUser, organisationId: string) {
  if (!headcountPolicy.read(user, organisationId)) return null;
  const snapshots = await snapshotsOf(db, organisationId);
  return {
    structureId: organisationId,
    snapshots,
    impact: impactOf(snapshots),
    chart: headcountChart(snapshots),
    canRecord: headcountPolicy.record(user),
  };
}

/**
 * The structures whose headcounts the reader may record at a case's follow-up checkpoint (its page links
 * each one's headcount form, linked to the checkpoint): the case's active structures, for the staff of
 * the case's operator; none for anyone else.
 */
export function checkpointHeadcountStructures(
  db: Db,
  user: SessionUser,
  cp: { accompaniment_id: string; operator_id: string },
): Promise<{ id: string; name: string }[]> {
  if (!headcountPolicy.record(user) || user.organisation_id !== cp.operator_id) return Promise.resolve([]);
  return db('accompaniment_beneficiaries as b')
    .join('organisations as o', 'o.id', 'b.organisation_id')
    .where({ 'b.accompaniment_id': cp.accompaniment_id, 'b.status': 'active' })
    .orderBy([{ column: 'o.name' }, { column: 'o.id' }])
    .select('o.id', 'o.name');
}
