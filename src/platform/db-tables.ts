/** Key of accompaniment_beneficiaries. */
export type AccompanimentBeneficiariesId = string;

/** A row of accompaniment_beneficiaries. */
export interface AccompanimentBeneficiariesRow {
  id: AccompanimentBeneficiariesId;

  accompaniment_id: AccompanimentsId;

  organisation_id: OrganisationsId;

  status: string;

  joined_on: string | null;

  withdrawn_on: string | null;

  withdrawal_reasons: string | null;

  may_rejoin: string | null;
}

/** Key of accompaniment_funding. */
export type AccompanimentFundingId = string;

/** A row of accompaniment_funding. */
export interface AccompanimentFundingRow {
  id: AccompanimentFundingId;

  accompaniment_id: AccompanimentsId;

  funder_id: OrganisationsId;

  amount_eur: string;
}

/** Key of accompaniments. */
export type AccompanimentsId = string;

/** A row of accompaniments. */
export interface AccompanimentsRow {
  id: AccompanimentsId;

  operator_id: OrganisationsId;

  coordinator_id: UsersId | null;

  title: string;

  kind: string;

  state: string;

  sector: string | null;

  department: string | null;

  themes: string[];

  objectives: string | null;

  budget_days: string | null;

  budget_eur: string | null;

  intake_on: string;

  planned_start: string | null;

  planned_end: string | null;

  lock_version: number;

  created_at: Date;

  updated_at: Date;

  phases_lock_version: number;

  activity_at: Date | null;

  diagnosed_on: string | null;

  convention_on: string | null;

  closed_out_on: string | null;
}

/** Key of accompaniment_transitions. */
export type AccompanimentTransitionsId = string;

/** A row of accompaniment_transitions. */
export interface AccompanimentTransitionsRow {
  id: AccompanimentTransitionsId;

  accompaniment_id: AccompanimentsId;

  from_state: string | null;

  to_state: string;

  actor_id: UsersId | null;

  on_date: string;

  at: Date;

  comment: string | null;
}

/** Key of action_items. */
export type ActionItemsId = string;

/** A row of action_items. */
export interface ActionItemsRow {
  id: ActionItemsId;

  accompaniment_id: AccompanimentsId;

  session_id: SessionsId | null;

  working_group_id: WorkingGroupsId | null;

  what: string;

  owner_name: string | null;

  owner_organisation_id: OrganisationsId | null;

  due_on: string | null;

  status: string;

  closed_at: Date | null;

  created_at: Date;

  deliverable_id: DeliverablesId | null;

  visible: boolean;
}

/** Key of audit_log. */
export type AuditLogId = string;

/** A row of audit_log. */
export interface AuditLogRow {
  id: AuditLogId;

  at: Date;

  actor_id: UsersId | null;

  action: string;

  entity_type: string;

  entity_id: string | null;

  ip: string | null;

  request_id: string | null;

  details: unknown;
}

/** Key of auth_tokens. */
export type AuthTokensId = string;

/** A row of auth_tokens. */
export interface AuthTokensRow {
  id: AuthTokensId;

  user_id: UsersId;

  purpose: string;

  token_hash: string;

  expires_at: Date;

  used_at: Date | null;

  created_at: Date;
}

/** Key of beneficiary_changes. */
export type BeneficiaryChangesId = string;

/** A row of beneficiary_changes. */
export interface BeneficiaryChangesRow {
  id: BeneficiaryChangesId;

  accompaniment_id: AccompanimentsId;

  organisation_id: OrganisationsId;

  change: string;

  on_date: string;

  reasons: string | null;

  may_rejoin: string | null;

  actor_id: UsersId | null;

  at: Date;
}

/** Key of bid_scores. */
export type BidScoresBidId = ConsultationBidsId;

/** Key of bid_scores. */
export type BidScoresCriterionId = ConsultationCriteriaId;

/** A row of bid_scores. */
export interface BidScoresRow {
  bid_id: ConsultationBidsId;

  criterion_id: ConsultationCriteriaId;

  points: string;
}

/** Key of calendar_tokens. */
export type CalendarTokensId = string;

/** A row of calendar_tokens. */
export interface CalendarTokensRow {
  id: CalendarTokensId;

  user_id: UsersId;

  token_hash: string;

  created_at: Date;

  revoked_at: Date | null;
}

/** Key of case_sheet_dates. */
export type CaseSheetDatesId = string;

/** A row of case_sheet_dates. */
export interface CaseSheetDatesRow {
  id: CaseSheetDatesId;

  accompaniment_id: AccompanimentsId;

  position: number;

  kind: string;

  actor: string | null;

  label: string;

  on_date: string | null;

  on_date_precision: string;

  end_date: string | null;

  end_date_precision: string;

  source: string | null;
}

/** Key of case_sheet_quotes. */
export type CaseSheetQuotesId = string;

