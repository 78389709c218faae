import type { SessionUser } from '../platform/auth/session-user';
import type { Db, Rows } from '../platform/db';
import { meetsConditionsSql } from './conditions';
import { scopeEnvelopes } from './scope';

/** The states of a case before its convention: its money is planned, not committed yet. */
export const PLANNED_STATES = ['intake', 'diagnostic', 'consultation'] as const;

/**
 * The forecast's planned part of envelope `e` (issue 20, « une prévision à partir des actions
 * prévues »), as one SQL expression. A case counts as planned on an envelope when:
 * - it is a case of the envelope's operator in a state before the convention (PLANNED_STATES);
 * - it has a funding row (accompaniment_funding) for the envelope's funder: that row's amount is
 *   what is planned;
 * - it is expected in the envelope's year: the year of its planned start, or, without one, the
 *   office's current year (`currentYear`: a case not started yet is expected this year);
 * - nothing of it is committed yet on an envelope of that funder (status 'committed');
 * - it meets the envelope's conditions (conditions.ts); when several envelopes of the funder that
 *   year accept it, it counts once, on the first of them (lowest id), never twice.
 * The forecast is then committed + planned (the page compares both with the envelope's amount).
 */
export function plannedSql(e: string) {
  return `(select coalesce(sum(pf.amount_eur), 0)
    from accompaniments pa
    join accompaniment_funding pf on pf.accompaniment_id = pa.id and pf.funder_id = ${e}.funder_id
    where pa.operator_id = ${e}.operator_id
      and pa.state in (${PLANNED_STATES.map((s) => `'${s}'`).join(', ')})
      and coalesce(extract(year from pa.planned_start)::int, :currentYear) = ${e}.year
      and ${meetsConditionsSql(e, 'pa')}
      and not exists (select 1 from envelope_commitments pc join funding_envelopes pe on pe.id = pc.envelope_id
        where pc.accompaniment_id = pa.id and pe.funder_id = ${e}.funder_id and pc.status = 'committed')
      and ${e}.id = (select min(pe2.id) from funding_envelopes pe2
        where pe2.operator_id = ${e}.operator_id and pe2.funder_id = ${e}.funder_id and pe2.year = ${e}.year
          and ${meetsConditionsSql('pe2', 'pa')}))`;
}

/**
 * The money of one commitment `c` (or of every commitment of an envelope, through `c`), amounts
 * including VAT (what the operator spends): ordered (purchase orders not cancelled), service done
 * (service certifications), invoiced (invoices not rejected), paid (payments).
 */
const moneyOf = (c: string) => ({
  ordered: `(select coalesce(sum(po.amount_incl_vat_eur), 0) from purchase_orders po
    where po.commitment_id = ${c}.id and po.status <> 'cancelled')`,
  service_done: `(select coalesce(sum(sc.amount_eur), 0) from purchase_orders po
    join service_certifications sc on sc.purchase_order_id = po.id where po.commitment_id = ${c}.id)`,
  invoiced: `(select coalesce(sum(pi.amount_incl_vat_eur), 0) from purchase_orders po
    join provider_invoices pi on pi.purchase_order_id = po.id where po.commitment_id = ${c}.id and pi.status <> 'rejected')`,
  paid: `(select coalesce(sum(pp.amount_eur), 0) from purchase_orders po
    join provider_invoices pi on pi.purchase_order_id = po.id join payments pp on pp.invoice_id = pi.id
    where po.commitment_id = ${c}.id)`,
});

export type EnvelopeFigures = {
  id: string;
  operator_id: string;
  operator_name: string;
  funder_id: string;
  funder_name: string;
  year: number;
  label: string;
  notes: string | null;
  amount_eur: string;
  eligible_action_types: string[];
  departments: string[];
  lock_version: number;
  committed: string;
  ordered: string;
  service_done: string;
  invoiced: string;
  paid: string;
  /** Committed and not paid yet (never below 0). */
  unpaid: string;
  planned: string;
  left_eur: string;
  forecast: string;
  over_committed: boolean;
  over_forecast: boolean;
  /** Widths of the bar picture, in % of the larger of the amount and the committed (display only). */
  bar_paid: string;
  bar_committed: string;
  bar_left: string;
};

/**
 * The envelopes matching `where` with all their figures, in one statement: every sum is done by
 * PostgreSQL in numeric (exact to the cent) and given back as text; the alerts are numeric comparisons.
 */
