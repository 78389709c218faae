import type { SessionUser } from '../platform/auth/session-user';
import type { Db } from '../platform/db';
import type { Logger } from '../platform/logger';
import { scopeAccompaniments } from '../accompaniments/scope';
import { FINAL_STATES } from '../accompaniments/states';
import { daysSummaries } from '../sessions/budget';

/** What the provider still has to deliver (expected, or back with changes requested). */
export type WorkspaceDeliverable = {
  id: string;
  type: string;
  title: string;
  status: 'expected' | 'changes_requested';
  expected_on: string | null;
  overdue: boolean;
  versions: number;
  /** The reviewer's latest request for changes, addressed to the provider. */
  comment: { body: string; version: number | null; created_at: Date; author_name: string | null } | null;
};

export type WorkspaceCase = {
  id: string;
  title: string;
  state: string;
  closed: boolean;
  coordinator_name: string | null;
  coordinator_email: string | null;
  todo: WorkspaceDeliverable[];
  /** Handed in, waiting for the coordinator's review. */
  inReview: { id: string; title: string; type: string }[];
  accepted: number;
  days: { contracted: number | null; consumed: number; remaining: number | null; ratio: number | null; warning: boolean; over: boolean };
  nextSessions: { id: string; type: string; title: string; starts_at: Date; place: string | null }[];
  /** Null when the conventions area is not there; else whether this provider still has to sign. */
  convention: { toSign: boolean; version: number } | null;
};

/**
 * The provider's workspace: only the accompaniments its organisation was selected for (the
 * user's scope), and of each only what concerns the provider — deliverables, days, sessions,
 * review comments, its own signature. Nothing of the consultation (other bidders, scores),
 * of the funding, or of the operator's internal notes is read here.
 */
export async function providerWorkspace(db: Db, user: SessionUser, today: string, logger?: Logger): Promise<WorkspaceCase[]> {
  const accs: { id: string; title: string; state: string; coordinator_name: string | null; coordinator_email: string | null }[] = await scopeAccompaniments(
    db,
    user,
    db('accompaniments as a')
      .leftJoin('users as co', 'co.id', 'a.coordinator_id')
      .select('a.id', 'a.title', 'a.state', 'co.name as coordinator_name', 'co.email as coordinator_email')
      .orderBy([{ column: 'a.title' }, { column: 'a.id' }]),
  );
  // Each part of the workspace is read for all the cases at once: a provider with many cases
  // costs the same number of queries as one with a single case.
  const ids = accs.map((a) => String(a.id));
  const [deliverables, comments, summaries, nextSessions, conventions] = await Promise.all([
    deliverablesOf(db, ids),
    latestChangeRequests(db, ids),
    daysSummaries(db, ids),
    nextSessionsOf(db, ids),
    conventionsToSign(db, ids, String(user.organisation_id), logger),
  ]);
  const cases: WorkspaceCase[] = [];
  for (const a of accs) {
    const id = String(a.id);
    const summary = summaries.get(id) ?? EMPTY_DAYS;
    const todo: WorkspaceDeliverable[] = [];
    const inReview: WorkspaceCase['inReview'] = [];
    let accepted = 0;
    for (const d of deliverables.get(id) ?? []) {
      const did = String(d.id);
      if (d.status === 'expected' || d.status === 'changes_requested') {
        todo.push({
          id: did,
          type: d.type,
          title: d.title,
          status: d.status,
          expected_on: d.expected_on,
          overdue: d.expected_on != null && d.expected_on < today,
          versions: Number(d.versions),
          comment: d.status === 'changes_requested' ? (comments.get(did) ?? null) : null,
        });
      } else if (d.status === 'submitted') inReview.push({ id: did, title: d.title, type: d.type });
      else accepted++;
    }
    cases.push({
      id,
      title: a.title,
      state: a.state,
      closed: (FINAL_STATES as string[]).includes(a.state),
      coordinator_name: a.coordinator_name,
      coordinator_email: a.coordinator_email,
      todo,
      inReview,
      accepted,
      // Days only: the euros of the contract and of the funding stay with the operator.
      days: { contracted: summary.contracted, consumed: summary.consumed, remaining: summary.remaining, ratio: summary.ratio, warning: summary.warning, over: summary.over },
      nextSessions: nextSessions.get(id) ?? [],
      convention: conventions === null ? null : (conventions.get(id) ?? null),
    });
  }
  // Open cases first; what needs doing before what is done.
  return cases.sort((x, y) => Number(x.closed) - Number(y.closed));
}