/** A row of case_sheet_quotes. */
export interface CaseSheetQuotesRow {
  id: CaseSheetQuotesId;

  accompaniment_id: AccompanimentsId;

  person_name: string;

  person_role: string | null;

  text: string;

  consent_on: string | null;

  consent_recorded_by: UsersId | null;

  position: number;

  created_at: Date;
}

/** Key of case_sheets. */
export type CaseSheetsAccompanimentId = AccompanimentsId;

/** A row of case_sheets. */
export interface CaseSheetsRow {
  accompaniment_id: AccompanimentsId;

  context: string[];

  prior_links: string[];

  results: string[];

  success_factors: string[];

  risks: string[];

  advice: string[];

  provider_role: string | null;

  network_role: string | null;

  lock_version: number;

  updated_by: UsersId | null;

  created_at: Date;

  updated_at: Date;

  tag_line: string | null;

  summary: string | null;

  definition_title: string | null;

  definition_text: string | null;

  definition_source: string | null;

  contributions: string[];

  footnotes: string[];

  sources: string | null;
}

/** Key of close_outs. */
export type CloseOutsAccompanimentId = AccompanimentsId;

/** A row of close_outs. */
export interface CloseOutsRow {
  accompaniment_id: AccompanimentsId;

  new_needs: string[];

  lock_version: number;

  updated_by: UsersId | null;

  updated_at: Date;
}

/** Key of consultation_bids. */
export type ConsultationBidsId = string;

/** A row of consultation_bids. */
export interface ConsultationBidsRow {
  id: ConsultationBidsId;

  accompaniment_id: AccompanimentsId;

  provider_id: OrganisationsId;

  invited_on: string;

  status: string;

  received_on: string | null;

  proposal_days: string | null;

  proposal_price_eur: string | null;

  method: string | null;

  notified_at: Date | null;

  lock_version: number;

  scores_lock_version: number;

  notified_on: string | null;

  notified_channel: string | null;

  notification_recorded_at: Date | null;

  invitation_reason: string | null;

  suggested: boolean;
}

/** Key of consultation_bid_transitions. */
export type ConsultationBidTransitionsId = string;

/** A row of consultation_bid_transitions. */
export interface ConsultationBidTransitionsRow {
  id: ConsultationBidTransitionsId;

  bid_id: ConsultationBidsId;

  event: string;

  from_status: string | null;

  to_status: string;

  happened_on: string;

  actor_id: UsersId | null;

  reason: string | null;

  at: Date;
}

/** Key of consultation_criteria. */
export type ConsultationCriteriaId = string;

/** A row of consultation_criteria. */
export interface ConsultationCriteriaRow {
  id: ConsultationCriteriaId;

  accompaniment_id: AccompanimentsId;

  label: string;

  max_points: number;

  position: number;
}

/** Key of consultations. */
export type ConsultationsAccompanimentId = AccompanimentsId;

/** A row of consultations. */
export interface ConsultationsRow {
  accompaniment_id: AccompanimentsId;

  objectives: string | null;

  days: string | null;

  budget_eur: string | null;

  deadline: string | null;

  launched_on: string | null;

  selected_bid_id: ConsultationBidsId | null;

  selection_rationale: string | null;

  selected_on: string | null;

  selected_by: UsersId | null;

  updated_at: Date;

  lock_version: number;
}

/** Key of convention_overrides. */
export type ConventionOverridesId = string;

/** A row of convention_overrides. */
export interface ConventionOverridesRow {
  id: ConventionOverridesId;

  accompaniment_id: AccompanimentsId;

  convention_id: ConventionsId | null;

  reason: string;

  decided_by: UsersId;

  decided_at: Date;
}

/** Key of convention_parties. */
export type ConventionPartiesId = string;

/** A row of convention_parties. */
export interface ConventionPartiesRow {
  id: ConventionPartiesId;

  convention_id: ConventionsId;

  party_kind: string;

  organisation_id: OrganisationsId;

  name: string;

  position: number;

  signatories_required: number;

  last_reminded_at: Date | null;
}

/** Key of conventions. */
export type ConventionsId = string;

/** Key of convention_signatures. */
export type ConventionSignaturesId = string;

/** A row of convention_signatures. */
export interface ConventionSignaturesRow {
  id: ConventionSignaturesId;

  convention_id: ConventionsId;

  party_id: ConventionPartiesId;

  party_kind: string;

  organisation_id: OrganisationsId;

  signatory_name: string;

  capacity: string;

  signed_on: string;

  method: string;

  scan_document_id: DocumentsId | null;

  user_id: UsersId | null;

  sha256_signed: string;

  recorded_at: Date;

  voided_at: Date | null;
}

/** A row of conventions. */
export interface ConventionsRow {
  id: ConventionsId;

  accompaniment_id: AccompanimentsId;

  version: number;

  document_id: DocumentsId;

  sha256: string;

  generated_at: Date;