function figuresQuery(db: Db, where: string, bindings: Record<string, unknown>, currentYear: number) {
  const sum = (expr: string) =>
    `(select coalesce(sum(${expr}), 0) from envelope_commitments c where c.envelope_id = e.id)`;
  const m = moneyOf('c');
  return db.raw<Rows<EnvelopeFigures>>(
    `select f.id, f.operator_id, f.operator_name, f.funder_id, f.funder_name, f.year, f.label, f.notes,
        f.eligible_action_types, f.departments, f.lock_version,
        (f.amount_eur - f.committed)::text as left_eur, (f.committed + f.planned)::text as forecast,
        f.committed > f.amount_eur as over_committed, f.committed + f.planned > f.amount_eur as over_forecast,
        greatest(f.committed - f.paid, 0)::text as unpaid,
        round(f.paid * 100 / f.track, 1)::text as bar_paid,
        round(greatest(f.committed - f.paid, 0) * 100 / f.track, 1)::text as bar_committed,
        round(greatest(f.amount_eur - f.committed, 0) * 100 / f.track, 1)::text as bar_left,
        f.amount_eur::text as amount_eur, f.committed::text as committed, f.ordered::text as ordered,
        f.service_done::text as service_done, f.invoiced::text as invoiced, f.paid::text as paid,
        f.planned::text as planned
     from (
       select e.id, e.operator_id, op.name as operator_name, e.funder_id, fo.name as funder_name, e.year, e.label,
         e.notes, e.amount_eur, e.eligible_action_types, e.departments, e.lock_version,
         x.committed, x.ordered, x.service_done, x.invoiced, x.paid, ${plannedSql('e')} as planned,
         greatest(e.amount_eur, x.committed, 0.01) as track
       from funding_envelopes e
       join organisations op on op.id = e.operator_id
       join organisations fo on fo.id = e.funder_id
       cross join lateral (select
         ${sum("case when c.status = 'committed' then c.amount_eur else 0 end")} as committed,
         ${sum(m.ordered)} as ordered, ${sum(m.service_done)} as service_done,
         ${sum(m.invoiced)} as invoiced, ${sum(m.paid)} as paid) x
       where ${where}
     ) f
     order by f.year desc, f.funder_name, f.label, f.id`,
    { ...bindings, currentYear },
  );
}

/**
 * The year's page: the envelopes of the user's operator (staff, admins) or the funder's own (a
 * funder, at any operator), for `year`, with their figures.
 */
export async function envelopesOfYear(db: Db, user: SessionUser, year: number, currentYear: number) {
  const column = user.role === 'funder' ? 'e.funder_id' : 'e.operator_id';
  const { rows } = await figuresQuery(
    db,
    `${column} = :org and e.year = :year`,
    { org: user.organisation_id, year },
    currentYear,
  );
  return rows;
}

/** One envelope with its figures, through the user's scope (undefined: 404). */
export async function findEnvelope(db: Db, user: SessionUser, id: string, currentYear: number) {
  const inScope = await scopeEnvelopes(user, db('funding_envelopes as e').where('e.id', id)).first<
    { id: string } | undefined
  >('e.id');
  if (!inScope) return undefined;
  const { rows } = await figuresQuery(db, 'e.id = :id', { id }, currentYear);
  return rows[0];
}
export type Envelope = EnvelopeFigures;

export type CommitmentLine = {
  id: string;
  accompaniment_id: string;
  title: string;
  state: string;
  amount_eur: string;
  committed_on: string;
  status: string;
  over_envelope_reason: string | null;
  ordered: string;
  service_done: string;
  invoiced: string;
  paid: string;
  /** The purchase orders issued on the commitment (src/payments/), oldest first. */
  orders: { id: string; number: string }[];
};

/** An envelope's commitments, each with its action's money states and its purchase orders. */
export async function envelopeCommitments(db: Db, envelopeId: string) {
  const m = moneyOf('c');
  const { rows } = await db.raw<Rows<CommitmentLine>>(
    `select c.id, c.accompaniment_id, a.title, a.state, c.amount_eur::text as amount_eur, c.committed_on, c.status,
        c.over_envelope_reason, ${m.ordered}::text as ordered, ${m.service_done}::text as service_done,
        ${m.invoiced}::text as invoiced, ${m.paid}::text as paid,
        (select coalesce(json_agg(json_build_object('id', o.id::text, 'number', o.number) order by o.issued_on, o.id), '[]')
           from purchase_orders o where o.commitment_id = c.id) as orders
     from envelope_commitments c join accompaniments a on a.id = c.accompaniment_id
     where c.envelope_id = ? order by c.committed_on, c.id`,
    [envelopeId],
  );
  return rows;
}

