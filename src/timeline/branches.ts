/** The sources of a case's timeline: one branch of the union per source table, all with the same columns. */

/** Kinds of events, as offered by the filter (one union branch or more each). */
export const CATEGORIES = [
  'lifecycle',
  'beneficiaries',
  'diagnostic',
  'committee',
  'notices',
  'phases',
  'consultation',
  'convention',
  'sessions',
  'deliverables',
  'reports',
  'surveys',
  'follow_up',
] as const;
export type Category = (typeof CATEGORIES)[number];

/**
 * One entry of the timeline. Every branch of the union fills the same columns:
 * - subject: what the entry is about (new state, structure, phase, provider, notice recipients)
 * - detail: a short complement (previous state, validating person, notice kind, phase position)
 * - body / note: longer texts (comment, reasons, content / whether a structure may come back);
 *   for a session, detail is its type and note the days it consumed
 * - actor_name: who recorded it, when known (a branch gives the user's id, actor_id: the page's
 *   statement looks the names up for its one page of entries only); planned: a date still to come,
 *   not an event.
 */
export type TimelineEntry = {
  category: Category;
  kind: string;
  on_date: string;
  recorded_at: Date | null;
  ref_id: string;
  subject: string | null;
  detail: string | null;
  body: string | null;
  note: string | null;
  actor_name: string | null;
  planned: boolean;
};

export type Binding = string | number | null;
type Branch = { category: Category; sql: string; bindings: Binding[] };

/**
 * The branches of the union, one per source table. A later area (sessions, signatures…) adds its
 * own branch here with the same columns, and a category for the filter.
 */
