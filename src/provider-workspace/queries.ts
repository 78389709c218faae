import type { SessionUser } from '../platform/auth/session-user';
import type { Db } from '../platform/db';
import type { Logger } from '../platform/logger';
import { scopeAccompaniments } from '../accompaniments/scope';
import { FINAL_STATES } from '../accompaniments/states';
import { daysSummary } from '../sessions/budget';

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
  const cases: WorkspaceCase[] = [];
  for (const a of accs) {
    const id = String(a.id);
    const [deliverables, comments, summary, nextSessions, convention] = await Promise.all([
      db('deliverables as d')
        .where('d.accompaniment_id', id)
        .orderByRaw('d.expected_on asc nulls last, d.id asc')
        .select('d.id', 'd.type', 'd.title', 'd.status', 'd.expected_on', db.raw('(select count(*) from deliverable_versions v where v.deliverable_id = d.id) as versions')),
      latestChangeRequests(db, id),
      daysSummary(db, id),
      db('sessions')
        .where({ accompaniment_id: id, status: 'planned' })
        .where('starts_at', '>=', new Date())
        .orderBy([{ column: 'starts_at' }, { column: 'id' }])
        .limit(3)
        .select('id', 'type', 'title', 'starts_at', 'place'),
      conventionToSign(db, id, String(user.organisation_id), logger),
    ]);
    const todo: WorkspaceDeliverable[] = [];
    const inReview: WorkspaceCase['inReview'] = [];
    let accepted = 0;
    for (const d of deliverables) {
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
      nextSessions: nextSessions.map((s: { id: unknown }) => ({ ...s, id: String(s.id) })) as WorkspaceCase['nextSessions'],
      convention,
    });
  }
  // Open cases first; what needs doing before what is done.
  return cases.sort((x, y) => Number(x.closed) - Number(y.closed));
}

/** The latest "changes requested" comment of each deliverable of the case. */
async function latestChangeRequests(db: Db, accompanimentId: string) {
  const rows = await db('deliverable_comments as c')
    .join('deliverables as d', 'd.id', 'c.deliverable_id')
    .leftJoin('users as u', 'u.id', 'c.author_id')
    .where({ 'd.accompaniment_id': accompanimentId, 'c.decision': 'changes_requested' })
    .orderBy([{ column: 'c.created_at', order: 'desc' }, { column: 'c.id', order: 'desc' }])
    .select('c.deliverable_id', 'c.body', 'c.version', 'c.created_at', 'u.name as author_name');
  const latest = new Map<string, NonNullable<WorkspaceDeliverable['comment']>>();
  for (const r of rows) {
    const key = String(r.deliverable_id);
    if (!latest.has(key)) latest.set(key, { body: r.body, version: r.version, created_at: r.created_at, author_name: r.author_name });
  }
  return latest;
}

/**
 * Whether the provider's organisation still has signatures to give on the current convention
 * of the case. The conventions area may not be installed: then nothing is said (null).
 */
async function conventionToSign(db: Db, accompanimentId: string, organisationId: string, logger?: Logger) {
  try {
    if (!(await db.schema.hasTable('conventions'))) return null;
    const current = await db('conventions').where({ accompaniment_id: accompanimentId }).whereNull('voided_at').first('id', 'version');
    if (!current) return null;
    const party = await db('convention_parties').where({ convention_id: current.id, organisation_id: organisationId }).first('id', 'signatories_required');
    if (!party) return null;
    const [{ n }] = await db('convention_signatures').where({ convention_id: current.id, party_id: party.id }).whereNull('voided_at').count<{ n: string }[]>('* as n');
    return { toSign: Number(n) < Number(party.signatories_required), version: Number(current.version) };
  } catch (err) {
    logger?.warn({ err }, 'provider workspace: conventions not readable');
    return null;
  }
}
