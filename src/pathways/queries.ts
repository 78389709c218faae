import type { Knex } from 'knex';
import { scopeAccompaniments } from '../accompaniments/scope';
import type { SessionUser } from '../platform/auth/session-user';
import type { Db } from '../platform/db';
import { paginate, type Page } from '../platform/pagination';
import type { ListFilters } from './schemas';
import { scopePathways } from './scope';

export type Pathway = {
  id: string;
  operator_id: string;
  operator_name: string;
  organisation_id: string;
  structure_name: string;
  intake_request_id: string | null;
  coordinator_id: string | null;
  coordinator_name: string | null;
  status: 'open' | 'closed';
  opened_on: string;
  diagnosed_on: string | null;
  diagnostic_summary: string | null;
  diagnostic_needs: string | null;
  diagnostic_recommendations: string | null;
  shared_diagnostic_accompaniment_id: string | null;
  closed_on: string | null;
  closure_reason: string | null;
  lock_version: number;
};

export type PathwayAction = {
  id: string;
  kind: 'consultancy' | 'advice' | 'orientation' | 'local_offer';
  status: 'planned' | 'in_progress' | 'done' | 'cancelled';
  title: string;
  target_on: string | null;
  started_on: string | null;
  ended_on: string | null;
  accompaniment_id: string | null;
  accompaniment_state: string | null;
  accompaniment_kind: string | null;
  /** The reader may open the case (it is in their scope). */
  case_open: boolean;
  hours: string | null;
  partner: string | null;
  outcome: string | null;
  outcome_on: string | null;
  attendance: number | null;
  notes: string | null;
  cancel_reason: string | null;
};

const pathwayColumns = [
  'p.id',
  'p.operator_id',
  'op.name as operator_name',
  'p.organisation_id',
  'o.name as structure_name',
  'p.intake_request_id',
  'p.coordinator_id',
  'u.name as coordinator_name',
  'p.status',
  'p.opened_on',
  'p.diagnosed_on',
  'p.diagnostic_summary',
  'p.diagnostic_needs',
  'p.diagnostic_recommendations',
  'p.shared_diagnostic_accompaniment_id',
  'p.closed_on',
  'p.closure_reason',
  'p.lock_version',
];

const base = (db: Db) =>
  db('pathways as p')
    .join('organisations as o', 'o.id', 'p.organisation_id')
    .join('organisations as op', 'op.id', 'p.operator_id')
    .leftJoin('users as u', 'u.id', 'p.coordinator_id');

/** One parcours through the user's scope (undefined outside it: 404). */
export async function findPathway(db: Db, user: SessionUser, id: string): Promise<Pathway | undefined> {
  return scopePathways(db, user, base(db).where('p.id', id)).first<Pathway | undefined>(pathwayColumns);
}

export type PathwayRow = Pathway & {
  planned: number;
  in_progress: number;
  done: number;
  last_action_on: string | null;
  next_target_on: string | null;
};

/** The list: the parcours in scope, filtered by status, coordinator, kind (and status) of an action. */
export function listPathways(db: Db, user: SessionUser, f: ListFilters, page: number): Promise<Page<PathwayRow>> {
  const q = scopePathways(db, user, base(db));
  if (f.status) void q.where('p.status', f.status);
  if (f.coordinator) void q.where('p.coordinator_id', f.coordinator);
  if (f.kind || f.action_status) {
    const has = db('pathway_actions as fx').whereRaw('fx.pathway_id = p.id');
    if (f.kind) void has.where('fx.kind', f.kind);
    if (f.action_status) void has.where('fx.status', f.action_status);
    void q.whereExists(has);
  }
  const counts = (status: string) =>
    db.raw(`(select count(*)::int from pathway_actions x where x.pathway_id = r.id and x.status = ?) as ${status}`, [
      status,
    ]);
  void q
    .orderBy([{ column: 'p.status', order: 'desc' }, { column: 'o.name' }, { column: 'p.id' }])
    .select(pathwayColumns);
  return paginate<PathwayRow>(q, page, 50, (rows) =>
    db
      .select(
        'r.*',
        counts('planned'),
        counts('in_progress'),
        counts('done'),
        db.raw(
          '(select max(coalesce(x.ended_on, x.started_on)) from pathway_actions x where x.pathway_id = r.id) as last_action_on',
        ),
        db.raw(
          "(select min(x.target_on) from pathway_actions x where x.pathway_id = r.id and x.status = 'planned') as next_target_on",
        ),
      )
      .from(rows.as('r'))
      .orderBy([{ column: 'r.status', order: 'desc' }, { column: 'r.structure_name' }, { column: 'r.id' }]),
  ).then((p) => ({ ...p, rows: p.rows.map((r) => ({ ...r, id: String(r.id) })) }));
}

