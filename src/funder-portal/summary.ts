import { listBeneficiaries } from '../accompaniments/beneficiaries';
import { listFunding } from '../accompaniments/funding';
import { accompanimentPolicy } from '../accompaniments/policy';
import type { Accompaniment } from '../accompaniments/queries';
import { loadSection, type SectionContext } from '../accompaniments/sections';
import { exitOf } from '../accompaniments/withdrawn';
import { deliverablePolicy } from '../deliverables/policy';
import { latestVersions, listDeliverables, withFunderConsent } from '../deliverables/queries';
import { noticesSection } from '../notices/section';
import { phasesSection } from '../phases/section';
import { localToday } from '../platform/dates';
import type { SessionUser } from '../platform/auth/session-user';
import type { Db } from '../platform/db';
import { sessionsSection } from '../sessions/section';
import { listPortalReports } from './queries';

/** The read-only sections of the accompaniment page that the portal page shows as they are. */
const REUSED_SECTIONS = [phasesSection, sessionsSection, noticesSection];

/**
 * Deliverables as a funder reads them: titles and statuses always; the latest file only when
 * deliverablePolicy.download says so (a consent to funders recorded for that deliverable).
 */
async function portalDeliverables(db: Db, user: SessionUser, acc: Accompaniment) {
  if (!deliverablePolicy.list(user, acc)) return [];
  const list = await listDeliverables(db, acc.id, localToday());
  const consented = await withFunderConsent(
    db,
    list.map((d) => d.id),
  );
  const downloadable = list.filter((d) => deliverablePolicy.download(user, acc, consented.has(d.id))).map((d) => d.id);
  const latest = await latestVersions(db, downloadable);
  return list.map((d) => {
    const canDownload = downloadable.includes(d.id);
    return {
      id: d.id,
      type: d.type,
      title: d.title,
      status: d.status,
      expected_on: d.expected_on,
      overdue: d.overdue,
      canDownload,
      latest: canDownload ? (latest.get(d.id) ?? null) : null,
    };
  });
}

/** Everything the portal page of one funded case shows (the case was loaded through the user's scope). */
export async function portalSummary(db: Db, user: SessionUser, acc: Accompaniment) {
  const ctx: SectionContext = { db, user, acc, canEdit: false, exitDay: await exitOf(db, user, acc.id) };
  const [beneficiaries, funding, deliverables, reports, sections] = await Promise.all([
    listBeneficiaries(db, acc.id),
    // Same rule as the accompaniment page, so the two never disagree on who sees the split.
    accompanimentPolicy.seeFunding(user, acc) ? listFunding(db, acc.id) : Promise.resolve(null),
    portalDeliverables(db, user, acc),
    listPortalReports(db, user, { accompanimentId: acc.id }, 1, 100),
    Promise.all(
      REUSED_SECTIONS.map(async (s) => ({ id: s.id, partial: s.partial, locals: await loadSection(ctx, s) })),
    ),
  ]);
  return {
    beneficiaries,
    funding,
    deliverables,
    reports: reports.rows,
    sections: sections.filter((s) => s.locals !== null),
  };
}
