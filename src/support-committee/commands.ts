/**
 * The comité d'appui's commands, callable from a route, a job, the seeds or the CLI: each takes the
 * write context (transaction + audit) and plain data, never a request. Composing the committee,
 * planning a meeting and its agenda, holding or cancelling it (lifecycle.ts), recording an opinion
 * and the minutes, and letting a consultation open without the committee (an override).
 */
import { localToday, refuseBefore } from '../platform/dates';
import type { MessageKey } from '../platform/i18n';
import type { WriteContext } from '../platform/write';
import type { Id } from '../platform/id';
import type { OrganisationsRow, PathwaysRow, SupportCommitteeMeetingsRow, UsersRow } from '../platform/db-tables';
import { applyMeetingTransition, logMeetingCreated } from './lifecycle';
import type { Item, Meeting, Member } from './queries';
import type {
  ItemInput,
  MeetingInput,
  MeetingTransitionInput,
  MemberInput,
  OpinionInput,
  OverrideInput,
} from './schemas';

/** A rule of the committee refused a form: the message goes next to `field` (or over the form). */
export class CommitteeRefused extends Error {
  constructor(
    readonly field: string | null,
    readonly key: MessageKey,
  ) {
    super(key);
  }
}

const memberRow = (input: MemberInput) => ({
  name: input.name,
  email: input.email,
  member_kind: input.member_kind,
  organisation_id: input.organisation_id,
  // A known organisation wins over a typed name.
  organisation_name: input.organisation_id ? null : input.organisation_name,
  user_id: input.user_id,
  active: input.active,
});

/** Checks the picked organisation and account exist and may sit on a committee. */
async function checkMemberLinks(w: WriteContext, input: MemberInput) {
  if (input.organisation_id) {
    const org = await w
      .trx('organisations')
      .where({ id: input.organisation_id })
      .first<Pick<OrganisationsRow, 'kind'> | undefined>('kind');
    if (!org || !['funder', 'relay', 'operator'].includes(String(org.kind)))
      throw new CommitteeRefused('organisation_id', 'validation.choice');
  }
  if (input.user_id) {
    const user = await w.trx('users').where({ id: input.user_id }).first<Pick<UsersRow, 'role'> | undefined>('role');
    if (!user || ['provider', 'beneficiary'].includes(String(user.role)))
      throw new CommitteeRefused('user_id', 'supportCommittee.members.userNotAllowed');
  }
}

/** A new member of the operator's committee. Its id. */
export async function createMember(w: WriteContext, operatorId: string, input: MemberInput) {
  await checkMemberLinks(w, input);
  const [{ id }] = await w
    .trx('support_committee_members')
    .insert({ operator_id: operatorId, ...memberRow(input) })
    .returning<{ id: Id }[]>('id');
  await w.audit({
    action: 'support_committee.member_create',
    entityType: 'support_committee_member',
    entityId: id,
    details: { operator_id: operatorId, ...memberRow(input) },
  });
  return id;
}

/** Saves a member (an inactive member keeps their past opinions' history but loses access). */
export async function editMember(w: WriteContext, member: Member, input: MemberInput) {
  await checkMemberLinks(w, input);
  await w.trx('support_committee_members').where({ id: member.id }).update(memberRow(input));
  const before = {
    name: member.name,
    email: member.email,
    member_kind: member.member_kind,
    organisation_id: member.organisation_id,
    organisation_name: member.organisation_name,
    user_id: member.user_id,
    active: member.active,
  };
  await w.audit({
    action: 'support_committee.member_update',
    entityType: 'support_committee_member',
    entityId: member.id,
    details: { operator_id: member.operator_id, before, after: memberRow(input) },
  });
}

/** A planned meeting of the operator's committee, its creation logged. Its id. */
export async function createMeeting(w: WriteContext, operatorId: string, input: MeetingInput, actorId: string) {
  const [{ id }] = await w
    .trx('support_committee_meetings')
    .insert({ operator_id: operatorId, meets_on: input.meets_on, location: input.location })
    .returning<{ id: Id }[]>('id');
  const meetingId = id;
  await logMeetingCreated(w.trx, meetingId, localToday(), actorId);
  await w.audit({
    action: 'support_committee.meeting_create',
    entityType: 'support_committee_meeting',
    entityId: meetingId,
    details: { operator_id: operatorId, ...input },
  });
  return meetingId;
}

