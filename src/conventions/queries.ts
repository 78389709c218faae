import type { Knex } from 'knex';
import type { Db, Trx } from '../platform/db';
import type { SessionUser } from '../platform/auth/session-user';
import { onlySeen, THINGS } from '../accompaniments/withdrawn';
import type { Id } from '../platform/id';
import type { OrganisationsRow } from '../platform/db-tables';

export type PartyKind = 'structure' | 'operator' | 'provider';

export type ConventionRow = {
  id: string;
  accompaniment_id: string;
  version: number;
  document_id: string;
  sha256: string;
  generated_at: Date;
  generated_by: string | null;
  generated_by_name: string | null;
  voided_at: Date | null;
  filename: string;
  /** The day the version was issued (« établie le »), chosen by the user; generated_at is when it was typed. */
  issued_on: string;
  /** Its content is stored (issued since templates): it has a Word twin. */
  has_content: boolean;
};

export type PartyRow = {
  id: string;
  convention_id: string;
  party_kind: PartyKind;
  organisation_id: string;
  name: string;
  position: number;
  signatories_required: number;
  last_reminded_at: Date | null;
};

export type SignatureRow = {
  id: string;
  convention_id: string;
  party_id: string;
  party_kind: PartyKind;
  organisation_id: string;
  signatory_name: string;
  capacity: string;
  signed_on: string;
  method: 'scan' | 'click';
  scan_document_id: string | null;
  user_id: string | null;
  sha256_signed: string;
  recorded_at: Date;
  voided_at: Date | null;
};

/**
 * A party of the current version with its signatures: signed when it has as many as it needs.
 * withdrawn_on: a structure that left the case (« sortie le … »): its signatures stay shown.
 */
export type BoardRow = PartyRow & { signatures: SignatureRow[]; signed: boolean; withdrawn_on: string | null };

/** A version's columns, without its stored content (only its documents read it: versionContent). */
const conventionColumns = (db: Db | Trx) => [
  'c.id',
  'c.accompaniment_id',
  'c.version',
  'c.document_id',
  'c.sha256',
  'c.generated_at',
  'c.generated_by',
  'c.voided_at',
  'c.issued_on',
  db.raw('c.content is not null as has_content'),
  'u.name as generated_by_name',
  'd.filename',
];

/** Given its reader, a structure that left the case sees no version issued since that it is no party to (accompaniments/withdrawn.ts). */
const seenBy = <Q extends Knex.QueryBuilder>(q: Q, reader?: SessionUser) =>
  reader ? onlySeen(q, reader, THINGS.convention('c')) : q;

export function listVersions(db: Db | Trx, accompanimentId: string, reader?: SessionUser): Promise<ConventionRow[]> {
  const q = db('conventions as c')
    .leftJoin('users as u', 'u.id', 'c.generated_by')
    .join('documents as d', 'd.id', 'c.document_id')
    .where('c.accompaniment_id', accompanimentId)
    .orderBy('c.version', 'desc')
    .select(conventionColumns(db));
  return seenBy(q, reader);
}

/** The version in force (not voided), as a query builder: read alone here, or with the case page's other reads (section-query.ts). */
export function currentConventionQuery(db: Db | Trx, accompanimentId: string, reader?: SessionUser) {
  const q = db('conventions as c')
    .leftJoin('users as u', 'u.id', 'c.generated_by')
    .join('documents as d', 'd.id', 'c.document_id')
    .where('c.accompaniment_id', accompanimentId)
    .whereNull('c.voided_at')
    .limit(1)
    .select(conventionColumns(db));
  return seenBy(q, reader);
}

/** The stored content of a version the reader sees (a structure that left the case: accompaniments/withdrawn.ts), by its number. */
export async function versionContent(db: Db | Trx, accompanimentId: string, version: number, reader: SessionUser) {
  const q = db('conventions as c')
    .where({ 'c.accompaniment_id': accompanimentId, 'c.version': version })
    .first<{ id: string; version: number; content: unknown } | undefined>('c.id', 'c.version', 'c.content');
  return seenBy(q, reader);
}