  generated_by: UsersId | null;

  voided_at: Date | null;

  issued_on: string;

  template_version_id: ConventionTemplateVersionsId | null;

  content: unknown;
}

/** Key of convention_template_versions. */
export type ConventionTemplateVersionsId = string;

/** A row of convention_template_versions. */
export interface ConventionTemplateVersionsRow {
  id: ConventionTemplateVersionsId;

  operator_id: OrganisationsId;

  version: number;

  clauses: unknown;

  created_by: UsersId | null;

  created_at: Date;
}

/** Key of convention_version_transitions. */
export type ConventionVersionTransitionsId = string;

/** A row of convention_version_transitions. */
export interface ConventionVersionTransitionsRow {
  id: ConventionVersionTransitionsId;

  convention_id: ConventionsId;

  from_status: string;

  to_status: string;

  cause: string;

  on_date: string;

  actor_id: UsersId | null;

  at: Date;
}

/** Key of deliverable_comments. */
export type DeliverableCommentsId = string;

/** A row of deliverable_comments. */
export interface DeliverableCommentsRow {
  id: DeliverableCommentsId;

  deliverable_id: DeliverablesId;

  decision: string;

  body: string | null;

  version: number | null;

  author_id: UsersId | null;

  created_at: Date;

  decided_on: string;
}

/** Key of deliverable_consents. */
export type DeliverableConsentsId = string;

/** A row of deliverable_consents. */
export interface DeliverableConsentsRow {
  id: DeliverableConsentsId;

  deliverable_id: DeliverablesId;

  organisation_id: OrganisationsId;

  scope: string;

  signatory_name: string;

  given_on: string;

  given_by: UsersId | null;

  created_at: Date;
}

/** Key of deliverables. */
export type DeliverablesId = string;

/** A row of deliverables. */
export interface DeliverablesRow {
  id: DeliverablesId;

  accompaniment_id: AccompanimentsId;

  type: string;

  title: string;

  expected_on: string | null;

  status: string;

  created_by: UsersId | null;

  created_at: Date;

  updated_at: Date;
}

/** Key of deliverable_transitions. */
export type DeliverableTransitionsId = string;

/** A row of deliverable_transitions. */
export interface DeliverableTransitionsRow {
  id: DeliverableTransitionsId;

  deliverable_id: DeliverablesId;

  event: string;

  from_status: string;

  to_status: string;

  actor_id: UsersId | null;

  on_date: string;

  at: Date;
}

/** Key of deliverable_versions. */
export type DeliverableVersionsId = string;

/** A row of deliverable_versions. */
export interface DeliverableVersionsRow {
  id: DeliverableVersionsId;

  deliverable_id: DeliverablesId;

  version: number;

  document_id: DocumentsId;

  sha256: string;

  uploaded_by: UsersId | null;

  uploaded_at: Date;

  submitted_on: string;
}

/** Key of diagnostic_objectives. */
export type DiagnosticObjectivesId = string;

/** A row of diagnostic_objectives. */
export interface DiagnosticObjectivesRow {
  id: DiagnosticObjectivesId;

  accompaniment_id: AccompanimentsId;

  theme: string;

  aim: string;

  position: number;
}

/** Key of diagnostics. */
export type DiagnosticsAccompanimentId = AccompanimentsId;

/** A row of diagnostics. */
export interface DiagnosticsRow {
  accompaniment_id: AccompanimentsId;

  findings: string | null;

  context: string | null;

  recommendations: string | null;

  days: string | null;

  written_on: string | null;

  updated_at: Date;

  lock_version: number;
}

/** Key of diagnostic_validations. */
export type DiagnosticValidationsId = string;

/** A row of diagnostic_validations. */
export interface DiagnosticValidationsRow {
  id: DiagnosticValidationsId;

  accompaniment_id: AccompanimentsId;

  organisation_id: OrganisationsId;

  validated_on: string;

  validated_by_name: string;

  recorded_by: UsersId | null;

  at: Date;
}

/** Key of documents. */
export type DocumentsId = string;

/** A row of documents. */
export interface DocumentsRow {
  id: DocumentsId;

  accompaniment_id: AccompanimentsId;

  purpose: string;

  filename: string;

  mime_type: string;

  size_bytes: string;

  sha256: string;

  storage_key: string;

  uploaded_by: UsersId | null;

  uploaded_at: Date;
}

/** Key of envelope_commitments. */
export type EnvelopeCommitmentsId = string;

/** A row of envelope_commitments. */
export interface EnvelopeCommitmentsRow {
  id: EnvelopeCommitmentsId;

  envelope_id: FundingEnvelopesId;

  accompaniment_id: AccompanimentsId;

  amount_eur: string;

  committed_on: string;

  status: string;

  over_envelope_reason: string | null;

  created_by: UsersId | null;

  created_at: Date;
}

/** Key of envelope_commitment_transitions. */
export type EnvelopeCommitmentTransitionsId = string;

