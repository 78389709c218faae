import type { SessionUser } from '../platform/auth/session-user';
import type { Db } from '../platform/db';
import { read, type RowsOf } from '../platform/read-together';
import { scopeAccompaniments } from '../accompaniments/scope';
import { FINAL_STATES } from '../accompaniments/states';
import { budgetsOf, summarise, type BudgetRow as CaseBudget } from '../sessions/days-consumed';

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
  days: {
    contracted: number | null;
    consumed: number;
    remaining: number | null;
    ratio: number | null;
    warning: boolean;
    over: boolean;
  };
  nextSessions: { id: string; type: string; title: string; starts_at: Date; place: string | null }[];
  /** Whether this provider still has to sign the current convention; null without one (or not a party). */
  convention: { toSign: boolean; version: number; partyId: string } | null;
};

type CaseRow = {
  id: string;
  title: string;
  state: string;
  coordinator_name: string | null;
  coordinator_email: string | null;
};
type DeliverableRow = {
  accompaniment_id: string;
  id: string;
  type: string;
  title: string;
  status: WorkspaceDeliverable['status'] | 'submitted' | 'accepted';
  expected_on: string | null;
  versions: string;
};
type ChangeRequestRow = {
  deliverable_id: string;
  body: string;
  version: number | null;
  created_at: Date;
  author_name: string | null;
};
type SessionRow = WorkspaceCase['nextSessions'][number] & { accompaniment_id: string };
type ConventionRow = {
  accompaniment_id: string;
  version: number;
  signatories_required: number;
  party_id: string;
  signed: string;
};

/**
 * The provider's workspace reads: only the accompaniments its organisation was selected for (the
 * user's scope), and of each only what concerns the provider — deliverables, days, sessions,
 * review comments, its own signature. Nothing of the consultation (other bidders, scores), of the
 * funding, or of the operator's internal notes is read here. Each part is read for all the cases
 * at once, and the home sends them with its other reads in one statement (read-together.ts).
 */
export function workspaceReads(db: Db, user: SessionUser) {
  const inScope = () => scopeAccompaniments(db, user, db('accompaniments as a').select('a.id'));
  return {
    cases: read<CaseRow>(
      scopeAccompaniments(
        db,
        user,
        db('accompaniments as a')
          .leftJoin('users as co', 'co.id', 'a.coordinator_id')
          .select('a.id', 'a.title', 'a.state', 'co.name as coordinator_name', 'co.email as coordinator_email')
          .orderBy([{ column: 'a.title' }, { column: 'a.id' }]),
      ),
      { bigints: ['id'] },
    ),
    deliverables: read<DeliverableRow>(
      db('deliverables as d')
        .whereIn('d.accompaniment_id', inScope())
        .orderByRaw('d.expected_on asc nulls last, d.id asc')
        .select(
          'd.accompaniment_id',
          'd.id',
          'd.type',
          'd.title',
          'd.status',
          'd.expected_on',
          db.raw('(select count(*) from deliverable_versions v where v.deliverable_id = d.id) as versions'),
        ),
      { bigints: ['accompaniment_id', 'id', 'versions'] },
    ),
    // The "changes requested" comments, latest first: the first of each deliverable is the one shown.
    changeRequests: read<ChangeRequestRow>(
      db('deliverable_comments as c')
        .join('deliverables as d', 'd.id', 'c.deliverable_id')
        .leftJoin('users as u', 'u.id', 'c.author_id')
        .whereIn('d.accompaniment_id', inScope())
        .where('c.decision', 'changes_requested')
        .orderBy([
          { column: 'c.created_at', order: 'desc' },
          { column: 'c.id', order: 'desc' },
        ])
        .select('c.deliverable_id', 'c.body', 'c.version', 'c.created_at', 'u.name as author_name'),
      { dates: ['created_at'], bigints: ['deliverable_id'] },
    ),
    budgets: read<CaseBudget & { id: string }>(budgetsOf(db, inScope()), { bigints: ['id'] }),
    // The next three planned sessions of each case (a window per case).
    nextSessions: read<SessionRow>(
      db
        .from(
          db('sessions')
            .whereIn('accompaniment_id', inScope())
            .where('status', 'planned')
            // The statement's time, not a value of this process (the home's statement is built once a day: src/home/statement.ts).
            .whereRaw('starts_at >= now()')
            .select(
              'accompaniment_id',
              'id',
              'type',
              'title',
              'starts_at',
              'place',
              db.raw('row_number() over (partition by accompaniment_id order by starts_at, id) as row_n'),
            )
            .as('r'),
        )
        .where('r.row_n', '<=', NEXT_SESSIONS)
        .orderBy([{ column: 'r.starts_at' }, { column: 'r.id' }])
        .select('r.accompaniment_id', 'r.id', 'r.type', 'r.title', 'r.starts_at', 'r.place'),
      { dates: ['starts_at'], bigints: ['accompaniment_id', 'id'] },
    ),
    // Whether the provider's organisation still has signatures to give on each current convention.
    conventions: read<ConventionRow>(
      db('conventions as c')
        .join('convention_parties as p', 'p.convention_id', 'c.id')
        .whereIn('c.accompaniment_id', inScope())
        .whereNull('c.voided_at')
        .where('p.organisation_id', user.organisation_id)
        .select(
          'c.accompaniment_id',
          'c.version',
          'p.signatories_required',
          'p.id as party_id',
          db.raw(
            '(select count(*) from convention_signatures s where s.convention_id = c.id and s.party_id = p.id and s.voided_at is null) as signed',
          ),
        ),
      { bigints: ['accompaniment_id', 'party_id', 'signed'] },
    ),
  };
}