export async function currentConvention(
  db: Db | Trx,
  accompanimentId: string,
  reader?: SessionUser,
): Promise<ConventionRow | undefined> {
  const [row] = (await currentConventionQuery(db, accompanimentId, reader)) as ConventionRow[];
  return row;
}

/**
 * The parties of the version in force and where each stands: signed when it has at least as many
 * signatures not voided as it needs (as boardOf counts), withdrawn_on when it is a structure that
 * left the case since (« sortie le … », not awaited any more).
 */
export function partyStandingsQuery(db: Db | Trx, accompanimentId: string, reader?: SessionUser) {
  const q = db('conventions as c')
    .join('convention_parties as p', 'p.convention_id', 'c.id')
    .where('c.accompaniment_id', accompanimentId)
    .whereNull('c.voided_at')
    .orderBy([{ column: 'p.position' }, { column: 'p.id' }])
    .select(
      'p.name',
      db.raw(`(select count(*) from convention_signatures s
                where s.convention_id = p.convention_id and s.party_id = p.id and s.voided_at is null) >= p.signatories_required as signed`),
      db.raw(`(select b.withdrawn_on from accompaniment_beneficiaries b
                where p.party_kind = 'structure' and b.accompaniment_id = c.accompaniment_id
                  and b.organisation_id = p.organisation_id and b.status = 'withdrawn') as withdrawn_on`),
    );
  return seenBy(q, reader);
}

export function partiesOf(db: Db | Trx, conventionId: string): Promise<PartyRow[]> {
  return db('convention_parties').where({ convention_id: conventionId }).orderBy('position').select('*');
}

export async function boardOf(db: Db | Trx, conventionId: string): Promise<BoardRow[]> {
  const reads = [
    () => partiesOf(db, conventionId),
    () =>
      db('convention_signatures')
        .where({ convention_id: conventionId })
        .whereNull('voided_at')
        .orderBy('id')
        .select<SignatureRow[]>('*'),
    () =>
      db('accompaniment_beneficiaries as b')
        .join('conventions as c', 'c.accompaniment_id', 'b.accompaniment_id')
        .where({ 'c.id': conventionId, 'b.status': 'withdrawn' })
        .select<{ organisation_id: string; withdrawn_on: string }[]>('b.organisation_id', 'b.withdrawn_on'),
  ] as const;
  // A transaction has one connection: its reads go one after the other (pg no longer queues them).
  const [parties, signatures, withdrawn] = db.isTransaction
    ? [await reads[0](), await reads[1](), await reads[2]()]
    : await Promise.all([reads[0](), reads[1](), reads[2]()]);
  const left = new Map(withdrawn.map((w) => [w.organisation_id, w.withdrawn_on]));
  return parties.map((p) => {
    const mine = signatures.filter((s) => s.party_id === p.id);
    return {
      ...p,
      signatures: mine,
      signed: mine.length >= p.signatories_required,
      withdrawn_on: p.party_kind === 'structure' ? (left.get(String(p.organisation_id)) ?? null) : null,
    };
  });
}

/** A structure that left the case and is no party of the current version, with what it signed before. */
export type FormerParty = {
  organisation_id: string;
  name: string;
  withdrawn_on: string;
  version: number;
  signatures: SignatureRow[];
};

/**
 * History never disappears: a structure that withdrew, left out of the current version, keeps on
 * the board the signatures it gave on the latest version it signed (voided with that version).
 */
