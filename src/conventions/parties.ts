/**
 * A convention's parties: those of a version (partiesOf) and where each stands on the board with its
 * signatures (boardOf), the structures that left with what they signed before (formerParties), who
 * the case's convention would name today (prospectiveParties), and who hears about a party
 * (recipientsOf). The versions themselves: queries.ts.
 */
import type { Db, Trx } from '../platform/db';
import type { Id } from '../platform/id';
import type { OrganisationsRow } from '../platform/db-tables';
import type { BoardRow, PartyKind, PartyRow, SignatureRow } from './queries';

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
