import { format } from 'date-fns/format';
import type { Db } from '../platform/db';
import type {
  AccompanimentTransitionsRow,
  BeneficiaryChangesRow,
  ConventionPartiesRow,
  ConventionsRow,
  HandoffKeyDatesRow,
  HandoffsRow,
  OrganisationsRow,
  SessionsRow,
} from '../platform/db-tables';

/**
 * What the case sheet reads from the rest of the record, one small query per source. Nothing
 * here is stored twice: the sheet is regenerated from these every time it is shown.
 */

/** A timestamptz as the calendar date where the office is (the process runs with TZ=Europe/Paris). */
export const parisDate = (d: Date | string) => format(new Date(d), 'yyyy-MM-dd');

export type SheetStructure = {
  organisation_id: string;
  name: string;
  siae_type: string | null;
  taxable: boolean | null;
  activities: string[] | null;
  employees: number | null;
  employees_in_insertion: number | null;
  status: 'active' | 'withdrawn';
  /** The day it left, for a structure that withdrew (« sortie le … »). */
  withdrawn_on: string | null;
};

/** Every beneficiary, withdrawn ones included: they took part in the accompaniment. */
export function sheetStructures(db: Db, accId: string): Promise<SheetStructure[]> {
  return db('accompaniment_beneficiaries as b')
    .join('organisations as o', 'o.id', 'b.organisation_id')
    .leftJoin('structures as s', 's.organisation_id', 'b.organisation_id')
    .where('b.accompaniment_id', accId)
    .orderBy([{ column: 's.employees', order: 'desc', nulls: 'last' }, { column: 'o.name' }])
    .select(
      db.raw('b.organisation_id::text as organisation_id'),
      'o.name',
      's.siae_type',
      's.taxable',
      's.activities',
      's.employees',
      's.employees_in_insertion',
      'b.status',
      'b.withdrawn_on',
    );
}

export type SheetSession = { type: string; title: string; theme: string | null; date: string };

export async function sheetSessions(db: Db, accId: string): Promise<SheetSession[]> {
  const rows = await db('sessions')
    .where({ accompaniment_id: accId })
    .orderBy('starts_at')
    .select<Pick<SessionsRow, 'type' | 'title' | 'theme' | 'starts_at'>[]>('type', 'title', 'theme', 'starts_at');
  return rows.map((r) => ({ type: r.type, title: r.title, theme: r.theme, date: parisDate(r.starts_at) }));
}

export async function selectedProvider(db: Db, accId: string): Promise<string | null> {
  const row = await db('consultation_bids as b')
    .join('organisations as o', 'o.id', 'b.provider_id')
    .where({ 'b.accompaniment_id': accId, 'b.status': 'selected' })
    .first<Pick<OrganisationsRow, 'name'> | undefined>('o.name');
  return row?.name ?? null;
}

/** The day the last structure validated the shared diagnostic, and how many did. */
export async function diagnosticValidated(db: Db, accId: string): Promise<{ on: string; count: number } | null> {
  const row = await db('diagnostic_validations')
    .where({ accompaniment_id: accId })
    .first<{ on: string | null; count: number } | undefined>(
      db.raw('max(validated_on) as on'),
      db.raw('count(*)::int as count'),
    );
  return row?.on ? { on: row.on, count: Number(row.count) } : null;
}

export function sheetNotices(db: Db, accId: string): Promise<{ kind: string; on_date: string; recipients: string }[]> {
  return db('notices').where({ accompaniment_id: accId }).orderBy('on_date').select('kind', 'on_date', 'recipients');
}

/**
 * When the convention was signed: the last signature of the current version once every party has
 * all its signatories; null while it is not fully signed (or was recorded outside Jalons).
 */