export type WorkspaceRows = RowsOf<ReturnType<typeof workspaceReads>>;

/** The workspace from its rows: open cases first, and in each what needs doing before what is done. */
export function workspaceFrom(rows: WorkspaceRows, today: string): WorkspaceCase[] {
  const deliverables = groupBy(rows.deliverables);
  const sessions = groupBy(rows.nextSessions);
  const comments = new Map<string, ChangeRequestRow>();
  for (const c of rows.changeRequests) if (!comments.has(c.deliverable_id)) comments.set(c.deliverable_id, c);
  const budgets = new Map(rows.budgets.map((b) => [b.id, summarise(b)]));
  const conventions = new Map(
    rows.conventions.map((r) => [
      r.accompaniment_id,
      {
        toSign: Number(r.signed) < Number(r.signatories_required),
        version: Number(r.version),
        partyId: r.party_id,
      },
    ]),
  );
  const cases = rows.cases.map((a): WorkspaceCase => {
    const summary = budgets.get(a.id) ?? EMPTY_DAYS;
    const todo: WorkspaceDeliverable[] = [];
    const inReview: WorkspaceCase['inReview'] = [];
    let accepted = 0;
    for (const d of deliverables.get(a.id) ?? []) {
      if (d.status === 'expected' || d.status === 'changes_requested') {
        const comment = d.status === 'changes_requested' ? comments.get(d.id) : undefined;
        todo.push({
          id: d.id,
          type: d.type,
          title: d.title,
          status: d.status,
          expected_on: d.expected_on,
          overdue: d.expected_on != null && d.expected_on < today,
          versions: Number(d.versions),
          comment: comment
            ? {
                body: comment.body,
                version: comment.version,
                created_at: comment.created_at,
                author_name: comment.author_name,
              }
            : null,
        });
      } else if (d.status === 'submitted') inReview.push({ id: d.id, title: d.title, type: d.type });
      else accepted++;
    }
    return {
      id: a.id,
      title: a.title,
      state: a.state,
      closed: (FINAL_STATES as string[]).includes(a.state),
      coordinator_name: a.coordinator_name,
      coordinator_email: a.coordinator_email,
      todo,
      inReview,
      accepted,
      // Days only: the euros of the contract and of the funding stay with the operator.
      days: {
        contracted: summary.contracted,
        consumed: summary.consumed,
        remaining: summary.remaining,
        ratio: summary.ratio,
        warning: summary.warning,
        over: summary.over,
      },
      nextSessions: (sessions.get(a.id) ?? []).map(({ accompaniment_id: _case, ...s }) => s),
      convention: conventions.get(a.id) ?? null,
    };
  });
  return cases.sort((x, y) => Number(x.closed) - Number(y.closed));
}

const NEXT_SESSIONS = 3;
const EMPTY_DAYS = { contracted: null, consumed: 0, remaining: null, ratio: null, warning: false, over: false };

/** Rows grouped by case, in their order. */
function groupBy<T extends { accompaniment_id: string }>(rows: T[]) {
  const byCase = new Map<string, T[]>();
  for (const r of rows) {
    const list = byCase.get(r.accompaniment_id);
    if (list) list.push(r);
    else byCase.set(r.accompaniment_id, [r]);
  }
  return byCase;
}
