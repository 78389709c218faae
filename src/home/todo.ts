import type { Knex } from 'knex';
import type { HomePanel } from './panels';
import type { SessionUser } from '../platform/auth/session-user';
import type { Db } from '../platform/db';
import { localToday } from '../platform/dates';
import { read, type Read } from '../platform/read-together';

/**
 * « À faire »: what waits for the user, one list per role, each item with the page or form where it
 * is done. One read per role (a UNION ALL over the user's live cases, limited), sent with the home's
 * other reads in its one statement. Items are ordered by urgency: the date due or the date since
 * when it waits, oldest first; items without a date last.
 */
export type TodoKind =
  | 'deliverable_review'
  | 'convention_signatures'
  | 'report_due'
  | 'bid_to_score'
  | 'committee_opinion'
  | 'diagnostic_validate'
  | 'convention_sign'
  | 'survey_answer'
  | 'deliverable_due'
  | 'session_to_log';

export type TodoRow = {
  kind: TodoKind;
  acc_id: string | null;
  acc_title: string;
  ref_id: string | null;
  ref2_id: string | null;
  label: string | null;
  due_on: string | null;
  since_on: string | null;
  total: string;
};

export type TodoItem = TodoRow & { href: string; overdue: boolean };

/** How many to-dos the home lists at most (the rest is counted). */
export const TODO_ROWS = 15;

const FINAL = `('closed', 'referred', 'abandoned')`;

/** A current convention version with a party still owing signatures (its signatures not voided). */
const OWES_SIGNATURES = `p.signatories_required > (select count(*) from convention_signatures s
   where s.convention_id = c.id and s.party_id = p.id and s.voided_at is null)`;

/** The coordinator's: the to-dos of the live cases they coordinate and of the comité d'appui items on their parcours. */
function coordinatorSql(db: Db, user: SessionUser, today: string) {
  return db.raw(
    `with mine as (
       -- With the latest milestone reached (on the same day, the later one in a case's life).
       select a.id, a.title, greatest(a.diagnosed_on, a.convention_on, a.closed_out_on) as milestone_on,
              case greatest(a.diagnosed_on, a.convention_on, a.closed_out_on) when a.closed_out_on then 'restitution'
                when a.convention_on then 'convention_signed' when a.diagnosed_on then 'diagnostic_signed' end as milestone
         from accompaniments a
        where a.coordinator_id = ? and a.operator_id = ? and a.state not in ${FINAL})
     select 'deliverable_review' as kind, m.id as acc_id, m.title as acc_title, d.id as ref_id, null::bigint as ref2_id,
            d.title as label, null::text as due_on,
            (select max(v.submitted_on) from deliverable_versions v where v.deliverable_id = d.id)::text as since_on
       from mine m join deliverables d on d.accompaniment_id = m.id
      where d.status = 'submitted'
     union all
     select 'convention_signatures', m.id, m.title, c.id, null, c.version::text, null, c.issued_on::text
       from mine m join conventions c on c.accompaniment_id = m.id and c.voided_at is null
      where exists (select 1 from convention_parties p where p.convention_id = c.id and ${OWES_SIGNATURES})
     union all
     -- The latest milestone reached, unless a report sent to the funders covers it (a situation on or after it).
     select 'report_due', m.id, m.title, null, null, m.milestone, null, m.milestone_on::text
       from mine m
      where m.milestone_on is not null
        and exists (select 1 from accompaniment_funding f where f.accompaniment_id = m.id)
        and not exists (select 1 from progress_reports r where r.accompaniment_id = m.id and r.status = 'sent'
                           and r.period_end >= m.milestone_on)
     union all
     select 'bid_to_score', m.id, m.title, b.id, null, o.name, c.deadline::text, b.received_on::text
       from mine m join consultations c on c.accompaniment_id = m.id and c.selected_bid_id is null
       join consultation_bids b on b.accompaniment_id = m.id and b.status = 'proposed'
       join organisations o on o.id = b.provider_id
      where not exists (select 1 from bid_scores s where s.bid_id = b.id)
     union all
     -- Items of the operator's meetings already held or due, still without an opinion, on the user's parcours or cases.
     select 'committee_opinion', i.accompaniment_id, so.name, mt.id, i.id, i.subject, mt.meets_on::text, null
       from support_committee_meetings mt
       join support_committee_items i on i.meeting_id = mt.id
       join pathways pw on pw.id = i.pathway_id
       join organisations so on so.id = pw.organisation_id
      where mt.operator_id = ? and mt.status <> 'cancelled' and mt.meets_on <= ? and i.opinion is null
        and (pw.coordinator_id = ?
             or exists (select 1 from accompaniments ia where ia.id = i.accompaniment_id and ia.coordinator_id = ?))`,
    [user.id, user.organisation_id, user.organisation_id, today, user.id, user.id],
  );
}

