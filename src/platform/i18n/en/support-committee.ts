import type { supportCommitteeFr } from '../fr/support-committee';

/** English strings of the support committee area (issue 19). */
export const supportCommitteeEn: Record<keyof typeof supportCommitteeFr, string> = {
  'supportCommittee.nav': 'Support committee',
  'supportCommittee.title': 'Support committee',
  'supportCommittee.intro':
    'The operator’s support committee reviews diagnostics, pathway plans and terms of reference before consultations, and gives an opinion on each.',
  'supportCommittee.choose': '— Choose —',
  'supportCommittee.outsideMember':
    'You read this agenda as a member of the support committee: the summaries and opinions, not the full diagnostic or pathway.',

  'supportCommittee.fields.meetsOn': 'Meeting date',
  'supportCommittee.fields.location': 'Place',
  'supportCommittee.fields.operator': 'Operator',
  'supportCommittee.fields.agenda': 'Agenda',

  'supportCommittee.status.planned': 'Planned',
  'supportCommittee.status.held': 'Held',
  'supportCommittee.status.cancelled': 'Cancelled',

  'supportCommittee.kind.funder': 'Funder',
  'supportCommittee.kind.network': 'Network',
  'supportCommittee.kind.resource_centre': 'Resource centre',
  'supportCommittee.kind.expert': 'Expert',
  'supportCommittee.kind.operator': 'Operator',

  'supportCommittee.subject.diagnostic': 'Diagnostic',
  'supportCommittee.subject.plan': 'Pathway plan',
  'supportCommittee.subject.terms_of_reference': 'Terms of reference',

  'supportCommittee.opinions.favorable': 'Favourable',
  'supportCommittee.opinions.favorable_with_reservations': 'Favourable with reservations',
  'supportCommittee.opinions.rework': 'To be reworked',
  'supportCommittee.opinions.unfavorable': 'Unfavourable',

  'supportCommittee.members.title': 'Support committee members',
  'supportCommittee.members.intro':
    'Funders, networks, resource centres, experts and the operator’s team. A member linked to a Jalons account reads the meetings’ agendas (summaries and opinions).',
  'supportCommittee.members.none': 'No member yet.',
  'supportCommittee.members.add': 'Add a member',
  'supportCommittee.members.addButton': 'Add to the committee',
  'supportCommittee.members.editTitle': 'Edit a support committee member',
  'supportCommittee.members.name': 'Full name',
  'supportCommittee.members.kind': 'Capacity',
  'supportCommittee.members.organisation': 'Organisation',
  'supportCommittee.members.organisationHint':
    'Choose an organisation Jalons knows, or leave “other” and type its name below.',
  'supportCommittee.members.typedOrganisation': '— Other organisation (type its name) —',
  'supportCommittee.members.organisationName': 'Organisation name',
  'supportCommittee.members.organisationRequired': 'Choose the member’s organisation or type its name.',
  'supportCommittee.members.account': 'Jalons account',
  'supportCommittee.members.accountHint':
    'Linked to an account, an active member reads the meetings’ agendas (summaries and opinions).',
  'supportCommittee.members.noAccount': '— No Jalons account —',
  'supportCommittee.members.noAccountShort': 'No account',
  'supportCommittee.members.active': 'Active member',
  'supportCommittee.members.isActive': 'Active',
  'supportCommittee.members.isInactive': 'Inactive',
  'supportCommittee.members.userNotAllowed':
    'Choose the account of a funder, a relay or an operator’s team: providers and structures do not sit on the support committee.',
  'supportCommittee.members.added': '{name} was added to the support committee.',
  'supportCommittee.members.updated': '{name}’s record was saved.',

  'supportCommittee.meetings.title': 'Support committee meeting of {date}',
  'supportCommittee.meetings.none': 'No support committee meeting recorded.',
  'supportCommittee.meetings.new': 'Plan a meeting',
  'supportCommittee.meetings.newTitle': 'Plan a support committee meeting',
  'supportCommittee.meetings.editTitle': 'Edit the planned meeting',
  'supportCommittee.meetings.create': 'Plan the meeting',
  'supportCommittee.meetings.meetsOnHint': 'The planned day; a past meeting can be recorded too, then marked held.',
  'supportCommittee.meetings.created': 'The meeting is planned. Add pathways to its agenda.',
  'supportCommittee.meetings.updated': 'The meeting was saved.',
  'supportCommittee.meetings.conflict': 'Someone changed this meeting meanwhile: check the fields and save again.',
  'supportCommittee.meetings.notPlanned': 'Only a planned meeting can be edited.',
  'supportCommittee.meetings.itemCount': '{n, plural, =0 {no item} one {# item} other {# items}}',
  'supportCommittee.meetings.opinionCount': '{n, plural, =0 {no opinion} one {# opinion} other {# opinions}}',

  'supportCommittee.transition.title': 'Meeting status',
  'supportCommittee.transition.current': 'Current status: {status}.',
  'supportCommittee.transition.hold': 'Mark the meeting held',
  'supportCommittee.transition.cancel': 'Cancel the meeting',
  'supportCommittee.transition.happenedOn.hold': 'Day the meeting was held',
  'supportCommittee.transition.happenedOn.cancel': 'Day of the cancellation',
  'supportCommittee.transition.reason': 'Reason for the cancellation',
  'supportCommittee.transition.comment': 'Comment (optional)',
  'supportCommittee.transition.invalid': 'This status change is not possible for this meeting.',
  'supportCommittee.transition.reasonRequired': 'Give the reason for the cancellation.',
  'supportCommittee.transition.noAgenda':
    'First add at least one pathway to the agenda: a meeting is held on an agenda.',
  'supportCommittee.transition.done.hold': 'The meeting is held: record the committee’s opinion on each item.',
  'supportCommittee.transition.done.cancel': 'The meeting is cancelled.',

  'supportCommittee.log.title': 'Meeting history',
  'supportCommittee.log.create': 'Meeting planned',
  'supportCommittee.log.hold': 'Meeting held',
  'supportCommittee.log.cancel': 'Meeting cancelled',

  'supportCommittee.items.none': 'The agenda is empty.',
  'supportCommittee.items.add': 'Add an item to the agenda',
  'supportCommittee.items.newTitle': 'Add a pathway to the agenda',
  'supportCommittee.items.addButton': 'Add to the agenda',
  'supportCommittee.items.pathway': 'Pathway (structure)',
  'supportCommittee.items.pathwayRequired': 'Choose the pathway of one of the operator’s structures.',
  'supportCommittee.items.closedPathway': '{name} (closed pathway)',
  'supportCommittee.items.noPathway':
    'The operator has no pathway yet: a pathway opens from a request or an accompaniment.',
  'supportCommittee.items.subject': 'Subject',
  'supportCommittee.items.accompaniment': 'Accompaniment concerned',
  'supportCommittee.items.accompanimentHint':
    'For terms of reference, the accompaniment whose consultation awaits the committee’s opinion; optional for a diagnostic or a plan.',
  'supportCommittee.items.noAccompaniment': '— No accompaniment in particular —',
  'supportCommittee.items.accompanimentRequired': 'Terms of reference are about an accompaniment: choose it.',
  'supportCommittee.items.accompanimentNotOfStructure':
    'Choose an accompaniment of the operator in which this pathway’s structure takes part.',
  'supportCommittee.items.summary': 'Summary for the committee',
  'supportCommittee.items.summaryHint':
    'What committee members read, including those outside the operator: they see neither the full diagnostic nor the pathway.',
  'supportCommittee.items.position': 'Rank on the agenda',
  'supportCommittee.items.positionHint': 'Leave empty to add it at the end.',
  'supportCommittee.items.about': 'Accompaniment:',
  'supportCommittee.items.added': 'The item was added to the agenda.',
  'supportCommittee.items.remove': 'Remove from the agenda',
  'supportCommittee.items.confirmRemove': 'Remove this item from the agenda?',
  'supportCommittee.items.removed': 'The item was removed from the agenda.',
  'supportCommittee.items.hasOpinion': 'This item received an opinion: it stays on the meeting’s agenda.',
  'supportCommittee.items.meetingCancelled': 'This meeting is cancelled: plan another one.',

  'supportCommittee.opinion.title': 'Support committee opinion',
  'supportCommittee.opinion.opinion': 'Opinion',
  'supportCommittee.opinion.comment': 'Comment',
  'supportCommittee.opinion.commentHint':
    'Required unless the opinion is favourable: the reservations, what to rework, or the reasons for refusing.',
  'supportCommittee.opinion.commentRequired':
    'Give the reservations, what to rework or the reasons for the unfavourable opinion.',
  'supportCommittee.opinion.on': 'Date of the opinion',
  'supportCommittee.opinion.onHint': 'The day the committee decided: not before the meeting, not in the future.',
  'supportCommittee.opinion.beforeMeeting': 'The opinion cannot come before the meeting of {date}.',
  'supportCommittee.opinion.notHeld': 'First mark the meeting held: the committee gives its opinions in a meeting.',
  'supportCommittee.opinion.submit': 'Save the opinion',
  'supportCommittee.opinion.record': 'Record the opinion',
  'supportCommittee.opinion.change': 'Change the opinion',
  'supportCommittee.opinion.recorded': 'The opinion on {name}’s pathway was saved.',
  'supportCommittee.opinion.givenOn': 'given on {date}',
  'supportCommittee.opinion.none': 'No opinion yet.',

  'supportCommittee.minutes.title': 'Minutes',
  'supportCommittee.minutes.none': 'No minutes yet.',
  'supportCommittee.minutes.write': 'Write the minutes',
  'supportCommittee.minutes.edit': 'Edit the minutes',
  'supportCommittee.minutes.saved': 'The minutes were saved.',
  'supportCommittee.minutes.notHeld': 'Minutes are written once the meeting is held.',

  'supportCommittee.print.link': 'Printable version',
  'supportCommittee.print.title': 'Printable agenda',
  'supportCommittee.print.heading': 'Support committee — {operator}',
  'supportCommittee.print.back': 'Back to the meeting',

  'supportCommittee.gate.refused':
    'The support committee must first give a favourable opinion (or favourable with reservations) on this accompaniment, or on the diagnostic or plan of the pathway of each of its structures: put it on the agenda of a support committee meeting and record its opinion. Otherwise, the operator’s direction may grant a reasoned exemption.',
  'supportCommittee.gate.opinionAfterDate':
    'The support committee’s favourable opinion is later than the date chosen: the consultation opens on the day of that opinion at the earliest.',

  'supportCommittee.case.label': 'Support committee',
  'supportCommittee.case.none': 'no opinion yet on this accompaniment or on its structures’ pathways.',
  'supportCommittee.case.opinionOn': 'opinion of {date}',
  'supportCommittee.case.notYetOpen': '(the consultation awaits a favourable opinion)',
  'supportCommittee.case.exempt': 'the operator’s settings exempt this kind of accompaniment from an opinion.',
  'supportCommittee.case.override': 'exemption granted on {date} by {name}',

  'supportCommittee.override.link': 'Grant an exemption',
  'supportCommittee.override.title': 'Open the consultation without the support committee’s opinion',
  'supportCommittee.override.intro':
    'The operator’s direction or an administrator may let the consultation open before the support committee’s favourable opinion. The decision, its date and reason are kept, shown on the accompaniment and written to the audit log.',
  'supportCommittee.override.reason': 'Reason for the exemption',
  'supportCommittee.override.reasonHint':
    'For example: the structure’s urgency, a postponed committee, an opinion given outside a meeting.',
  'supportCommittee.override.decidedOn': 'Date of the decision',
  'supportCommittee.override.submit': 'Grant the exemption',
  'supportCommittee.override.recorded':
    'The exemption was recorded: the consultation may open without the support committee’s opinion.',
  'supportCommittee.override.tooLate': 'This accompaniment’s consultation is already open: no exemption is needed.',

  'supportCommittee.home.heading': 'Support committee',
  'supportCommittee.home.intro': 'The meetings of the support committees you sit on.',
  'supportCommittee.home.all': 'All meetings',
};
