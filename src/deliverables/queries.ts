import type { Request } from 'express';
import { findAccompaniment } from '../accompaniments/queries';
import { currentUser, isId } from '../platform/auth/guards';
import type { Db, Trx } from '../platform/db';
import type { Deps } from '../platform/deps';
import type { Read } from '../platform/read-together';
import { notFound } from '../platform/errors';
import type { ActionInput, DeliverableInput, DeliverableStatus, DeliverableType } from './schemas';
import { INITIAL_DELIVERABLE_STATUS } from './lifecycle';
import type { SessionUser } from '../platform/auth/session-user';
import { onlySeen, THINGS } from '../accompaniments/withdrawn';
import type { DeliverableConsentsRow } from '../platform/db-tables';
import type { Id } from '../platform/id';

export const DELIVERABLE_PURPOSE = 'deliverable';

export type DeliverableRow = {
  id: string;
  accompaniment_id: string;
  type: DeliverableType;
  title: string;
  expected_on: string | null;
  status: DeliverableStatus;
  created_by: string | null;
  created_at: Date;
  updated_at: Date;
};

export type DeliverableListItem = DeliverableRow & {
  last_version_on: string | null;
  versions: number;
  consents: number;
  overdue: boolean;
};

/** A deliverable and its accompaniment, loaded through the user's scope: otherwise 404. */
export async function loadDeliverable(deps: Deps, req: Request) {
  if (!isId(req.params.id)) throw notFound();
  // A structure that left the case before this deliverable does not see it (accompaniments/withdrawn.ts).
  const row = await onlySeen(
    deps.db('deliverables as d').where('d.id', req.params.id),
    currentUser(req),
    THINGS.deliverable('d'),
  ).first<DeliverableRow | undefined>('d.*');
  if (!row) throw notFound();
  const acc = await findAccompaniment(deps.db, currentUser(req), row.accompaniment_id);
  if (!acc) throw notFound();
  return { d: row, acc };
}

/** Locks the deliverable inside a write and re-reads its status. */
export async function lockDeliverable(trx: Trx, id: string) {
  return trx('deliverables').where({ id }).forUpdate().first<DeliverableRow>();
}

export async function listDeliverables(
  db: Db,
  accompanimentId: string,
  today: string,
  reader?: SessionUser,
): Promise<DeliverableListItem[]> {
  const rows = deliverablesOf(db, accompanimentId);
  // Given its reader, only those it sees (a structure that left: accompaniments/withdrawn.ts).
  return listItemsOf(await (reader ? onlySeen(rows, reader, THINGS.deliverable('d')) : rows), today);
}

type DeliverableListRow = DeliverableRow & { last_version_on: string | null; versions: string; consents: string };

/** The case's deliverables with their versions and consents counted, as one read (src/platform/read-together.ts). */
export const deliverablesRead = (db: Db, accompanimentId: string): Read<DeliverableListRow> => ({
  query: deliverablesOf(db, accompanimentId),
  dates: ['created_at', 'updated_at'],
  bigints: ['id', 'accompaniment_id', 'created_by', 'versions', 'consents'],
});

function deliverablesOf(db: Db, accompanimentId: string) {
  return db('deliverables as d')
    .where('d.accompaniment_id', accompanimentId)
    .orderByRaw('d.expected_on asc nulls last, d.id asc')
    .select<DeliverableListRow[]>(
      'd.*',
      db.raw(
        '(select max(v.submitted_on) from deliverable_versions v where v.deliverable_id = d.id) as last_version_on',
      ),
      db.raw('(select count(*) from deliverable_versions v where v.deliverable_id = d.id) as versions'),
      db.raw('(select count(*) from deliverable_consents c where c.deliverable_id = d.id) as consents'),
    );
}

/** The list's items from its rows, read alone or together: `today` decides what is overdue. */
export function listItemsOf(rows: DeliverableListRow[], today: string): DeliverableListItem[] {
  return rows.map((r) => ({
    ...r,
    versions: Number(r.versions),
    consents: Number(r.consents),
    overdue: r.status === 'expected' && r.expected_on != null && r.expected_on < today,
  }));
}

export type VersionRow = {
  id: string;
  version: number;
  document_id: string;
  filename: string;
  size_bytes: string;
  sha256: string;
  submitted_on: string;
  uploaded_at: Date;
  uploaded_by_name: string | null;
};

const versions = (db: Db | Trx) =>
  db('deliverable_versions as v')
    .join('documents as doc', 'doc.id', 'v.document_id')
    .leftJoin('users as u', 'u.id', 'v.uploaded_by')
    .select<VersionRow[]>(
      'v.id',
      'v.version',
      'v.document_id',
      'doc.filename',
      'doc.size_bytes',
      'v.sha256',
      'v.submitted_on',
      'v.uploaded_at',
      'u.name as uploaded_by_name',
    );

export function listVersions(db: Db | Trx, deliverableId: string): Promise<VersionRow[]> {
  return versions(db).where('v.deliverable_id', deliverableId).orderBy('v.version', 'desc');
}

/** The latest version of each of these deliverables, in one query (lists must not query per row). */
export async function latestVersions(db: Db | Trx, deliverableIds: string[]): Promise<Map<string, VersionRow>> {
  if (!deliverableIds.length) return new Map();
  const rows = await versions(db)
    .select<(VersionRow & { deliverable_id: string })[]>('v.deliverable_id')
    .distinctOn('v.deliverable_id')
    .whereIn('v.deliverable_id', deliverableIds)
    .orderBy([{ column: 'v.deliverable_id' }, { column: 'v.version', order: 'desc' }]);
  return new Map(rows.map(({ deliverable_id, ...v }) => [deliverable_id, v]));
}