/** A row of envelope_commitment_transitions. */
export interface EnvelopeCommitmentTransitionsRow {
  id: EnvelopeCommitmentTransitionsId;

  commitment_id: EnvelopeCommitmentsId;

  event: string;

  from_status: string | null;

  to_status: string;

  happened_on: string;

  actor_id: UsersId | null;

  reason: string | null;

  at: Date;
}

/** Key of follow_up_checkpoints. */
export type FollowUpCheckpointsId = string;

/** A row of follow_up_checkpoints. */
export interface FollowUpCheckpointsRow {
  id: FollowUpCheckpointsId;

  accompaniment_id: AccompanimentsId;

  offset_months: number;

  due_on: string;

  jobs_rating: string | null;

  jobs_note: string | null;

  economic_health_rating: string | null;

  economic_health_note: string | null;

  strategic_vision_rating: string | null;

  strategic_vision_note: string | null;

  local_partnerships_rating: string | null;

  local_partnerships_note: string | null;

  employees: number | null;

  employees_in_insertion: number | null;

  open_actions: string | null;

  notes: string | null;

  recorded_at: Date | null;

  recorded_by: UsersId | null;

  reminder_sent_at: Date | null;

  lock_version: number;

  created_at: Date;

  updated_at: Date;

  held_on: string | null;
}

/** Key of funding_envelopes. */
export type FundingEnvelopesId = string;

/** A row of funding_envelopes. */
export interface FundingEnvelopesRow {
  id: FundingEnvelopesId;

  operator_id: OrganisationsId;

  funder_id: OrganisationsId;

  year: number;

  label: string;

  amount_eur: string;

  eligible_action_types: string[];

  departments: string[];

  notes: string | null;

  created_by: UsersId | null;

  lock_version: number;

  created_at: Date;

  updated_at: Date;
}

/** Key of handoff_key_dates. */
export type HandoffKeyDatesId = string;

/** A row of handoff_key_dates. */
export interface HandoffKeyDatesRow {
  id: HandoffKeyDatesId;

  handoff_id: HandoffsId;

  on_date: string;

  approximate: boolean;

  label: string;
}

/** Key of handoff_members. */
export type HandoffMembersHandoffId = HandoffsId;

/** A row of handoff_members. */
export interface HandoffMembersRow {
  handoff_id: HandoffsId;

  user_id: UsersId;
}

/** Key of handoff_members. */
export type HandoffMembersUserId = UsersId;

/** Key of handoffs. */
export type HandoffsId = string;

/** A row of handoffs. */
export interface HandoffsRow {
  id: HandoffsId;

  accompaniment_id: AccompanimentsId;

  relay_id: OrganisationsId;

  summary: string;

  management_committee: string | null;

  workstreams: string[];

  handed_off_on: string;

  handed_off_by: UsersId | null;

  acknowledged_at: Date | null;

  acknowledged_by: UsersId | null;

  last_reminded_at: Date | null;

  reminder_count: number;

  lock_version: number;

  created_at: Date;

  updated_at: Date;

  acknowledged_on: string | null;
}

/** Key of intake_requests. */
export type IntakeRequestsId = string;

/** A row of intake_requests. */
export interface IntakeRequestsRow {
  id: IntakeRequestsId;

  operator_id: OrganisationsId;

  organisation_id: OrganisationsId;

  contact_name: string | null;

  contact_role: string | null;

  contact_email: string | null;

  contact_phone: string | null;

  received_on: string;

  channel: string;

  referred_by: string | null;

  need: string;

  eligibility_met: string[];

  eligibility_notes: string | null;

  owner_id: UsersId | null;

  status: string;

  outcome_on: string | null;

  outcome_partner: string | null;

  outcome_reason: string | null;

  created_by: UsersId | null;

  lock_version: number;

  created_at: Date;

  updated_at: Date;
}

/** Key of intake_request_transitions. */
export type IntakeRequestTransitionsId = string;

/** A row of intake_request_transitions. */
export interface IntakeRequestTransitionsRow {
  id: IntakeRequestTransitionsId;

  intake_request_id: IntakeRequestsId;

  event: string;

  from_status: string | null;

  to_status: string;

  happened_on: string;

  actor_id: UsersId | null;

  reason: string | null;

  at: Date;

  partner: string | null;
}

/** Key of notices. */
export type NoticesId = string;

/** A row of notices. */
export interface NoticesRow {
  id: NoticesId;

  accompaniment_id: AccompanimentsId;

  kind: string;

  on_date: string;

  recipients: string;

  content: string | null;

  created_by: UsersId | null;

  created_at: Date;
}

/** Key of objective_results. */
export type ObjectiveResultsObjectiveId = DiagnosticObjectivesId;

/** A row of objective_results. */
export interface ObjectiveResultsRow {
  objective_id: DiagnosticObjectivesId;

