/**
 * A case's convention versions: the list, the version in force (alone or with the case page's other
 * reads), a version's stored content, where the parties of the version in force stand, and the admin
 * override. The parties of a version, its board and who hears about them: parties.ts.
 */
import type { Knex } from 'knex';
import type { Db, Trx } from '../platform/db';
import type { SessionUser } from '../platform/auth/session-user';
import { onlySeen, THINGS } from '../accompaniments/withdrawn';

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
