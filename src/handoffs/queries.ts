import type { Request } from 'express';
import type { Knex } from 'knex';
import { scopeAccompaniments } from '../accompaniments/scope';
import type { SessionUser } from '../platform/auth/session-user';
import { currentUser, isId } from '../platform/auth/guards';
import type { Db, Trx } from '../platform/db';
import type { Deps } from '../platform/deps';
import { notFound } from '../platform/errors';
import type { Locale } from '../platform/i18n';
import type { Read } from '../platform/read-together';
import type { HandoffInput, KeyDate } from './schemas';
import type { Id } from '../platform/id';
import type { CaseSheetsRow } from '../platform/db-tables';

export type HandoffRow = {
  id: string;
  accompaniment_id: string;
  relay_id: string;
  relay_name: string;
  summary: string;
  management_committee: string | null;
  workstreams: string[];
  handed_off_on: string;
  handed_off_by_name: string | null;
  created_at: Date;
  acknowledged_at: Date | null;
  acknowledged_on: string | null;
  acknowledged_by_name: string | null;
  last_reminded_at: Date | null;
  reminder_count: number;
};

/** The handoff with its accompaniment's essentials (for the policy and the page). */
export type ScopedHandoff = HandoffRow & {
  title: string;
  state: string;
  operator_id: string;
  coordinator_id: string | null;
  handed_off_by: string | null;
};

const columns = [
  'h.id',
  'h.accompaniment_id',
  'h.relay_id',
  'r.name as relay_name',
  'h.summary',
  'h.management_committee',
  'h.workstreams',
  'h.handed_off_on',
  'hb.name as handed_off_by_name',
  'h.created_at',
  'h.acknowledged_at',
  'h.acknowledged_on',
  'ab.name as acknowledged_by_name',
  'h.last_reminded_at',
  'h.reminder_count',
];

const norm = <T extends { id: unknown; accompaniment_id: unknown; relay_id: unknown }>(h: T) => ({
  ...h,
  id: String(h.id),
  accompaniment_id: String(h.accompaniment_id),
  relay_id: String(h.relay_id),
});

function base(db: Db | Trx) {
  return db('handoffs as h')
    .join('organisations as r', 'r.id', 'h.relay_id')
    .leftJoin('users as hb', 'hb.id', 'h.handed_off_by')
    .leftJoin('users as ab', 'ab.id', 'h.acknowledged_by');
}

/** The handoff of a case already loaded through the user's scope, if there is one. */
export async function handoffOf(db: Db, accompanimentId: string): Promise<HandoffRow | null> {
  const row = await base(db).where('h.accompaniment_id', accompanimentId).first<HandoffRow | undefined>(columns);
  return row ? norm(row) : null;
}

/**
 * The same with its relay members (as membersOf reads them) in one statement, for the case page,
 * where a second round trip cost more than the read: the members come as a JSON list, ids as text
 * like the pg driver's bigints.
 */
export async function handoffWithMembers(
  db: Db,
  accompanimentId: string,
): Promise<{ h: HandoffRow; members: HandoffMember[] } | null> {
  const row = await base(db)
    .where('h.accompaniment_id', accompanimentId)
    .first<(HandoffRow & { members: HandoffMember[] }) | undefined>([
      ...columns,
      db.raw(`coalesce((select json_agg(json_build_object('id', u.id::text, 'name', u.name, 'email', u.email, 'locale', u.locale) order by u.name)
                          from handoff_members m join users u on u.id = m.user_id where m.handoff_id = h.id), '[]') as members`),
    ]);
  if (!row) return null;
  const { members, ...h } = row;
  return { h: norm(h), members };
}

/** A handoff is visible exactly when its accompaniment is (same scope, same 404). */
export async function loadHandoff(deps: Deps, req: Request): Promise<ScopedHandoff> {
  if (!isId(req.params.id)) throw notFound();
  const q = base(deps.db)
    .join('accompaniments as a', 'a.id', 'h.accompaniment_id')
    .where('h.id', req.params.id)
    .first<ScopedHandoff | undefined>([
      ...columns,
      'h.handed_off_by',
      'a.title',
      'a.state',
      'a.operator_id',
      'a.coordinator_id',
    ]);
  const row = await scopeAccompaniments(deps.db, currentUser(req), q, 'a');
  if (!row) throw notFound();
  const idOrNull = (v: string | number | null | undefined) => (v == null ? null : String(v));
  return {
    ...norm(row),
    operator_id: String(row.operator_id),
    coordinator_id: idOrNull(row.coordinator_id),
    handed_off_by: idOrNull(row.handed_off_by),
  };
}

export type HandoffMember = { id: string; name: string; email: string; locale: Locale };

/** The relay users named in the handoff (they receive its mails). */
export function membersOf(db: Db | Trx, handoffId: string): Promise<HandoffMember[]> {
  return db('handoff_members as m')
    .join('users as u', 'u.id', 'm.user_id')
    .where('m.handoff_id', handoffId)
    .orderBy('u.name')
    .select('u.id', 'u.name', 'u.email', 'u.locale');
}

export function keyDatesOf(db: Db | Trx, handoffId: string): Promise<KeyDate[]> {
  return db('handoff_key_dates')
    .where({ handoff_id: handoffId })
    .orderBy([{ column: 'on_date' }, { column: 'id' }])
    .select('on_date', 'approximate', 'label');
}