/** The beneficiary's: on the live cases its structure takes part in (not withdrawn). */
function beneficiarySql(db: Db, user: SessionUser) {
  const org = user.organisation_id;
  return db.raw(
    `with mine as (
       select a.id, a.title, a.state, a.closed_out_on from accompaniments a
         join accompaniment_beneficiaries b on b.accompaniment_id = a.id
        where b.organisation_id = ? and b.status = 'active' and a.state not in ${FINAL})
     select 'diagnostic_validate' as kind, m.id as acc_id, m.title as acc_title, null::bigint as ref_id,
            null::bigint as ref2_id, null::text as label, null::text as due_on, dg.written_on::text as since_on
       from mine m join diagnostics dg on dg.accompaniment_id = m.id
      where m.state = 'diagnostic' and dg.written_on is not null
        and not exists (select 1 from diagnostic_validations v where v.accompaniment_id = m.id and v.organisation_id = ?)
     union all
     ${conventionToSign}
     union all
     select 'survey_answer', m.id, m.title, null, null, null, null, m.closed_out_on::text
       from mine m
      where m.state = 'close_out'
        and not exists (select 1 from satisfaction_surveys s where s.accompaniment_id = m.id and s.organisation_id = ?)`,
    [org, org, org, org],
  );
}

/** A party of the user's organisation owing signatures on the current version (needs `mine` and one binding: the organisation). */
const conventionToSign = `select 'convention_sign', m.id, m.title, p.id, null, c.version::text, null, c.issued_on::text
       from mine m join conventions c on c.accompaniment_id = m.id and c.voided_at is null
       join convention_parties p on p.convention_id = c.id and p.organisation_id = ?
      where ${OWES_SIGNATURES}`;

/** The provider's: on the cases its bid won, until the follow-up is handed over. */
function providerSql(db: Db, user: SessionUser) {
  const org = user.organisation_id;
  return db.raw(
    `with mine as (
       select a.id, a.title from accompaniments a
        where exists (select 1 from consultation_bids sb where sb.accompaniment_id = a.id and sb.provider_id = ?
                         and sb.status = 'selected')
          and a.state not in ${FINAL} and a.state <> 'follow_up')
     select 'deliverable_due' as kind, m.id as acc_id, m.title as acc_title, d.id as ref_id, null::bigint as ref2_id,
            d.title as label, d.expected_on::text as due_on, null::text as since_on
       from mine m join deliverables d on d.accompaniment_id = m.id
      where d.status in ('expected', 'changes_requested')
     union all
     -- A session whose time has passed, still planned: to record as held (or cancel).
     select 'session_to_log', m.id, m.title, s.id, null, s.title, null, (s.starts_at at time zone 'Europe/Paris')::date::text
       from mine m join sessions s on s.accompaniment_id = m.id
      where s.status = 'planned' and s.starts_at < now()
     union all
     ${conventionToSign}`,
    [org, org],
  );
}

/** The user's to-do read, or null for a role without one. */
export function todoRead(db: Db, user: SessionUser, today: string): Read<TodoRow> | null {
  let inner: Knex.Raw;
  if (user.role === 'coordinator') inner = coordinatorSql(db, user, today);
  else if (user.role === 'beneficiary') inner = beneficiarySql(db, user);
  else if (user.role === 'provider') inner = providerSql(db, user);
  else return null;
  const { sql, bindings } = inner.toSQL();
  const query = db.raw(
    `select t.*, count(*) over () as total from (${sql}) t
      order by coalesce(t.due_on, t.since_on) nulls last, t.kind, t.ref_id limit ${TODO_ROWS}`,
    bindings as Knex.RawBinding[],
  );
  return read<TodoRow>(query, { bigints: ['acc_id', 'ref_id', 'ref2_id', 'total'] });
}

/** Where each to-do is done. */
export function hrefOf(r: TodoRow, user: SessionUser): string {
  const acc = `/accompaniments/${r.acc_id}`;
  switch (r.kind) {
    case 'deliverable_review':
      return `/deliverables/${r.ref_id}`;
    case 'convention_signatures':
      return `${acc}/convention`;
    case 'report_due':
      return `${acc}/reports/new`;
    case 'bid_to_score':
      return `${acc}/consultation/bids/${r.ref_id}/scores`;
    case 'committee_opinion':
      return `/support-committee/meetings/${r.ref_id}/items/${r.ref2_id}/opinion`;
    case 'diagnostic_validate':
      return `${acc}/diagnostic/validations/new`;
    case 'convention_sign':
      return `${acc}/convention/sign?party=${r.ref_id}`;
    case 'survey_answer':
      return `${acc}/close-out/survey/${user.organisation_id}`;
    case 'deliverable_due':
      return `/deliverables/${r.ref_id}#upload-title`;
    case 'session_to_log':
      return `/sessions/${r.ref_id}`;
  }
}

/** The items with their links, and whether their date due has passed. */
export function todoItems(rows: TodoRow[], user: SessionUser, today: string): TodoItem[] {
  return rows.map((r) => ({
    ...r,
    href: hrefOf(r, user),
    overdue: (r.due_on != null && r.due_on < today) || r.kind === 'session_to_log',
  }));
}

/** The « À faire » list at the top of the home, for coordinators, beneficiaries and providers (empty state included). */
export const todoPanel: HomePanel = {
  id: 'todo',
  partial: 'home/_todo',
  reads({ db }, user) {
    const r = todoRead(db, user, localToday());
    return r ? { items: r } : null;
  },
  locals({ items }: { items: TodoRow[] }, user) {
    return { items: todoItems(items, user, localToday()), total: items.length ? Number(items[0].total) : 0 };
  },
};