/** A planned meeting's day and place, at the version the form showed: false when someone saved meanwhile. */
export async function editMeeting(w: WriteContext, meeting: Meeting, input: MeetingInput, lockVersion: number) {
  if (meeting.status !== 'planned') throw new CommitteeRefused(null, 'supportCommittee.meetings.notPlanned');
  const changed = await w
    .trx('support_committee_meetings')
    .where({ id: meeting.id, lock_version: lockVersion })
    .andWhere('status', 'planned')
    .update({ ...input, lock_version: lockVersion + 1, updated_at: w.trx.fn.now() });
  await w.audit({
    action: changed ? 'support_committee.meeting_update' : 'support_committee.meeting_update_conflict',
    entityType: 'support_committee_meeting',
    entityId: meeting.id,
    details: changed ? { before: { meets_on: meeting.meets_on, location: meeting.location }, after: input } : {},
  });
  return changed > 0;
}

/** Holds or cancels a meeting through its transition table, logged with its day and reason. */
export async function moveMeeting(
  w: WriteContext,
  meeting: Pick<Meeting, 'id'>,
  input: MeetingTransitionInput,
  actorId: string,
) {
  const moved = await applyMeetingTransition(w.trx, meeting.id, input.event, {
    actorId,
    happenedOn: input.happened_on,
    reason: input.reason,
  });
  await w.audit({
    action: `support_committee.meeting_${input.event}`,
    entityType: 'support_committee_meeting',
    entityId: meeting.id,
    details: { ...moved, happened_on: input.happened_on, reason: input.reason },
  });
  return moved;
}

/**
 * Puts a parcours on a meeting's agenda. The parcours is one of the meeting's operator; the
 * consultancy, when given, is one of that operator's and counts the parcours' structure among its
 * structures; terms of reference are always a consultancy's. Not on a cancelled meeting.
 */
export async function addItem(
  w: WriteContext,
  meeting: Pick<Meeting, 'id' | 'operator_id' | 'status'>,
  input: ItemInput,
) {
  if (meeting.status === 'cancelled') throw new CommitteeRefused(null, 'supportCommittee.items.meetingCancelled');
  const pathway = await w
    .trx('pathways')
    .where({ id: input.pathway_id, operator_id: meeting.operator_id })
    .first<Pick<PathwaysRow, 'id' | 'organisation_id'> | undefined>('id', 'organisation_id');
  if (!pathway) throw new CommitteeRefused('pathway_id', 'supportCommittee.items.pathwayRequired');
  if (input.subject === 'terms_of_reference' && !input.accompaniment_id)
    throw new CommitteeRefused('accompaniment_id', 'supportCommittee.items.accompanimentRequired');
  if (input.accompaniment_id) {
    const acc = await w
      .trx('accompaniments as a')
      .join('accompaniment_beneficiaries as b', 'b.accompaniment_id', 'a.id')
      .where({ 'a.id': input.accompaniment_id, 'a.operator_id': meeting.operator_id })
      .where('b.organisation_id', pathway.organisation_id)
      .first<{ id: Id } | undefined>('a.id');
    if (!acc) throw new CommitteeRefused('accompaniment_id', 'supportCommittee.items.accompanimentNotOfStructure');
  }
  const last = await w.trx('support_committee_items').where({ meeting_id: meeting.id }).max('position as p').first();
  const position = input.position ?? Number(last?.p ?? 0) + 1;
  const [{ id }] = await w
    .trx('support_committee_items')
    .insert({
      meeting_id: meeting.id,
      pathway_id: input.pathway_id,
      subject: input.subject,
      accompaniment_id: input.accompaniment_id,
      summary: input.summary,
      position,
    })
    .returning<{ id: Id }[]>('id');
  await w.audit({
    action: 'support_committee.item_add',
    entityType: 'support_committee_meeting',
    entityId: meeting.id,
    details: { item_id: id, ...input, position },
  });
  return id;
}