  accompaniment_id: AccompanimentsId;

  result: string;

  comment: string | null;

  recorded_by: UsersId | null;

  updated_at: Date;
}

/** Key of operator_settings. */
export type OperatorSettingsOperatorId = OrganisationsId;

/** A row of operator_settings. */
export interface OperatorSettingsRow {
  operator_id: OrganisationsId;

  eligibility_criteria: string[];

  intake_reminder_days: number;

  committee_exempt_kinds: string[];

  updated_at: Date;
}

/** Key of organisations. */
export type OrganisationsId = string;

/** A row of organisations. */
export interface OrganisationsRow {
  id: OrganisationsId;

  kind: string;

  name: string;

  short_name: string | null;

  siret: string | null;

  department: string | null;

  funder_type: string | null;

  email: string | null;

  active: boolean;

  created_at: Date;

  updated_at: Date;

  lock_version: number;
}

/** Key of outbox. */
export type OutboxId = string;

/** A row of outbox. */
export interface OutboxRow {
  id: OutboxId;

  to_address: string;

  subject: string;

  body_text: string;

  kind: string;

  status: string;

  attempts: number;

  last_error: string | null;

  next_attempt_at: Date;

  claimed_at: Date | null;

  sent_at: Date | null;

  created_at: Date;

  ical_event: string | null;

  attachment_document_id: DocumentsId | null;

  digest_id: OutboxId | null;
}

/** Key of pathway_actions. */
export type PathwayActionsId = string;

/** A row of pathway_actions. */
export interface PathwayActionsRow {
  id: PathwayActionsId;

  pathway_id: PathwaysId;

  kind: string;

  status: string;

  title: string;

  target_on: string | null;

  started_on: string | null;

  ended_on: string | null;

  accompaniment_id: AccompanimentsId | null;

  hours: string | null;

  partner: string | null;

  outcome: string | null;

  outcome_on: string | null;

  attendance: number | null;

  notes: string | null;

  created_by: UsersId | null;

  lock_version: number;

  created_at: Date;

  updated_at: Date;
}

/** Key of pathway_action_transitions. */
export type PathwayActionTransitionsId = string;

/** A row of pathway_action_transitions. */
export interface PathwayActionTransitionsRow {
  id: PathwayActionTransitionsId;

  pathway_action_id: PathwayActionsId;

  event: string;

  from_status: string | null;

  to_status: string;

  happened_on: string;

  actor_id: UsersId | null;

  reason: string | null;

  at: Date;
}

/** Key of pathway_checkpoints. */
export type PathwayCheckpointsId = string;

/** A row of pathway_checkpoints. */
export interface PathwayCheckpointsRow {
  id: PathwayCheckpointsId;

  pathway_id: PathwaysId;

  offset_months: number;

  due_on: string;

  held_on: string | null;

  employees: number | null;

  employees_in_insertion: number | null;

  notes: string | null;

  recorded_by: UsersId | null;

  recorded_at: Date | null;

  lock_version: number;

  created_at: Date;
}

/** Key of pathways. */
export type PathwaysId = string;

/** A row of pathways. */
export interface PathwaysRow {
  id: PathwaysId;

  operator_id: OrganisationsId;

  organisation_id: OrganisationsId;

  intake_request_id: IntakeRequestsId | null;

  coordinator_id: UsersId | null;

  status: string;

  opened_on: string;

  diagnosed_on: string | null;

  diagnostic_summary: string | null;

  diagnostic_needs: string | null;

  diagnostic_recommendations: string | null;

  shared_diagnostic_accompaniment_id: AccompanimentsId | null;

  closed_on: string | null;

  closure_reason: string | null;

  lock_version: number;

  created_at: Date;

  updated_at: Date;
}

/** Key of pathway_transitions. */
export type PathwayTransitionsId = string;

/** A row of pathway_transitions. */
export interface PathwayTransitionsRow {
  id: PathwayTransitionsId;

  pathway_id: PathwaysId;

  event: string;

  from_status: string | null;

  to_status: string;

  happened_on: string;

  actor_id: UsersId | null;

  reason: string | null;

  at: Date;
}

/** Key of payments. */
export type PaymentsId = string;

/** A row of payments. */
export interface PaymentsRow {
  id: PaymentsId;

  invoice_id: ProviderInvoicesId;

  paid_on: string;

  amount_eur: string;

  reference: string | null;

  recorded_by: UsersId | null;

  created_at: Date;
}

/** Key of phases. */
export type PhasesId = string;

/** A row of phases. */
export interface PhasesRow {
  id: PhasesId;

  accompaniment_id: AccompanimentsId;

  position: number;

  name: string;

  planned_start: string | null;

  planned_end: string | null;

  actual_start: string | null;

  actual_end: string | null;

  status: string;

  planned_days: string | null;
}

/** Key of phase_templates. */
export type PhaseTemplatesId = string;