export async function formerParties(
  db: Db | Trx,
  accompanimentId: string,
  currentId: string | null,
): Promise<FormerParty[]> {
  const rows = await db('convention_signatures as s')
    .join('conventions as c', 'c.id', 's.convention_id')
    .join('convention_parties as p', 'p.id', 's.party_id')
    .join('accompaniment_beneficiaries as b', function () {
      this.on('b.accompaniment_id', '=', 'c.accompaniment_id').andOn('b.organisation_id', '=', 's.organisation_id');
    })
    .where({ 'c.accompaniment_id': accompanimentId, 's.party_kind': 'structure', 'b.status': 'withdrawn' })
    .modify((q) => {
      if (currentId)
        q.whereNotExists(
          db('convention_parties as cp')
            .where('cp.convention_id', currentId)
            .whereRaw('cp.organisation_id = s.organisation_id'),
        );
    })
    .orderBy([{ column: 'p.name' }, { column: 'c.version', order: 'desc' }, { column: 's.id' }])
    .select<(SignatureRow & { name: string; withdrawn_on: string; version: number })[]>(
      's.*',
      'p.name',
      'b.withdrawn_on',
      'c.version',
    );
  const byOrg = new Map<string, FormerParty>();
  for (const r of rows) {
    const key = String(r.organisation_id);
    const entry = byOrg.get(key) ?? {
      organisation_id: key,
      name: r.name,
      withdrawn_on: r.withdrawn_on,
      version: r.version,
      signatures: [],
    };
    byOrg.set(key, entry);
    if (r.version === entry.version) entry.signatures.push(r);
  }
  return [...byOrg.values()];
}

/** What the case's convention would name today: the active structures, the operator, the selected provider. */
export async function prospectiveParties(db: Db | Trx, acc: { id: string; operator_id: string }) {
  const structures = await db('accompaniment_beneficiaries as b')
    .join('organisations as o', 'o.id', 'b.organisation_id')
    .where({ 'b.accompaniment_id': acc.id, 'b.status': 'active' })
    .orderBy([{ column: 'o.name' }, { column: 'o.id' }])
    .select<{ id: Id; name: string }[]>('o.id', 'o.name');
  const operator = await db('organisations')
    .where({ id: acc.operator_id })
    .first<{ id: Id; name: string }>('id', 'name'); // the case's operator: a foreign key, always there
  const provider = await db('consultation_bids as sb')
    .join('organisations as o', 'o.id', 'sb.provider_id')
    .where({ 'sb.accompaniment_id': acc.id, 'sb.status': 'selected' })
    .first<{ id: Id; name: string; proposal_days: string | null; proposal_price_eur: string | null } | undefined>(
      'o.id',
      'o.name',
      'sb.proposal_days',
      'sb.proposal_price_eur',
    );
  return { structures, operator, provider };
}

/** The admin override, if any: the guard reads it (see guard.ts). */
export const latestOverrideQuery = (db: Db | Trx, accompanimentId: string) =>
  db('convention_overrides as o')
    .leftJoin('users as u', 'u.id', 'o.decided_by')
    .where('o.accompaniment_id', accompanimentId)
    .orderBy('o.id', 'desc')
    .limit(1)
    .select('o.id', 'o.reason', 'o.decided_at', 'o.convention_id', 'u.name as decided_by_name');

export async function latestOverride(db: Db | Trx, accompanimentId: string): Promise<Override | undefined> {
  const [row] = (await latestOverrideQuery(db, accompanimentId)) as Override[];
  return row;
}

export type Override = {
  id: string;
  reason: string;
  decided_at: Date;
  convention_id: string | null;
  decided_by_name: string | null;
};

/**
 * Who hears about a party: its active users of the matching role with an e-mail (for the
 * operator, the case's coordinator), else the organisation's own e-mail address.
 */
export async function recipientsOf(
  db: Db | Trx,
  party: { party_kind: PartyKind; organisation_id: string },
  acc: { coordinator_id?: string | null },
) {
  let users: { email: string; locale: string }[] = [];
  if (party.party_kind === 'operator') {
    if (acc.coordinator_id) {
      users = await db('users')
        .where({ id: acc.coordinator_id, status: 'active', organisation_id: party.organisation_id })
        .select('email', 'locale');
    }
  } else {
    const role = party.party_kind === 'structure' ? 'beneficiary' : 'provider';
    users = await db('users')
      .where({ organisation_id: party.organisation_id, status: 'active', role })
      .orderBy('id')
      .select('email', 'locale');
  }
  users = users.filter((u) => u.email);
  if (users.length) return users;
  const org = await db('organisations')
    .where({ id: party.organisation_id })
    .first<Pick<OrganisationsRow, 'email'> | undefined>('email');
  return org?.email ? [{ email: String(org.email), locale: 'fr' }] : [];
}