/** Takes an item off the agenda; an item with an opinion stays (the opinion is history). */
export async function removeItem(w: WriteContext, meeting: Meeting, item: Item) {
  if (item.opinion) throw new CommitteeRefused(null, 'supportCommittee.items.hasOpinion');
  await w.trx('support_committee_items').where({ id: item.id, meeting_id: meeting.id }).whereNull('opinion').delete();
  await w.audit({
    action: 'support_committee.item_remove',
    entityType: 'support_committee_meeting',
    entityId: meeting.id,
    details: { item_id: item.id, pathway_id: item.pathway_id, subject: item.subject, summary: item.summary },
  });
}

/**
 * The committee's opinion on an item, recorded by the operator's staff: only once the meeting is
 * held, dated on or after the meeting's day and never in the future (the form's business). A new
 * opinion replaces the previous one, which the audit log keeps.
 */
export async function recordOpinion(
  w: WriteContext,
  meeting: Pick<Meeting, 'id'>,
  item: Pick<Item, 'id' | 'pathway_id' | 'accompaniment_id' | 'opinion' | 'opinion_on' | 'opinion_comment'>,
  input: OpinionInput,
  actorId: string,
) {
  const current = await w
    .trx('support_committee_meetings')
    .where({ id: meeting.id })
    .forShare()
    .first<Pick<SupportCommitteeMeetingsRow, 'status' | 'meets_on'> | undefined>('status', 'meets_on');
  if (current?.status !== 'held') throw new CommitteeRefused(null, 'supportCommittee.opinion.notHeld');
  refuseBefore('opinion_on', input.opinion_on, String(current.meets_on), 'supportCommittee.opinion.beforeMeeting');
  await w.trx('support_committee_items').where({ id: item.id }).update({
    opinion: input.opinion,
    opinion_comment: input.opinion_comment,
    opinion_on: input.opinion_on,
    opinion_by: actorId,
  });
  await w.audit({
    action: 'support_committee.opinion',
    entityType: 'support_committee_meeting',
    entityId: meeting.id,
    details: {
      item_id: item.id,
      pathway_id: item.pathway_id,
      accompaniment_id: item.accompaniment_id,
      before: item.opinion
        ? { opinion: item.opinion, opinion_on: item.opinion_on, comment: item.opinion_comment }
        : null,
      after: input,
    },
  });
}

/** The minutes of a held meeting. */
export async function saveMinutes(w: WriteContext, meeting: Meeting, minutes: string | null) {
  if (meeting.status !== 'held') throw new CommitteeRefused('minutes', 'supportCommittee.minutes.notHeld');
  await w
    .trx('support_committee_meetings')
    .where({ id: meeting.id })
    .update({ minutes, updated_at: w.trx.fn.now(), lock_version: w.trx.raw('lock_version + 1') });
  await w.audit({
    action: 'support_committee.minutes',
    entityType: 'support_committee_meeting',
    entityId: meeting.id,
    details: { length: minutes?.length ?? 0 },
  });
}

/**
 * A manager or an admin lets the case's consultation open without the committee's favourable
 * opinion (gate.ts reads it): the decision, its day and reason are kept, audited, and shown on the
 * case page. It moves nothing: the coordinator then opens the consultation as usual.
 */
export async function overrideCommittee(
  w: WriteContext,
  acc: { id: string; state: string; intake_on: string },
  input: OverrideInput,
  actorId: string,
) {
  if (acc.state !== 'intake' && acc.state !== 'diagnostic')
    throw new CommitteeRefused(null, 'supportCommittee.override.tooLate');
  refuseBefore('decided_on', input.decided_on, acc.intake_on, 'lifecycle.dateBeforeIntake');
  const [{ id }] = await w
    .trx('support_committee_overrides')
    .insert({ accompaniment_id: acc.id, reason: input.reason, decided_on: input.decided_on, decided_by: actorId })
    .returning<{ id: Id }[]>('id');
  await w.audit({
    action: 'support_committee.override',
    entityType: 'accompaniment',
    entityId: acc.id,
    details: { override_id: id, reason: input.reason, decided_on: input.decided_on },
  });
}