/** The operator's staff who may coordinate a parcours (the list's filter). */
export function coordinatorChoices(db: Db, operatorId: string): Promise<{ id: string; name: string }[]> {
  return db('users')
    .where({ organisation_id: operatorId })
    .whereIn('role', ['coordinator', 'manager'])
    .whereNot('status', 'disabled')
    .orderBy('name')
    .select(db.raw('id::text as id'), 'name');
}

/** The actions of a parcours, in the order they happen (planned ones by their target). */
export async function pathwayActions(db: Db, user: SessionUser, pathwayId: string): Promise<PathwayAction[]> {
  const openable = scopeAccompaniments(
    db,
    user,
    db('accompaniments as sa').whereRaw('sa.id = x.accompaniment_id'),
    'sa',
  );
  return db('pathway_actions as x')
    .leftJoin('accompaniments as a', 'a.id', 'x.accompaniment_id')
    .where('x.pathway_id', pathwayId)
    .orderByRaw('coalesce(x.started_on, x.ended_on, x.target_on) nulls last, x.id')
    .select<PathwayAction[]>(
      'x.*',
      'a.state as accompaniment_state',
      'a.kind as accompaniment_kind',
      db.raw('exists (?) as case_open', [openable.select(db.raw('1'))]),
      db.raw(
        `(select t.reason from pathway_action_transitions t where t.pathway_action_id = x.id and t.to_status = 'cancelled' order by t.id desc limit 1) as cancel_reason`,
      ),
    );
}

export type ShortAction = Pick<PathwayAction, 'kind' | 'status' | 'title' | 'target_on' | 'started_on' | 'ended_on'>;

/** The parcours of a structure the user may see, each with its actions in order (the structure page's short timeline). */
export async function pathwaysOfStructure(db: Db, user: SessionUser, organisationId: string) {
  const rows: Pathway[] = await scopePathways(db, user, base(db).where('p.organisation_id', organisationId))
    .orderBy('p.opened_on')
    .select(pathwayColumns);
  const actions: (ShortAction & { pathway_id: string })[] = rows.length
    ? await db('pathway_actions as x')
        .whereIn(
          'x.pathway_id',
          rows.map((r) => r.id),
        )
        .orderByRaw('coalesce(x.started_on, x.ended_on, x.target_on) nulls last, x.id')
        .select(
          db.raw('x.pathway_id::text as pathway_id'),
          'x.kind',
          'x.status',
          'x.title',
          'x.target_on',
          'x.started_on',
          'x.ended_on',
        )
    : [];
  return rows.map((r) => ({
    ...r,
    id: String(r.id),
    actions: actions.filter((a) => a.pathway_id === String(r.id)),
  }));
}

export type CasePathway = { id: string; organisation_id: string; structure_name: string };

/** The parcours of each structure of a case the user may see (the case page's links; a read of its overview). */
export function pathwaysOfCase(db: Db, user: SessionUser, accompanimentId: string): Knex.QueryBuilder {
  return scopePathways(
    db,
    user,
    base(db).whereExists(
      db('pathway_actions as cx').whereRaw('cx.pathway_id = p.id').where('cx.accompaniment_id', accompanimentId),
    ),
  )
    .orderBy('o.name')
    .select(
      db.raw('p.id::text as id'),
      db.raw('p.organisation_id::text as organisation_id'),
      'o.name as structure_name',
    );
}