export function listComments(db: Db, deliverableId: string) {
  return db('deliverable_comments as c')
    .leftJoin('users as u', 'u.id', 'c.author_id')
    .where('c.deliverable_id', deliverableId)
    .orderBy([{ column: 'c.decided_on' }, { column: 'c.created_at' }, { column: 'c.id' }])
    .select<
      {
        id: string;
        decision: string;
        body: string | null;
        version: number | null;
        decided_on: string;
        created_at: Date;
        author_name: string | null;
      }[]
    >('c.id', 'c.decision', 'c.body', 'c.version', 'c.decided_on', 'c.created_at', 'u.name as author_name');
}

export type ConsentRow = {
  id: string;
  organisation_id: string;
  organisation_name: string;
  signatory_name: string;
  given_on: string;
  recorded_by_name: string | null;
};

const consents = (db: Db | Trx) =>
  db('deliverable_consents as c')
    .join('organisations as o', 'o.id', 'c.organisation_id')
    .leftJoin('users as u', 'u.id', 'c.given_by')
    .orderBy([{ column: 'c.given_on' }, { column: 'c.id' }])
    .select<ConsentRow[]>(
      'c.id',
      'c.organisation_id',
      'o.name as organisation_name',
      'c.signatory_name',
      'c.given_on',
      'u.name as recorded_by_name',
    );

export function listConsents(db: Db | Trx, deliverableId: string): Promise<ConsentRow[]> {
  return consents(db).where('c.deliverable_id', deliverableId);
}

/** The consents of each of these deliverables, in one query. */
export async function consentsOf(db: Db | Trx, deliverableIds: string[]): Promise<Map<string, ConsentRow[]>> {
  const byDeliverable = new Map<string, ConsentRow[]>();
  if (!deliverableIds.length) return byDeliverable;
  const rows = await consents(db)
    .select<(ConsentRow & { deliverable_id: string })[]>('c.deliverable_id')
    .whereIn('c.deliverable_id', deliverableIds);
  for (const { deliverable_id, ...c } of rows) {
    const key = deliverable_id;
    byDeliverable.set(key, [...(byDeliverable.get(key) ?? []), c]);
  }
  return byDeliverable;
}

/** The day the deliverable was accepted: its accepting decision's, as chosen by the reviewer. */
export async function acceptedOn(db: Db, deliverableId: string): Promise<string | null> {
  const row = await db('deliverable_comments')
    .where({ deliverable_id: deliverableId, decision: 'accepted' })
    .orderBy([
      { column: 'decided_on', order: 'desc' },
      { column: 'id', order: 'desc' },
    ])
    .first<{ decided_on: string } | undefined>('decided_on');
  return row?.decided_on ?? null;
}

export async function hasFunderConsent(db: Db, deliverableId: string) {
  const row = await db<DeliverableConsentsRow>('deliverable_consents')
    .where({ deliverable_id: deliverableId, scope: 'funders' })
    .first('id');
  return !!row;
}

/** Which of these deliverables a structure consented to share with funders, in one query. */
export async function withFunderConsent(db: Db, deliverableIds: string[]): Promise<Set<string>> {
  if (!deliverableIds.length) return new Set();
  const rows = await db<DeliverableConsentsRow>('deliverable_consents')
    .whereIn('deliverable_id', deliverableIds)
    .where({ scope: 'funders' })
    .distinct<{ deliverable_id: Id }[]>('deliverable_id');
  return new Set(rows.map((r) => r.deliverable_id));
}

/** The deliverable a document is a version of. */
export async function deliverableOfDocument(db: Db, documentId: string) {
  const row = await db('deliverable_versions')
    .where({ document_id: documentId })
    .first<{ deliverable_id: string } | undefined>('deliverable_id');
  return row ? row.deliverable_id : null;
}

export function listActions(db: Db | Trx, deliverableId: string) {
  return db('action_items as ai')
    .leftJoin('organisations as o', 'o.id', 'ai.owner_organisation_id')
    .where('ai.deliverable_id', deliverableId)
    .orderByRaw('ai.due_on asc nulls last, ai.id asc')
    .select<
      { id: string; what: string; owner_name: string | null; due_on: string | null; status: string; visible: boolean }[]
    >('ai.id', 'ai.what', 'o.name as owner_name', 'ai.due_on', 'ai.status', 'ai.visible');
}

/** Active beneficiary structures of the case (owners of actions, consenting structures). */
export async function structuresOf(db: Db, accompanimentId: string): Promise<{ id: Id; name: string }[]> {
  return await db('accompaniment_beneficiaries as b')
    .join('organisations as o', 'o.id', 'b.organisation_id')
    .where({ 'b.accompaniment_id': accompanimentId, 'b.status': 'active' })
    .orderBy('o.name')
    .select<{ id: Id; name: string }[]>('o.id', 'o.name');
}

export async function insertDeliverable(
  trx: Trx,
  accompanimentId: string,
  input: DeliverableInput,
  userId: string | null,
) {
  const [row] = await trx('deliverables')
    .insert({ accompaniment_id: accompanimentId, ...input, status: INITIAL_DELIVERABLE_STATUS, created_by: userId })
    .returning<{ id: Id }[]>('id');
  return row.id;
}

export async function insertAction(trx: Trx, d: { id: string; accompaniment_id: string }, input: ActionInput) {
  const closed = input.status === 'done' || input.status === 'dropped';
  const [row] = await trx('action_items')
    .insert({
      accompaniment_id: d.accompaniment_id,
      deliverable_id: d.id,
      what: input.what,
      owner_organisation_id: input.owner_organisation_id,
      due_on: input.due_on,
      status: input.status,
      closed_at: closed ? trx.fn.now() : null,
      visible: false,
    })
    .returning<{ id: Id }[]>('id');
  return row.id;
}
