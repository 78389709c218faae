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
