/** The view models of the case list and of the case page: what the templates get, built from the record. */
import { committeeStatusFrom, committeeStatusReads } from '../support-committee/gate';
import { supportCommitteePolicy } from '../support-committee/policy';
import type { Request } from 'express';
import { isId } from '../platform/auth/guards';
import type { SessionUser } from '../platform/auth/session-user';
import { localToday } from '../platform/dates';
import type { Db } from '../platform/db';
import { filterQuery } from '../platform/pagination';
import { structurePolicy } from '../structures/policy';
import { SIAE_TYPES } from '../structures/schemas';
import { type Beneficiary, listBeneficiaries } from './beneficiaries';
import { type CasePathway, pathwaysOfCase } from '../pathways/queries';
import { read, type RowsOf } from '../platform/read-together';
import type { Reads } from './reading-section';
import type { Locale } from '../platform/i18n';
import { labelsOf, labelsQuery, type LabelRow } from '../reference-lists/lists';
import { type Funding, listFunding } from './funding';
import { accompanimentPolicy } from './policy';
import { type findAccompanimentWithActivity, listAccompaniments, operatorCoordinators } from './queries';
import { loadSections } from './sections';
import { KINDS, STATES } from './states';
import { SECTION_TABS_JSON, type TabId, TABS, tabUrl } from './tabs';
import { transitionChoices } from './transition-routes';
import { exitOf } from './withdrawn';

const str = (v: unknown, max = 100) => (typeof v === 'string' ? v.trim().slice(0, max) : '');

/** The list's filters as the query string gives them: an unknown value is no filter. */
export function listFilters(query: Request['query']) {
  return {
    state: STATES.find((s) => s === query.state),
    kind: KINDS.find((k) => k === query.kind),
    coordinator_id: isId(query.coordinator_id) ? query.coordinator_id : undefined,
    department: str(query.department, 3).toUpperCase() || undefined,
    siae_type: SIAE_TYPES.find((s) => s === query.siae_type),
    q: str(query.q),
    mine: query.mine === '1',
    stalled: query.stalled === '1',
  };
}

/** The portfolio list's page: the cases of the page, the filters as the form shows them, the choices. */
export async function listPage(
  db: Db,
  user: SessionUser,
  filters: ReturnType<typeof listFilters>,
  pageNo: number,
  stalledAfterDays: number,
) {
  const page = await listAccompaniments(db, user, filters, pageNo, stalledAfterDays);
  const coordinators =
    user.organisation_kind === 'operator' ? await operatorCoordinators(db, user.organisation_id) : [];
  return {
    page,
    filters: { ...filters, mine: filters.mine ? '1' : '', stalled: filters.stalled ? '1' : '' },
    states: STATES,
    kinds: KINDS,
    siaeTypes: SIAE_TYPES,
    coordinators,
    canCreate: accompanimentPolicy.create(user),
    filterQuery,
  };
}

type CaseWithActivity = NonNullable<Awaited<ReturnType<typeof findAccompanimentWithActivity>>>;

/**
 * The page's own reads, sent with its sections' reads as one statement (loadSections, readTogether:
 * each statement costs the web process more than these reads cost PostgreSQL). On the overview: its
 * structures, the parcours of its structures the reader may open (pathways/, issue 19, linked from
 * the structures' table), its funding (read for everyone, shown only to those who may see it) and
 * the labels of its themes (codes of the national list). On any tab: the comité d'appui's word when
 * the reader sees it there (`committee`).
 */
function pageReads(db: Db, user: SessionUser, acc: CaseWithActivity, overview: boolean, committee: boolean) {
  const reads: Reads = {};
  if (overview) {
    reads.beneficiaries = read<Beneficiary>(listBeneficiaries(db, acc.id), { bigints: ['organisation_id'] });
    reads.pathways = read<CasePathway>(pathwaysOfCase(db, user, acc.id));
    reads.funding = read<Funding>(listFunding(db, acc.id), { bigints: ['funder_id'] });
    if (acc.themes?.length) reads.themes = read(labelsQuery(db, ['theme']));
  }
  if (committee) Object.assign(reads, committeeStatusReads(db, acc));
  return reads;
}

/**
 * One tab of the case page (tabs.ts): the header and the lifecycle on every tab, the identity,
 * structures and funding on the overview, each area's sections on its own tab.
 */
export async function casePage(db: Db, user: SessionUser, acc: CaseWithActivity, tab: TabId, locale: Locale) {
  const { last_activity_at, inactive_days, stalled } = acc;
  const canEdit = accompanimentPolicy.update(user, acc);
  const overview = tab === 'overview';
  // The comité d'appui's word near the lifecycle bar, for the operator's staff: on the overview, and
  // on every tab while it gates the consultation (support-committee/gate.ts).
  const seesCommittee =
    supportCommitteePolicy.seeCaseStatus(user, acc) &&
    (overview || acc.state === 'intake' || acc.state === 'diagnostic');
  // A structure that left sees the case as it stood on that day (withdrawn.ts): the page says so.
  const exitDay = await exitOf(db, user, acc.id);
  // The choices of structures and funders are loaded by the pages that add one, not here.
  const { sections, pageRows: rows } = await loadSections(
    { db, user, acc, canEdit, exitDay },
    tab,
    pageReads(db, user, acc, overview, seesCommittee),
  );
  const committee = seesCommittee
    ? committeeStatusFrom(acc, rows as RowsOf<ReturnType<typeof committeeStatusReads>>)
    : null;
  return {
    title: acc.title,
    acc,
    tab,
    tabs: TABS.map((id) => ({ id, url: tabUrl(acc.id, id) })),
    sectionTabs: SECTION_TABS_JSON,
    beneficiaries: overview ? (rows.beneficiaries as Beneficiary[]) : null,
    pathways: overview ? (rows.pathways as CasePathway[]) : null,
    funding: overview && accompanimentPolicy.seeFunding(user, acc) ? (rows.funding as Funding[]) : null,
    sections,
    activity: { last_activity_at, inactive_days, stalled },
    exitDay,
    canEdit,
    canManageBeneficiaries: accompanimentPolicy.manageBeneficiaries(user, acc),
    canOpenStructure: (organisationId: string) => structurePolicy.open(user, organisationId),
    canManageFunding: accompanimentPolicy.manageFunding(user, acc),
    transitions: accompanimentPolicy.transition(user, acc) ? transitionChoices(acc.state) : [],
    committee,
    canOverrideCommittee: supportCommitteePolicy.override(user, acc),
    today: localToday(),
    // Themes ticked in the national list are codes: their labels (themes typed freely read as typed).
    themeLabels: rows.themes ? labelsOf(rows.themes as LabelRow[], ['theme'], locale).theme : {},
  };
}