/** A row of phase_templates. */
export interface PhaseTemplatesRow {
  id: PhaseTemplatesId;

  name: string;

  phases: unknown;

  is_default: boolean;
}

/** Key of progress_report_recipients. */
export type ProgressReportRecipientsId = string;

/** A row of progress_report_recipients. */
export interface ProgressReportRecipientsRow {
  id: ProgressReportRecipientsId;

  report_id: ProgressReportsId;

  funder_id: OrganisationsId;

  email: string | null;

  outbox_id: OutboxId | null;

  notified_channel: string | null;

  notified_on: string | null;

  notified_by: UsersId | null;

  notified_recorded_at: Date | null;
}

/** Key of progress_reports. */
export type ProgressReportsId = string;

/** A row of progress_reports. */
export interface ProgressReportsRow {
  id: ProgressReportsId;

  accompaniment_id: AccompanimentsId;

  milestone: string;

  title: string;

  period_end: string;

  next_steps: string | null;

  risks: string | null;

  comment: string | null;

  status: string;

  document_id: DocumentsId | null;

  sha256: string | null;

  sent_at: Date | null;

  sent_by: UsersId | null;

  created_by: UsersId | null;

  lock_version: number;

  created_at: Date;

  updated_at: Date;

  content: unknown;
}

/** Key of progress_report_transitions. */
export type ProgressReportTransitionsId = string;

/** A row of progress_report_transitions. */
export interface ProgressReportTransitionsRow {
  id: ProgressReportTransitionsId;

  report_id: ProgressReportsId;

  from_status: string;

  to_status: string;

  actor_id: UsersId | null;

  on_date: string;

  at: Date;
}

/** Key of provider_consultants. */
export type ProviderConsultantsId = string;

/** A row of provider_consultants. */
export interface ProviderConsultantsRow {
  id: ProviderConsultantsId;

  provider_id: OrganisationsId;

  name: string;

  email: string | null;

  phone: string | null;

  themes: string[];

  user_id: UsersId | null;

  active: boolean;

  created_at: Date;
}

/** Key of provider_invoices. */
export type ProviderInvoicesId = string;

/** A row of provider_invoices. */
export interface ProviderInvoicesRow {
  id: ProviderInvoicesId;

  purchase_order_id: PurchaseOrdersId;

  provider_id: OrganisationsId;

  number: string;

  invoiced_on: string;

  amount_excl_vat_eur: string;

  amount_incl_vat_eur: string;

  document_id: DocumentsId | null;

  status: string;

  uploaded_by: UsersId | null;

  lock_version: number;

  created_at: Date;
}

/** Key of provider_invoice_transitions. */
export type ProviderInvoiceTransitionsId = string;

/** A row of provider_invoice_transitions. */
export interface ProviderInvoiceTransitionsRow {
  id: ProviderInvoiceTransitionsId;

  invoice_id: ProviderInvoicesId;

  event: string;

  from_status: string | null;

  to_status: string;

  happened_on: string;

  actor_id: UsersId | null;

  reason: string | null;

  at: Date;
}

/** Key of provider_listing_transitions. */
export type ProviderListingTransitionsId = string;

/** A row of provider_listing_transitions. */
export interface ProviderListingTransitionsRow {
  id: ProviderListingTransitionsId;

  provider_id: OrganisationsId;

  event: string;

  from_status: string | null;

  to_status: string;

  happened_on: string;

  actor_id: UsersId | null;

  reason: string | null;

  at: Date;
}

/** Key of provider_profiles. */
export type ProviderProfilesOrganisationId = OrganisationsId;

/** A row of provider_profiles. */
export interface ProviderProfilesRow {
  organisation_id: OrganisationsId;

  listing_status: string;

  listing_status_on: string;

  renewal_due_on: string | null;

  themes: string[];

  sectors: string[];

  departments: string[];

  description: string | null;

  renewal_reminder_sent_at: Date | null;

  lock_version: number;

  updated_at: Date;
}

/** Key of purchase_orders. */
export type PurchaseOrdersId = string;

/** A row of purchase_orders. */
export interface PurchaseOrdersRow {
  id: PurchaseOrdersId;

  commitment_id: EnvelopeCommitmentsId;

  accompaniment_id: AccompanimentsId;

  provider_id: OrganisationsId;

  bid_id: ConsultationBidsId | null;

  operator_id: OrganisationsId;

  number: string;

  issued_on: string;

  amount_excl_vat_eur: string;

  amount_incl_vat_eur: string;

  status: string;

  created_by: UsersId | null;

  lock_version: number;

  created_at: Date;
}

/** Key of purchase_order_transitions. */
export type PurchaseOrderTransitionsId = string;

/** A row of purchase_order_transitions. */
export interface PurchaseOrderTransitionsRow {
  id: PurchaseOrderTransitionsId;

  purchase_order_id: PurchaseOrdersId;

  event: string;

  from_status: string | null;