export async function conventionSignedOn(db: Db, accId: string): Promise<string | null> {
  const conv = await db('conventions')
    .where({ accompaniment_id: accId })
    .whereNull('voided_at')
    .first<Pick<ConventionsRow, 'id'> | undefined>('id');
  if (!conv) return null;
  const parties = await db('convention_parties as p')
    .where('p.convention_id', conv.id)
    .select<(Pick<ConventionPartiesRow, 'signatories_required'> & { signed: number; last_on: string | null })[]>(
      'p.signatories_required',
      db.raw(
        '(select count(*)::int from convention_signatures s where s.party_id = p.id and s.voided_at is null) as signed',
      ),
      db.raw(
        '(select max(s.signed_on) from convention_signatures s where s.party_id = p.id and s.voided_at is null) as last_on',
      ),
    );
  if (!parties.length || parties.some((p) => Number(p.signed) < Number(p.signatories_required))) return null;
  return (
    parties
      .map((p) => String(p.last_on))
      .sort()
      .at(-1) ?? null
  );
}

/** The first day the case entered a state, from the transition log: the day entered, not the day typed. */
export async function enteredOn(db: Db, accId: string, state: string): Promise<string | null> {
  const row = await db('accompaniment_transitions')
    .where({ accompaniment_id: accId, to_state: state })
    .orderBy([{ column: 'on_date' }, { column: 'id' }])
    .first<Pick<AccompanimentTransitionsRow, 'on_date'> | undefined>('on_date');
  return row?.on_date ?? null;
}

export type Withdrawal = {
  organisation_id: string;
  name: string;
  on_date: string;
  reasons: string[];
  may_rejoin: string | null;
  rejoined_on: string | null;
};

type WithdrawalRow = Pick<BeneficiaryChangesRow, 'organisation_id' | 'on_date' | 'reasons' | 'may_rejoin'> &
  Pick<OrganisationsRow, 'name'> & { rejoined_on: string | null };

/** Every withdrawal in the history (a structure that came back later still left once). */
export async function sheetWithdrawals(db: Db, accId: string): Promise<Withdrawal[]> {
  const rows = await db('beneficiary_changes as c')
    .join('organisations as o', 'o.id', 'c.organisation_id')
    .where({ 'c.accompaniment_id': accId, 'c.change': 'withdrawn' })
    .orderBy([{ column: 'c.on_date' }, { column: 'c.id' }])
    .select<WithdrawalRow[]>(
      'c.organisation_id',
      'o.name',
      'c.on_date',
      'c.reasons',
      'c.may_rejoin',
      db.raw(`(select min(r.on_date) from beneficiary_changes r where r.accompaniment_id = c.accompaniment_id
               and r.organisation_id = c.organisation_id and r.change = 'rejoined' and r.on_date >= c.on_date) as rejoined_on`),
    );
  return rows.map((r) => ({
    organisation_id: r.organisation_id,
    name: r.name,
    on_date: r.on_date,
    reasons: String(r.reasons ?? '')
      .split(/\r?\n/)
      .map((s) => s.trim())
      .filter(Boolean),
    may_rejoin: r.may_rejoin,
    rejoined_on: r.rejoined_on,
  }));
}

export type Relay = {
  name: string;
  handed_off_on: string;
  management_committee: string | null;
  workstreams: string[];
  keyDates: { on_date: string; approximate: boolean; label: string }[];
};

type RelayRow = Pick<HandoffsRow, 'id' | 'handed_off_on' | 'management_committee' | 'workstreams'> &
  Pick<OrganisationsRow, 'name'>;

/** The follow-up relay, when the case was handed off (table of the handoffs area). */
export async function sheetRelay(db: Db, accId: string): Promise<Relay | null> {
  const h = await db('handoffs as h')
    .join('organisations as r', 'r.id', 'h.relay_id')
    .where('h.accompaniment_id', accId)
    .first<RelayRow | undefined>('h.id', 'r.name', 'h.handed_off_on', 'h.management_committee', 'h.workstreams');
  if (!h) return null;
  const keyDates = await db('handoff_key_dates')
    .where({ handoff_id: h.id })
    .orderBy('on_date')
    .select<Pick<HandoffKeyDatesRow, 'on_date' | 'approximate' | 'label'>[]>('on_date', 'approximate', 'label');
  return {
    name: h.name,
    handed_off_on: h.handed_off_on,
    management_committee: h.management_committee,
    workstreams: h.workstreams ?? [],
    keyDates,
  };
}