/** The latest "changes requested" comment of each deliverable of these cases. */
async function latestChangeRequests(db: Db, accompanimentIds: string[]) {
  const latest = new Map<string, NonNullable<WorkspaceDeliverable['comment']>>();
  if (!accompanimentIds.length) return latest;
  const rows = await db('deliverable_comments as c')
    .join('deliverables as d', 'd.id', 'c.deliverable_id')
    .leftJoin('users as u', 'u.id', 'c.author_id')
    .whereIn('d.accompaniment_id', accompanimentIds)
    .where('c.decision', 'changes_requested')
    .orderBy([{ column: 'c.created_at', order: 'desc' }, { column: 'c.id', order: 'desc' }])
    .select('c.deliverable_id', 'c.body', 'c.version', 'c.created_at', 'u.name as author_name');
  for (const r of rows) {
    const key = String(r.deliverable_id);
    if (!latest.has(key)) latest.set(key, { body: r.body, version: r.version, created_at: r.created_at, author_name: r.author_name });
  }
  return latest;
}

type DeliverableRow = { id: string; type: string; title: string; status: WorkspaceDeliverable['status'] | 'submitted' | 'accepted'; expected_on: string | null; versions: string };

/** The deliverables of these cases, grouped by case, in each case's order. */
async function deliverablesOf(db: Db, accompanimentIds: string[]) {
  const byCase = new Map<string, DeliverableRow[]>();
  if (!accompanimentIds.length) return byCase;
  const rows = await db('deliverables as d')
    .whereIn('d.accompaniment_id', accompanimentIds)
    .orderByRaw('d.expected_on asc nulls last, d.id asc')
    .select('d.accompaniment_id', 'd.id', 'd.type', 'd.title', 'd.status', 'd.expected_on', db.raw('(select count(*) from deliverable_versions v where v.deliverable_id = d.id) as versions'));
  for (const { accompaniment_id, ...d } of rows) push(byCase, String(accompaniment_id), d as DeliverableRow);
  return byCase;
}

/** The next three planned sessions of each of these cases (a window per case, one query). */
async function nextSessionsOf(db: Db, accompanimentIds: string[]) {
  const byCase = new Map<string, WorkspaceCase['nextSessions']>();
  if (!accompanimentIds.length) return byCase;
  const ranked = db('sessions')
    .whereIn('accompaniment_id', accompanimentIds)
    .where('status', 'planned')
    .where('starts_at', '>=', new Date())
    .select('accompaniment_id', 'id', 'type', 'title', 'starts_at', 'place', db.raw('row_number() over (partition by accompaniment_id order by starts_at, id) as row_n'))
    .as('r');
  const rows = await db.from(ranked).where('r.row_n', '<=', NEXT_SESSIONS).orderBy([{ column: 'r.starts_at' }, { column: 'r.id' }]).select('r.accompaniment_id', 'r.id', 'r.type', 'r.title', 'r.starts_at', 'r.place');
  for (const { accompaniment_id, ...s } of rows) push(byCase, String(accompaniment_id), { ...s, id: String(s.id) });
  return byCase;
}

const NEXT_SESSIONS = 3;
const EMPTY_DAYS = { contracted: null, consumed: 0, remaining: null, ratio: null, warning: false, over: false };

function push<T>(map: Map<string, T[]>, key: string, value: T) {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/**
 * Whether the provider's organisation still has signatures to give on the current convention of
 * each of these cases (no entry: no current convention, or the provider is not a party). The
 * conventions area may not be installed: then nothing is said (null).
 */
async function conventionsToSign(db: Db, accompanimentIds: string[], organisationId: string, logger?: Logger) {
  try {
    if (!(await db.schema.hasTable('conventions'))) return null;
    const byCase = new Map<string, NonNullable<WorkspaceCase['convention']>>();
    if (!accompanimentIds.length) return byCase;
    const rows = await db('conventions as c')
      .join('convention_parties as p', 'p.convention_id', 'c.id')
      .whereIn('c.accompaniment_id', accompanimentIds)
      .whereNull('c.voided_at')
      .where('p.organisation_id', organisationId)
      .select(
        'c.accompaniment_id',
        'c.version',
        'p.signatories_required',
        db.raw('(select count(*) from convention_signatures s where s.convention_id = c.id and s.party_id = p.id and s.voided_at is null) as signed'),
      );
    for (const r of rows) byCase.set(String(r.accompaniment_id), { toSign: Number(r.signed) < Number(r.signatories_required), version: Number(r.version) });
    return byCase;
  } catch (err) {
    logger?.warn({ err }, 'provider workspace: conventions not readable');
    return null;
  }
}