  to_status: string;

  happened_on: string;

  actor_id: UsersId | null;

  reason: string | null;

  at: Date;
}

/** Key of rate_limits. */
export type RateLimitsKey = string;

/** A row of rate_limits. */
export interface RateLimitsRow {
  key: RateLimitsKey;

  points: number;

  expire: string | null;
}

/** Key of reference_items. */
export type ReferenceItemsCode = string;

/** Key of reference_items. */
export type ReferenceItemsList = string;

/** A row of reference_items. */
export interface ReferenceItemsRow {
  list: ReferenceItemsList;

  code: ReferenceItemsCode;

  label_fr: string;

  label_en: string;

  position: number;

  active: boolean;

  updated_at: Date;
}

/** Key of satisfaction_surveys. */
export type SatisfactionSurveysId = string;

/** A row of satisfaction_surveys. */
export interface SatisfactionSurveysRow {
  id: SatisfactionSurveysId;

  accompaniment_id: AccompanimentsId;

  organisation_id: OrganisationsId;

  score_quality: number;

  score_listening: number;

  score_deliverables: number;

  score_overall: number;

  comment: string | null;

  answered_by: UsersId;

  on_behalf: boolean;

  lock_version: number;

  created_at: Date;

  updated_at: Date;

  answered_on: string;
}

/** Key of service_certifications. */
export type ServiceCertificationsId = string;

/** A row of service_certifications. */
export interface ServiceCertificationsRow {
  id: ServiceCertificationsId;

  purchase_order_id: PurchaseOrdersId;

  phase_id: PhasesId | null;

  certified_on: string;

  amount_eur: string;

  note: string | null;

  certified_by: UsersId | null;

  created_at: Date;
}

/** Key of session_attendees. */
export type SessionAttendeesId = string;

/** A row of session_attendees. */
export interface SessionAttendeesRow {
  id: SessionAttendeesId;

  session_id: SessionsId;

  user_id: UsersId | null;

  contact_id: StructureContactsId | null;

  name: string;

  organisation_name: string | null;

  organisation_id: OrganisationsId | null;

  presence: string;

  invitation_sent_at: Date | null;
}

/** Key of sessions. */
export type SessionsId = string;

/** A row of sessions. */
export interface SessionsRow {
  id: SessionsId;

  accompaniment_id: AccompanimentsId;

  type: string;

  title: string;

  theme: string | null;

  starts_at: Date;

  ends_at: Date | null;

  place: string | null;

  video_url: string | null;

  phase_id: PhasesId | null;

  working_group_id: WorkingGroupsId | null;

  agenda: string | null;

  days_consumed: string;

  over_budget_reason: string | null;

  minutes: string | null;

  decisions: string | null;

  status: string;

  logged_by: UsersId | null;

  validated_at: Date | null;

  validated_by: UsersId | null;

  lock_version: number;

  created_at: Date;

  updated_at: Date;

  attendance_lock_version: number;
}

/** Key of session_transitions. */
export type SessionTransitionsId = string;

/** A row of session_transitions. */
export interface SessionTransitionsRow {
  id: SessionTransitionsId;

  session_id: SessionsId;

  event: string;

  from_status: string | null;

  to_status: string;

  actor_id: UsersId | null;

  reason: string | null;

  at: Date;
}

/** Key of steering_committee_members. */
export type SteeringCommitteeMembersId = string;

/** A row of steering_committee_members. */
export interface SteeringCommitteeMembersRow {
  id: SteeringCommitteeMembersId;

  accompaniment_id: AccompanimentsId;

  user_id: UsersId | null;

  contact_id: StructureContactsId | null;

  name: string;

  organisation_name: string | null;

  organisation_id: OrganisationsId | null;

  role: string;

  created_at: Date;
}

/** Key of structure_contacts. */
export type StructureContactsId = string;

/** A row of structure_contacts. */
export interface StructureContactsRow {
  id: StructureContactsId;

  organisation_id: OrganisationsId;

  name: string;

  role: string;

  email: string | null;

  phone: string | null;

  created_at: Date;
}

/** Key of structure_headcounts. */
export type StructureHeadcountsId = string;

/** A row of structure_headcounts. */
export interface StructureHeadcountsRow {
  id: StructureHeadcountsId;

  organisation_id: OrganisationsId;

  recorded_on: string;

  occasion: string;

  pathway_id: PathwaysId | null;

  pathway_checkpoint_id: PathwayCheckpointsId | null;

  follow_up_checkpoint_id: FollowUpCheckpointsId | null;

  accompaniment_id: AccompanimentsId | null;

  employees_cdi: number | null;

  employees_cdd: number | null;

  employees_assisted: number | null;

  employees_insertion: number | null;

  fte: string | null;

  volunteers: number | null;

  annual_budget_eur: string | null;

  recorded_by: UsersId | null;

  recorded_at: Date;
}

