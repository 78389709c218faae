import type { intakeFr } from '../fr/intake';

/** English strings of the intake register. */
export const intakeEn: Record<keyof typeof intakeFr, string> = {
  'intake.nav': 'Intake register',
  'intake.title': 'Intake register',
  'intake.intro':
    'Every request the operator receives, where it came from and what came of it: diagnostic, referral, not eligible or no follow-up.',
  'intake.empty': 'No request matches these filters.',
  'intake.new.title': 'Record a request',
  'intake.new.intro':
    'A structure asks for support: record who, when, through which channel and for what need, then who follows it.',
  'intake.new.submit': 'Record the request',
  'intake.show.title': 'Request from {name}',
  'intake.created': 'The request is recorded.',
  'intake.reopened': 'The request is waiting for an answer again.',

  'intake.fieldset.structure': 'Structure',
  'intake.fieldset.contact': 'Contact',
  'intake.fieldset.request': 'Request',
  'intake.fieldset.eligibility': 'Eligibility',
  'intake.fieldset.owner': 'Follow-up',

  'intake.structure': 'Structure',
  'intake.structure.search': 'Search the whole directory for a structure',
  'intake.structure.searchHint':
    'The list below offers the structures of département {department}; search here for a structure from elsewhere.',
  'intake.structure.searchHintAll': 'Type part of its name.',
  'intake.structure.searchSubmit': 'Search',
  'intake.structure.existing': 'A structure already in the directory',
  'intake.structure.new': 'A new structure',
  'intake.structure.pickLabel': 'Structure from the directory',
  'intake.structure.pickBlank': '— Choose a structure —',
  'intake.structure.none': '— No structure found —',
  'intake.structure.found':
    '{count, plural, =0 {No structure} one {# structure} other {# structures}} whose name contains “{search}”.',
  'intake.structure.newIntro': 'A new structure: it joins the directory with the request.',
  'intake.structure.newName': 'Name of the new structure',
  'intake.structure.pick': 'Choose the structure in the list, or give a new structure.',
  'intake.structure.nameRequired': 'Give the name of the new structure.',
  'intake.structure.nameTaken':
    'A structure of the directory already has this name: choose it among the existing ones.',

  'intake.contact.name': 'Contact person',
  'intake.contact.role': 'Their position',
  'intake.contact.roleHint': 'For example: director, chair, treasurer.',
  'intake.contact.email': 'Their e-mail',
  'intake.contact.phone': 'Their phone',

  'intake.receivedOn': 'Received on',
  'intake.receivedOnHint': 'The day the request arrived (today at the latest).',
  'intake.channel': 'Channel',
  'intake.channel.phone': 'Phone',
  'intake.channel.email': 'E-mail',
  'intake.channel.event': 'Event',
  'intake.channel.partner_referral': 'Referred by a partner',
  'intake.channel.other': 'Other',
  'intake.referredBy': 'Referring partner',
  'intake.referredByHint': 'Required for a referral by a partner: France Active, a network, a local authority…',
  'intake.referredBy.required': 'Give the partner who referred the structure.',
  'intake.need': 'Need expressed',
  'intake.needHint': 'In the structure’s own words.',

  'intake.eligibility.hint': 'Tick the criteria met, from what the structure said.',
  'intake.eligibility.notes': 'Notes on eligibility',
  'intake.eligibility.none': 'No criterion ticked.',
  'intake.eligibility.unknown':
    'A ticked criterion is no longer in the operator’s list: tick the criteria offered again.',

  'intake.owner': 'Followed by',
  'intake.owner.blank': '— Choose a person —',
  'intake.owner.me': 'Me',
  'intake.owner.required': 'Choose who at the operator follows the request.',

  'intake.year': 'Year',
  'intake.filter.unanswered': 'Unanswered for more than (days)',
  'intake.filter.unansweredHint': 'Leave empty for every request.',
  'intake.filter.mineLate': 'My requests unanswered for more than {days, plural, one {# day} other {# days}}',
  'intake.filter.allLate': 'All requests unanswered for more than {days, plural, one {# day} other {# days}}',

  'intake.status.received': 'Received, unanswered',
  'intake.status.diagnostic': 'Diagnostic opened',
  'intake.status.oriented': 'Referred elsewhere',
  'intake.status.not_eligible': 'Not eligible',
  'intake.status.no_follow_up': 'No follow-up',
  'intake.status.invalid': 'This change is not possible for this request.',
  'intake.waiting': '{days, plural, =0 {received today} one {for # day} other {for # days}}',
  'intake.outcomeOn': 'on {date}',

  'intake.pathway.link': 'See the parcours of {name}',

  'intake.outcome.heading': 'Outcome',
  'intake.outcome.title': 'Give the request its outcome',
  'intake.outcome.intro':
    'A diagnostic opens the structure’s parcours; a referral, a non-eligibility or no follow-up needs a reason.',
  'intake.outcome.choice': 'Outcome',
  'intake.outcome.diagnostic': 'Open the shared diagnostic (the structure’s parcours opens)',
  'intake.outcome.oriented': 'Refer to a partner',
  'intake.outcome.not_eligible': 'Not eligible for the DLA',
  'intake.outcome.no_follow_up': 'No follow-up',
  'intake.outcome.on': 'Decided on',
  'intake.outcome.onHint': 'Not before the request was received ({date}), nor in the future.',
  'intake.outcome.partner': 'Partner',
  'intake.outcome.partnerHint': 'For a referral: France Active, a network, an OPCO…',
  'intake.outcome.reason': 'Reason',
  'intake.outcome.reasonHint': 'Required, except for a diagnostic.',
  'intake.outcome.submit': 'Record the outcome',
  'intake.outcome.partnerRequired': 'Give the partner the structure is referred to.',
  'intake.outcome.reasonRequired': 'Give the reason.',
  'intake.outcome.already': 'This request already has an outcome.',
  'intake.outcome.done.diagnostic': 'The diagnostic is open: here is the structure’s parcours.',
  'intake.outcome.done.oriented': 'The structure is referred to the partner.',
  'intake.outcome.done.not_eligible': 'The request is recorded as not eligible.',
  'intake.outcome.done.no_follow_up': 'The request is closed with no follow-up.',

  'intake.reopen.title': 'Take this outcome back',
  'intake.reopen.intro':
    'Outcome recorded by mistake? The request waits for an answer again; the reason stays in its history.',
  'intake.reopen.on': 'On',
  'intake.reopen.reason': 'Reason',
  'intake.reopen.submit': 'Reopen the request',
  'intake.reopen.viaPathway': 'A parcours is open for this structure: what comes next is managed in the parcours.',
  'intake.reopen.pathwayExists':
    'A parcours came of this request: it can no longer be reopened, what comes next is managed in the parcours.',
  'intake.reopen.notAnswered': 'This request is still waiting for its answer: there is nothing to reopen.',

  'intake.date.beforeReceived': 'This date is before the request was received ({date}).',
  'intake.date.beforeOutcome': 'This date is before the outcome of the request ({date}).',

  'intake.history': 'History',
  'intake.event.create': 'Request received',
  'intake.event.open_diagnostic': 'Diagnostic opened',
  'intake.event.orient': 'Referred to a partner',
  'intake.event.declare_not_eligible': 'Declared not eligible',
  'intake.event.close_without_follow_up': 'Closed with no follow-up',
  'intake.event.reopen': 'Reopened',

  'intake.home.heading': 'Requests unanswered for more than {days, plural, one {# day} other {# days}}',
  'intake.home.headingMine': 'Your requests unanswered for more than {days, plural, one {# day} other {# days}}',
  'intake.home.next':
    'Get in touch with the structure, then record the outcome: diagnostic, referral to a partner, not eligible or no follow-up.',
  'intake.home.received': 'received on {date} ({channel})',
  'intake.home.seeAll': 'See the list ({total})',
};