export function branches(accompanimentId: string, today: string, surveysOf: string | null = null): Branch[] {
  return [
    {
      category: 'lifecycle',
      sql: `select 'lifecycle'::text as category, 'transition'::text as kind, t.on_date::date as on_date, t.at::timestamptz as recorded_at,
                   t.id::bigint as ref_id, t.to_state::text as subject, t.from_state::text as detail, t.comment::text as body,
                   null::text as note, t.actor_id::bigint as actor_id, false as planned
              from accompaniment_transitions t
             where t.accompaniment_id = ?`,
      bindings: [accompanimentId],
    },
    {
      category: 'beneficiaries',
      sql: `select 'beneficiaries', 'beneficiary_' || c.change, c.on_date, c.at, c.id, o.name, null, c.reasons, c.may_rejoin, c.actor_id, false
              from beneficiary_changes c
              join organisations o on o.id = c.organisation_id
             where c.accompaniment_id = ?`,
      bindings: [accompanimentId],
    },
    {
      // A structure that withdrew keeps its validation: note is its day of withdrawal (« sortie le … »).
      category: 'diagnostic',
      sql: `select 'diagnostic', 'diagnostic_validated', v.validated_on, v.at, v.id, o.name, v.validated_by_name, null,
                   (select b.withdrawn_on::text from accompaniment_beneficiaries b
                     where b.accompaniment_id = v.accompaniment_id and b.organisation_id = v.organisation_id and b.status = 'withdrawn'),
                   v.recorded_by, false
              from diagnostic_validations v
              join organisations o on o.id = v.organisation_id
             where v.accompaniment_id = ?`,
      bindings: [accompanimentId],
    },
    {
      category: 'notices',
      sql: `select 'notices', 'notice', n.on_date, n.created_at, n.id, n.recipients, n.kind, n.content, null, n.created_by, false
              from notices n
             where n.accompaniment_id = ?`,
      bindings: [accompanimentId],
    },
    {
      // Actual starts and ends; planned ones only while they are still to come and nothing actual replaced them.
      category: 'phases',
      sql: `select 'phases', x.kind, x.on_date, null, p.id, p.name, p.position::text, null, null, null, x.planned
              from phases p
              cross join lateral (values
                ('phase_started'::text, p.actual_start, false),
                ('phase_ended'::text, p.actual_end, false),
                ('phase_start_planned'::text, case when p.actual_start is null and p.planned_start > ?::date then p.planned_start end, true),
                ('phase_end_planned'::text, case when p.actual_end is null and p.planned_end > ?::date then p.planned_end end, true)
              ) as x(kind, on_date, planned)
             where p.accompaniment_id = ? and x.on_date is not null`,
      bindings: [today, today, accompanimentId],
    },
    {
      category: 'consultation',
      sql: `select 'consultation', 'consultation_invited', b.invited_on, null, b.id, o.name, null, null, null, null, false
              from consultation_bids b
              join organisations o on o.id = b.provider_id
             where b.accompaniment_id = ?
            union all
            select 'consultation', 'consultation_selected', c.selected_on, c.updated_at, c.accompaniment_id, o.name, null, c.selection_rationale, null, c.selected_by, false
              from consultations c
              join consultation_bids b on b.id = c.selected_bid_id
              join organisations o on o.id = b.provider_id
             where c.accompaniment_id = ? and c.selected_on is not null
            union all
            -- The consultation launched, and each proposal received, on the days entered.
            select 'consultation', 'consultation_launched', c.launched_on, null, c.accompaniment_id, null, null, null, null, null, false
              from consultations c
             where c.accompaniment_id = ? and c.launched_on is not null
            union all
            select 'consultation', 'consultation_bid_received', b.received_on, null, b.id, o.name, null, null, null, null, false
              from consultation_bids b
              join organisations o on o.id = b.provider_id
             where b.accompaniment_id = ? and b.received_on is not null
            union all
            select 'consultation', 'consultation_notified_' || b.notified_channel, b.notified_on, b.notification_recorded_at, b.id, o.name, b.status, null, null, null, false
              from consultation_bids b
              join organisations o on o.id = b.provider_id
             where b.accompaniment_id = ? and b.notified_on is not null`,
      bindings: [accompanimentId, accompanimentId, accompanimentId, accompanimentId, accompanimentId],
    },
    {
      // Each version of the convention on the day it was issued, and every signature on the day it
      // was given (a signature voided by a later version stays: it happened). subject: the version
      // number, or the party that signed; detail: the signatory.
      category: 'convention',
      sql: `select 'convention', 'convention_issued', c.issued_on, c.generated_at, c.id, c.version::text, null, null, null, c.generated_by, false
              from conventions c
             where c.accompaniment_id = ?
            union all
            select 'convention', 'convention_signed', s.signed_on, s.recorded_at, s.id, p.name, s.signatory_name, null, null, s.user_id, false
              from convention_signatures s
              join conventions c on c.id = s.convention_id
              join convention_parties p on p.id = s.party_id
             where c.accompaniment_id = ?`,
      bindings: [accompanimentId, accompanimentId],
    },
    {
      // Sessions on their Paris calendar day: held (or closed) ones, and planned ones. Only the
      // session itself (type, title, days consumed), never who attended.
      category: 'sessions',
      sql: `select 'sessions', case when s.status = 'planned' then 'session_planned' else 'session_held' end,
                   (s.starts_at at time zone 'Europe/Paris')::date, s.created_at, s.id, s.title, s.type, null,
                   s.days_consumed::text, s.logged_by, s.status = 'planned'
              from sessions s
             where s.accompaniment_id = ?`,
      bindings: [accompanimentId],
    },
    {
      // Each version of a deliverable on the day it was handed in, each review decision on the day it
      // was taken (subject: the deliverable's title; detail: the version), and each structure's
      // consent for the funders. Never the reviewer's comment: it is the deliverable's content, not
      // for every reader.
      category: 'deliverables',
      sql: `select 'deliverables', 'deliverable_submitted', v.submitted_on, v.uploaded_at, v.id, d.title, 'v' || v.version, null, null, v.uploaded_by, false
              from deliverable_versions v
              join deliverables d on d.id = v.deliverable_id
             where d.accompaniment_id = ?
            union all
            select 'deliverables', 'deliverable_' || c.decision, c.decided_on, c.created_at, c.id, d.title, 'v' || c.version, null, null, c.author_id, false
              from deliverable_comments c
              join deliverables d on d.id = c.deliverable_id
             where d.accompaniment_id = ? and c.decision in ('accepted', 'changes_requested')
            union all
            -- A structure's consent to its funders reading the deliverable, on the day given (detail:
            -- the structure; note: who signed it for the structure).
            select 'deliverables', 'deliverable_consent', k.given_on, k.created_at, k.id, d.title, o.name, null, k.signatory_name, k.given_by, false
              from deliverable_consents k
              join deliverables d on d.id = k.deliverable_id
              join organisations o on o.id = k.organisation_id
             where d.accompaniment_id = ?`,
      bindings: [accompanimentId, accompanimentId, accompanimentId],
    },
    {
      // The follow-up: the handoff to the relay (subject: the relay), its acknowledgement, and each
      // checkpoint on the day it took place, or on its due day while still to come (subject: its
      // months after close-out).
      category: 'follow_up',
      sql: `select 'follow_up', 'handoff', h.handed_off_on, h.created_at, h.id, r.name, null, null, null, h.handed_off_by, false
              from handoffs h
              join organisations r on r.id = h.relay_id
             where h.accompaniment_id = ?
            union all
            select 'follow_up', 'handoff_acknowledged', h.acknowledged_on, h.acknowledged_at, h.id, r.name, null, null, null, h.acknowledged_by, false
              from handoffs h
              join organisations r on r.id = h.relay_id
             where h.accompaniment_id = ? and h.acknowledged_on is not null
            union all
            select 'follow_up', 'checkpoint_held', fc.held_on, fc.recorded_at, fc.id, fc.offset_months::text, null, null, null, fc.recorded_by, false
              from follow_up_checkpoints fc
             where fc.accompaniment_id = ? and fc.held_on is not null
            union all
            -- A checkpoint not held yet, on its due day while it is still to come (as a phase's planned dates).
            select 'follow_up', 'checkpoint_due', fc.due_on, null, fc.id, fc.offset_months::text, null, null, null, null, true
              from follow_up_checkpoints fc
             where fc.accompaniment_id = ? and fc.held_on is null and fc.due_on > ?::date`,
      bindings: [accompanimentId, accompanimentId, accompanimentId, accompanimentId, today],
    },
    {
      // The comité d'appui's opinions on the day it gave them, at held meetings of the case's operator:
      // items about the case itself, and the diagnostic or plan of a parcours of one of its structures
      // (about no consultancy). The same items as the gate reads (support-committee/gate.ts), the
      // structures that left included: it happened. subject: the parcours' structure; detail: the
      // item's subject; body: the committee's comment. And the overrides of its gate (gate.ts).
      category: 'committee',
      sql: `select 'committee', 'committee_' || i.opinion, i.opinion_on, null::timestamptz, i.id, o.name, i.subject, i.opinion_comment, null, i.opinion_by, false
              from support_committee_items i
              join support_committee_meetings m on m.id = i.meeting_id
              join accompaniments a on a.id = i.accompaniment_id
              join pathways p on p.id = i.pathway_id
              join organisations o on o.id = p.organisation_id
             where i.accompaniment_id = ? and m.operator_id = a.operator_id and m.status = 'held'
               and i.opinion is not null and i.opinion_on is not null
            union all
            select 'committee', 'committee_' || i.opinion, i.opinion_on, null::timestamptz, i.id, o.name, i.subject, i.opinion_comment, null, i.opinion_by, false
              from accompaniments a
              join accompaniment_beneficiaries b on b.accompaniment_id = a.id
              join pathways p on p.organisation_id = b.organisation_id and p.operator_id = a.operator_id
              join support_committee_items i on i.pathway_id = p.id
              join support_committee_meetings m on m.id = i.meeting_id
              join organisations o on o.id = p.organisation_id
             where a.id = ? and i.accompaniment_id is null and i.subject in ('diagnostic', 'plan')
               and m.operator_id = a.operator_id and m.status = 'held'
               and i.opinion is not null and i.opinion_on is not null
            union all
            -- A manager's or an admin's override of the committee's gate, on the day decided (body: the reason).
            select 'committee', 'committee_override', x.decided_on, x.decided_at, x.id, null, null, x.reason, null, x.decided_by, false
              from support_committee_overrides x
             where x.accompaniment_id = ?`,
      bindings: [accompanimentId, accompanimentId, accompanimentId],
    },
    {
      // Satisfaction surveys on the day the structure answered: who answered, never the scores or the
      // comment (close-out/policy.ts). A structure's own account reads only its own (surveysOf).
      category: 'surveys',
      sql: `select 'surveys', case when s.on_behalf then 'survey_keyed' else 'survey_answered' end, s.answered_on, s.created_at, s.id, o.name, null, null, null, s.answered_by, false
              from satisfaction_surveys s
              join organisations o on o.id = s.organisation_id
             where s.accompaniment_id = ? and (?::bigint is null or s.organisation_id = ?::bigint)`,
      bindings: [accompanimentId, surveysOf, surveysOf],
    },
    {
      // Progress reports once sent (drafts are not events): subject is the title, detail the milestone.
      category: 'reports',
      sql: `select 'reports', 'report_sent', (r.sent_at at time zone 'Europe/Paris')::date, r.sent_at, r.id, r.title, r.milestone, null, null, r.sent_by, false
              from progress_reports r
             where r.accompaniment_id = ? and r.status = 'sent'
            union all
            -- A funder without an e-mail address, told of the report another way on the day recorded.
            select 'reports', 'report_notified_' || pr.notified_channel, pr.notified_on, pr.notified_recorded_at, r.id, o.name, r.title, null, null, pr.notified_by, false
              from progress_report_recipients pr
              join progress_reports r on r.id = pr.report_id
              join organisations o on o.id = pr.funder_id
             where r.accompaniment_id = ? and pr.notified_on is not null`,
      bindings: [accompanimentId, accompanimentId],
    },
  ];
}