/** Key of structures. */
export type StructuresOrganisationId = OrganisationsId;

/** A row of structures. */
export interface StructuresRow {
  organisation_id: OrganisationsId;

  legal_form: string | null;

  siae_type: string | null;

  taxable: boolean;

  activities: string[];

  sector: string | null;

  employees: number | null;

  employees_in_insertion: number | null;

  address: string | null;

  postcode: string | null;

  city: string | null;

  networks: string[];

  created_at: Date;

  updated_at: Date;
}

/** Key of support_committee_items. */
export type SupportCommitteeItemsId = string;

/** A row of support_committee_items. */
export interface SupportCommitteeItemsRow {
  id: SupportCommitteeItemsId;

  meeting_id: SupportCommitteeMeetingsId;

  pathway_id: PathwaysId;

  subject: string;

  accompaniment_id: AccompanimentsId | null;

  summary: string;

  position: number;

  opinion: string | null;

  opinion_comment: string | null;

  opinion_on: string | null;

  opinion_by: UsersId | null;

  created_at: Date;
}

/** Key of support_committee_meetings. */
export type SupportCommitteeMeetingsId = string;

/** A row of support_committee_meetings. */
export interface SupportCommitteeMeetingsRow {
  id: SupportCommitteeMeetingsId;

  operator_id: OrganisationsId;

  meets_on: string;

  location: string | null;

  status: string;

  minutes: string | null;

  lock_version: number;

  created_at: Date;

  updated_at: Date;
}

/** Key of support_committee_meeting_transitions. */
export type SupportCommitteeMeetingTransitionsId = string;

/** A row of support_committee_meeting_transitions. */
export interface SupportCommitteeMeetingTransitionsRow {
  id: SupportCommitteeMeetingTransitionsId;

  meeting_id: SupportCommitteeMeetingsId;

  event: string;

  from_status: string | null;

  to_status: string;

  happened_on: string;

  actor_id: UsersId | null;

  reason: string | null;

  at: Date;
}

/** Key of support_committee_members. */
export type SupportCommitteeMembersId = string;

/** A row of support_committee_members. */
export interface SupportCommitteeMembersRow {
  id: SupportCommitteeMembersId;

  operator_id: OrganisationsId;

  name: string;

  email: string | null;

  member_kind: string;

  organisation_id: OrganisationsId | null;

  organisation_name: string | null;

  user_id: UsersId | null;

  active: boolean;

  created_at: Date;
}

/** Key of support_committee_overrides. */
export type SupportCommitteeOverridesId = string;

/** A row of support_committee_overrides. */
export interface SupportCommitteeOverridesRow {
  id: SupportCommitteeOverridesId;

  accompaniment_id: AccompanimentsId;

  reason: string;

  decided_on: string;

  decided_by: UsersId;

  decided_at: Date;
}

/** A row of user_sessions. */
export interface UserSessionsRow {
  sid: UserSessionsSid;

  sess: unknown;

  expires_at: Date;
}

/** Key of user_sessions. */
export type UserSessionsSid = string;

/** Key of users. */
export type UsersId = string;

/** A row of users. */
export interface UsersRow {
  id: UsersId;

  organisation_id: OrganisationsId;

  email: string;

  name: string;

  role: string;

  password_hash: string | null;

  status: string;

  locale: string;

  last_login_at: Date | null;

  created_at: Date;

  updated_at: Date;

  lock_version: number;

  mail_delivery: string;
}

/** Key of user_transitions. */
export type UserTransitionsId = string;

/** A row of user_transitions. */
export interface UserTransitionsRow {
  id: UserTransitionsId;

  user_id: UsersId;

  event: string;

  from_status: string | null;

  to_status: string;

  happened_on: string;

  actor_id: UsersId | null;

  at: Date;
}

/** Key of working_group_members. */
export type WorkingGroupMembersId = string;

/** A row of working_group_members. */
export interface WorkingGroupMembersRow {
  id: WorkingGroupMembersId;

  working_group_id: WorkingGroupsId;

  user_id: UsersId | null;

  contact_id: StructureContactsId | null;

  name: string;

  organisation_name: string | null;

  organisation_id: OrganisationsId | null;
}

/** Key of working_groups. */
export type WorkingGroupsId = string;

/** A row of working_groups. */
export interface WorkingGroupsRow {
  id: WorkingGroupsId;

  accompaniment_id: AccompanimentsId;

  theme: string;

  name: string;

  aim: string | null;

  created_at: Date;

  lock_version: number;
}

/** Key of working_group_structures. */
export type WorkingGroupStructuresOrganisationId = OrganisationsId;

/** A row of working_group_structures. */
export interface WorkingGroupStructuresRow {
  working_group_id: WorkingGroupsId;

  organisation_id: OrganisationsId;
}

/** Key of working_group_structures. */
export type WorkingGroupStructuresWorkingGroupId = WorkingGroupsId;