/** Relay organisations and their active relay users, for the form's choices. */
export async function relayChoices(db: Db) {
  const [orgs, users] = await Promise.all([
    db('organisations')
      .where({ kind: 'relay', active: true })
      .orderBy('name')
      .select<{ id: Id; name: string }[]>('id', 'name'),
    db('users as u')
      .join('organisations as o', 'o.id', 'u.organisation_id')
      .where({ 'o.kind': 'relay', 'u.role': 'relay', 'u.status': 'active' })
      .orderBy('u.name')
      .select<{ id: Id; name: string; organisation_id: Id }[]>('u.id', 'u.name', 'u.organisation_id'),
  ]);
  return orgs.map((o) => ({
    id: o.id,
    name: o.name,
    users: users.filter((u) => u.organisation_id === o.id).map((u) => ({ id: u.id, name: u.name })),
  }));
}
export type RelayChoice = Awaited<ReturnType<typeof relayChoices>>[number];

/**
 * The day the case entered close-out, as entered with its transition (accompaniments.closed_out_on,
 * kept by the transitions' trigger): the handoff's floor and what the checkpoints count from.
 */
export async function closeOutDate(trx: Trx, accompanimentId: string): Promise<string | null> {
  const row = await trx('accompaniments')
    .where({ id: accompanimentId })
    .first<{ closed_out_on: string | null } | undefined>('closed_out_on');
  return row?.closed_out_on ?? null;
}

export async function insertHandoff(
  trx: Trx,
  accompanimentId: string,
  input: HandoffInput,
  keyDates: KeyDate[],
  userId: string | null,
) {
  const [row] = await trx('handoffs')
    .insert({
      accompaniment_id: accompanimentId,
      relay_id: input.relay_id,
      summary: input.summary,
      management_committee: input.management_committee,
      workstreams: input.workstreams,
      handed_off_on: input.handed_off_on,
      handed_off_by: userId,
    })
    .returning<{ id: Id }[]>('id');
  const id = row.id;
  await trx('handoff_members').insert(input.member_ids.map((user_id) => ({ handoff_id: id, user_id })));
  if (keyDates.length) await trx('handoff_key_dates').insert(keyDates.map((k) => ({ handoff_id: id, ...k })));
  return id;
}

/** The coordinator's first words, from the record: title, objectives, results of the case sheet. */
export async function prefilledSummary(db: Db, acc: { id: string; title: string; objectives?: string | null }) {
  const sheet = await db('case_sheets')
    .where({ accompaniment_id: acc.id })
    .first<Pick<CaseSheetsRow, 'results'> | undefined>('results');
  const results: string[] = sheet?.results ?? [];
  return [acc.title, acc.objectives ?? '', results.map((r) => `- ${r}`).join('\n')]
    .filter((p) => p.trim())
    .join('\n\n');
}

export type PanelRow = {
  id: string;
  accompaniment_id: string;
  title: string;
  relay_name: string;
  handed_off_on: string;
  acknowledged_at: Date | null;
  acknowledged_on: string | null;
  reminder_count: number;
};

/** The panel's rows as one read of the home page (src/platform/read-together.ts). */
export const panelRead = (db: Db, user: SessionUser): Read<PanelRow> => ({
  query: panelRows(db, user),
  dates: ['acknowledged_at'],
  bigints: ['id', 'accompaniment_id'],
});

/** Home panel: a relay's handed-off cases; operator staff's handoffs still waiting for acknowledgement. */
function panelRows(db: Db, user: SessionUser): Knex.QueryBuilder {
  const columns = [
    'h.id',
    'h.accompaniment_id',
    'a.title',
    'r.name as relay_name',
    'h.handed_off_on',
    'h.acknowledged_at',
    'h.acknowledged_on',
    'h.reminder_count',
  ];
  const order = [
    { column: 'h.handed_off_on', order: 'desc' },
    { column: 'h.id', order: 'desc' },
  ];
  if (user.role === 'relay') {
    return db('handoffs as h')
      .join('accompaniments as a', 'a.id', 'h.accompaniment_id')
      .join('organisations as r', 'r.id', 'h.relay_id')
      .where('h.relay_id', user.organisation_id)
      .orderBy(order)
      .select(columns);
  }
  // From the handoffs still waiting for their acknowledgement (a partial index holds only those).
  const q = db('handoffs as h')
    .join('accompaniments as a', 'a.id', 'h.accompaniment_id')
    .join('organisations as r', 'r.id', 'h.relay_id')
    .whereNull('h.acknowledged_at')
    .where('a.operator_id', user.organisation_id)
    .orderBy(order)
    .select(columns);
  // A coordinator sees the cases they run or handed over; a manager the whole operator's. The two
  // halves are looked up each by its index (the coordinator's cases; the handoffs waiting by who
  // handed them over): tested together, every waiting handoff of the operator was read.
  if (user.role === 'coordinator')
    q.whereIn(
      'h.id',
      db('accompaniments as ca')
        .join('handoffs as ch', 'ch.accompaniment_id', 'ca.id')
        .whereNull('ch.acknowledged_at')
        .where({ 'ca.coordinator_id': user.id, 'ca.operator_id': user.organisation_id })
        .select('ch.id')
        .unionAll(
          db('handoffs as bh').whereNull('bh.acknowledged_at').where('bh.handed_off_by', user.id).select('bh.id'),
        ),
    );
  return q;
}