export type CaseCommitment = {
  id: string;
  envelope_id: string;
  label: string;
  year: number;
  funder_name: string;
  amount_eur: string;
  committed_on: string;
  status: string;
  over_envelope_reason: string | null;
};

/** A case's commitments on envelopes (its « Financement » block): one indexed read. */
export function caseCommitments(db: Db, accompanimentId: string) {
  return db('envelope_commitments as c')
    .join('funding_envelopes as e', 'e.id', 'c.envelope_id')
    .join('organisations as o', 'o.id', 'e.funder_id')
    .where('c.accompaniment_id', accompanimentId)
    .orderBy([{ column: 'c.committed_on' }, { column: 'c.id' }])
    .select<CaseCommitment[]>(
      'c.id',
      'c.envelope_id',
      'e.label',
      'e.year',
      'o.name as funder_name',
      db.raw('c.amount_eur::text as amount_eur'),
      'c.committed_on',
      'c.status',
      'c.over_envelope_reason',
    );
}

/** The envelopes a case of `operatorId` may be committed on (every year, newest first), with what is left. */
export async function commitChoices(db: Db, operatorId: string, currentYear: number) {
  const { rows } = await figuresQuery(db, 'e.operator_id = :operatorId', { operatorId }, currentYear);
  return rows;
}

export type CommitmentRow = {
  id: string;
  envelope_id: string;
  accompaniment_id: string;
  title: string;
  amount_eur: string;
  committed_on: string;
  status: string;
};

/** A commitment of an envelope already loaded through the user's scope. */
export function findCommitment(db: Db, envelopeId: string, commitmentId: string) {
  return db('envelope_commitments as c')
    .join('accompaniments as a', 'a.id', 'c.accompaniment_id')
    .where({ 'c.id': commitmentId, 'c.envelope_id': envelopeId })
    .first<CommitmentRow | undefined>(
      'c.id',
      'c.envelope_id',
      'c.accompaniment_id',
      'a.title',
      db.raw('c.amount_eur::text as amount_eur'),
      'c.committed_on',
      'c.status',
    );
}

/** A commitment's moves (its release, with the reason), oldest first. */
export function commitmentLog(db: Db, envelopeId: string) {
  return db('envelope_commitment_transitions as t')
    .join('envelope_commitments as c', 'c.id', 't.commitment_id')
    .leftJoin('users as u', 'u.id', 't.actor_id')
    .where('c.envelope_id', envelopeId)
    .andWhere('t.event', 'release')
    .orderBy('t.id')
    .select<Array<{ commitment_id: string; happened_on: string; reason: string | null; actor_name: string | null }>>(
      't.commitment_id',
      't.happened_on',
      't.reason',
      'u.name as actor_name',
    );
}

/** How many cases the envelope page offers to commit at most (the rest: from the case's own page). */
export const COMMITTABLE_CASES = 100;

export type CommittableCase = { id: string; title: string; state: string; total: string };

/**
 * The cases the envelope page offers to commit on the envelope: the operator's cases at the convention
 * stage or later and not ended (convention, delivery, close-out, follow-up), that meet the envelope's
 * conditions and have no live commitment on it (the commit command refuses a second one; a released one
 * frees the case). By title.
 */
export async function committableCases(db: Db, envelope: { id: string; operator_id: string }) {
  const { rows } = await db.raw<Rows<CommittableCase>>(
    `select a.id::text as id, a.title, a.state, (count(*) over ())::text as total
     from accompaniments a join funding_envelopes e on e.id = ?
     where a.operator_id = ? and a.state in ('convention', 'delivery', 'close_out', 'follow_up')
       and ${meetsConditionsSql('e', 'a')}
       and not exists (select 1 from envelope_commitments c
         where c.envelope_id = e.id and c.accompaniment_id = a.id and c.status = 'committed')
     order by a.title, a.id limit ${COMMITTABLE_CASES}`,
    [envelope.id, envelope.operator_id],
  );
  return rows;
}
