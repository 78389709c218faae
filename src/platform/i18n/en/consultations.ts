import type { consultationsFr } from '../fr/consultations';

/** English strings of the consultations area (same keys as the French file). */
export const consultationsEn: Record<keyof typeof consultationsFr, string> = {
  'consultations.title': 'Provider selection',
  'consultations.pageTitle': 'Provider selection — {title}',
  'consultations.intro':
    'Restricted call for competences: terms of reference, invited providers, proposals, scoring and selection.',
  'consultations.open': 'Open the provider selection',

  'consultations.terms.title': 'Terms of reference',
  'consultations.terms.edit': 'Edit the terms of reference and scoring grid',
  'consultations.terms.editTitle': 'Terms of reference and scoring grid',
  'consultations.terms.none': 'The terms of reference are not written yet.',
  'consultations.terms.saved': 'Terms of reference and scoring grid saved.',
  'consultations.terms.conflict':
    'Someone changed the terms of reference or the grid while you were editing them. Your input is kept below: check it, then save again to replace the current version.',
  'consultations.terms.prefilled': 'Fields pre-filled from the accompaniment: check them before saving.',
  'consultations.fields.objectives': 'Objectives of the engagement',
  'consultations.fields.days': 'Number of days',
  'consultations.fields.budgetEur': 'Maximum budget (€)',
  'consultations.fields.deadline': 'Reply deadline',
  'consultations.fields.launchedOn': 'Launch date',
  'consultations.fields.daysHint': 'An engagement usually takes 2 to 5 days.',

  'consultations.criteria.legend': 'Scoring grid',
  'consultations.criteria.hint':
    'One criterion per row with its maximum score. Leave a row blank to ignore it; clear an existing row to delete the criterion (and its scores).',
  'consultations.criteria.label': 'Criterion',
  'consultations.criteria.max': 'Maximum score',
  'consultations.criteria.rowLabel': 'Criterion no. {n}',
  'consultations.criteria.rowMax': 'Maximum score of criterion no. {n}',
  'consultations.criteria.none': 'No scoring grid is defined yet.',
  'consultations.criteria.total': 'Grid total',
  'consultations.criteria.outOf': '{points} points',
  'consultations.criteria.atLeastOne': 'Give at least one scoring criterion.',
  'consultations.criteria.maxInvalid': 'Give a whole number of points between 1 and 1,000.',
  'consultations.criteria.labelMissing': 'Give this criterion a label.',
  'consultations.criteria.belowScores':
    'Scores already entered exceed this maximum ({score}): correct those scores first.',
  'consultations.criteria.default.understanding': 'Understanding of the request',
  'consultations.criteria.default.method': 'Proposed method',
  'consultations.criteria.default.experience': 'Experience and references',
  'consultations.criteria.default.price': 'Price',
  'consultations.criteria.defaultUsed': 'Default grid (70 points): adapt it if needed, then save.',

  'consultations.bids.title': 'Invited providers and proposals',
  'consultations.bids.none': 'No provider has been invited yet. Usually 3 or 4 are.',
  'consultations.bids.rank': 'Rank',
  'consultations.bids.provider': 'Provider',
  'consultations.bids.status': 'Status',
  'consultations.bids.invitedOn': 'Invited on',
  'consultations.bids.receivedOn': 'Received on',
  'consultations.bids.days': 'Days',
  'consultations.bids.price': 'Price (€)',
  'consultations.bids.dayRate': 'Price / day',
  'consultations.bids.total': 'Score',
  'consultations.bids.totalValue': '{total} / {max}',
  'consultations.bids.notScored': 'not scored',
  'consultations.bids.partlyScored': 'partly scored',
  'consultations.bids.count':
    '{count, plural, one {# provider} other {# providers}} invited, {proposals, plural, one {# proposal} other {# proposals}} received.',
  'consultations.bids.status.invited': 'Invited',
  'consultations.bids.status.proposed': 'Proposal received',
  'consultations.bids.status.declined': 'Declined',
  'consultations.bids.status.selected': 'Selected',
  'consultations.bids.status.not_selected': 'Not selected',
  'consultations.bids.recordProposal': 'Record the proposal',
  'consultations.bids.editProposal': 'Edit the proposal',
  'consultations.bids.score': 'Score',

  'consultations.invite.legend': 'Invite a provider',
  'consultations.invite.provider': 'Referenced provider',
  'consultations.invite.choose': '— Choose a provider —',
  'consultations.invite.date': 'Invited on',
  'consultations.invite.submit': 'Invite',
  'consultations.invite.done': '{name} is invited to this call for competences.',
  'consultations.invite.duplicate': 'This provider is already invited.',
  'consultations.invite.notProvider': 'Choose a provider from the list.',
  'consultations.invite.noneLeft': 'Every registered provider is already invited.',

  'consultations.proposal.title': 'Proposal of {name}',
  'consultations.proposal.invitedOn': 'Invited on {date}.',
  'consultations.proposal.outcome': 'Provider’s answer',
  'consultations.proposal.outcome.proposed': 'Sent a proposal',
  'consultations.proposal.outcome.declined': 'Declined the invitation',
  'consultations.proposal.receivedOn': 'Received on',
  'consultations.proposal.days': 'Days proposed',
  'consultations.proposal.price': 'Price proposed (€)',
  'consultations.proposal.method': 'Proposed method',
  'consultations.proposal.methodHint': 'In a few lines: approach, steps, consultants.',
  'consultations.proposal.saved': 'Proposal of {name} saved.',
  'consultations.proposal.conflict':
    'Someone recorded another answer from this provider while you were typing. Your input is kept below: check it, then save again to replace the current version.',
  'consultations.proposal.declinedSaved': '{name} declined: recorded.',
  'consultations.proposal.submit': 'Save',

  'consultations.scores.title': 'Scoring the proposal of {name}',
  'consultations.scores.intro':
    'Score each criterion between 0 and its maximum. The total is compared with the grid total.',
  'consultations.scores.criterion': 'Criterion',
  'consultations.scores.points': 'Score',
  'consultations.scores.max': 'Maximum',
  'consultations.scores.pointsFor': 'Score for “{label}” (out of {max})',
  'consultations.scores.total': 'Total',
  'consultations.scores.saved': 'Scores of {name} saved: {total} / {max}.',
  'consultations.scores.conflict':
    'Someone scored this proposal while you were typing. Your scores are kept below: check them, then save again to replace the current scores.',
  'consultations.scores.outOfRange': 'The score must be between 0 and {max}.',
  'consultations.scores.notANumber': 'Enter a score, for example 15 or 15.5.',
  'consultations.scores.noCriteria': 'Define the scoring grid in the terms of reference first.',
  'consultations.scores.noProposal': 'Record this provider’s proposal first: only a received proposal is scored.',
  'consultations.scores.submit': 'Save the scores',

  'consultations.select.legend': 'Select a provider (selection record)',
  'consultations.select.bid': 'Selected provider',
  'consultations.select.choose': '— Choose a proposal —',
  'consultations.select.bidOption': '{name} — {days} d, {price}',
  'consultations.select.date': 'Selection date',
  'consultations.select.rationale': 'Reasons for the choice (selection record)',
  'consultations.select.rationaleHint':
    'Why this proposal: scores, fit with the terms of reference, price. This text is the selection record.',
  'consultations.select.notice':
    'Every provider who sent a proposal will receive an e-mail telling them whether it was selected (without the other bidders’ prices).',
  'consultations.select.submit': 'Select this provider and notify the bidders',
  'consultations.select.confirm': 'Select this provider and send the result to every bidder?',
  'consultations.select.done':
    '{name} is selected. {mails, plural, one {# result e-mail} other {# result e-mails}} queued.',
  'consultations.select.noProposal':
    'No proposal is recorded yet: at least one received proposal is needed to select a provider.',
  'consultations.select.notAProposal': 'Choose a received proposal from the list.',
  'consultations.select.wrongState':
    'Selection happens during the provider selection stage: move the accompaniment to that stage first.',
  'consultations.select.beforeIntake': 'This date is before the accompaniment’s intake ({date}).',
  'consultations.select.beforeLaunch': 'This date is before the call was launched ({date}): the selection comes after.',
  'consultations.select.beforeProposal':
    'This date is before the last proposal received ({date}): the selection comes once the proposals are in.',
  'consultations.select.noMail':
    'Send no e-mail: the bidders were already told outside Jalons (record afterwards when and how).',
  'consultations.select.unreachable':
    'With no known e-mail address, these bidders will receive nothing: {names}. Tell them another way, then record when and how.',
  'consultations.select.unreached': 'Some bidders received no e-mail: record when and how you told them.',
  'consultations.select.already': 'A provider is already selected: cancel the selection first to choose another one.',

  'consultations.selected.title': 'Selected provider',
  'consultations.selected.provider': 'Provider',
  'consultations.selected.proposal': 'Proposal',
  'consultations.selected.proposalValue': '{days} d · {price}',
  'consultations.selected.on': 'Selected on',
  'consultations.selected.by': 'By',
  'consultations.selected.rationale': 'Selection record',
  'consultations.selected.notified': 'Result notified on {date}.',
  'consultations.selected.notNotified': 'result not notified',
  'consultations.selected.notifiedBy': 'notified on {date} ({channel})',
  'consultations.channel.email': 'by e-mail',
  'consultations.channel.phone': 'by phone',
  'consultations.channel.letter': 'by letter',
  'consultations.channel.in_person': 'handed over in person',
  'consultations.channelOption.phone': 'Phone',
  'consultations.channelOption.letter': 'Letter',
  'consultations.channelOption.in_person': 'Handed over in person',
  'consultations.channelOption.email': 'E-mail sent outside Jalons',
  'consultations.notify.legend': 'Record how the result was notified',
  'consultations.notify.date': 'Date of the notification',
  'consultations.notify.channel': 'Channel',
  'consultations.notify.submit': 'Record the notification',
  'consultations.notify.done': 'Notification of the result to {name} recorded.',
  'consultations.notify.noDecision': 'No provider is selected: there is no result to notify yet.',
  'consultations.notify.notABidder': 'This bidder sent no proposal: there is no result to notify.',
  'consultations.notify.already': 'The result was already notified to this bidder.',
  'consultations.notify.beforeSelection':
    'This date is before the selection ({date}): the result is notified afterwards.',
  'consultations.selected.notifications': 'Notices to bidders',
  'consultations.selected.pending': 'No provider is selected yet.',

  'consultations.budget.differs':
    'The selected proposal ({days} d, {price}) differs from the accompaniment budget ({budgetDays} d, {budgetEur}). Edit the budget if needed.',
  'consultations.budget.offer':
    'The accompaniment budget is incomplete: copy the selected proposal ({days} d, {price}) into the empty fields?',
  'consultations.budget.apply': 'Copy into the budget',
  'consultations.budget.applied': 'Accompaniment budget completed from the selected proposal.',
  'consultations.budget.nothingToApply': 'The accompaniment budget is already filled in: nothing was changed.',

  'consultations.unselect.legend': 'Cancel the selection',
  'consultations.unselect.hint':
    'For mistakes or withdrawals only: the reason is kept in the audit log. Proposals go back to “received” and a new choice can be made.',
  'consultations.unselect.reason': 'Reason for cancelling',
  'consultations.unselect.submit': 'Cancel the selection',
  'consultations.unselect.confirm': 'Cancel the provider’s selection? They will lose access to the accompaniment.',
  'consultations.unselect.done': 'The selection is cancelled. You can select another proposal.',
  'consultations.unselect.wrongState':
    'The accompaniment has left the provider selection stage: the selection can no longer be changed.',
  'consultations.unselect.nothing': 'No provider is selected.',

  'consultations.locked.selected':
    'A provider is selected: the call is frozen. Cancel the selection first to change it.',
  'consultations.locked.state': 'The accompaniment is past the provider selection stage: it can no longer be changed.',

  'consultations.outcome.title': 'Selected provider',
  'consultations.outcome.text': '{name}: {days} days of work for {price}.',

  'consultations.validation.negative': 'Enter a positive number.',
  'consultations.validation.positive': 'Enter a number greater than zero.',

  'consultations.mail.subject': 'Call for competences “{title}”: result',
  'consultations.mail.selected':
    'Hello,\n\nThank you for the proposal you sent for the restricted call for competences “{title}” ({operator}).\n\nWe are pleased to tell you that your proposal is selected ({days} days, {price}). We will come back to you shortly to prepare the agreement.\n\nKind regards,\n{operator}',
  'consultations.mail.notSelected':
    'Hello,\n\nThank you for the proposal you sent for the restricted call for competences “{title}” ({operator}).\n\nWe regret to tell you that your proposal was not selected. Thank you for the time spent on your answer; we hope to invite you again.\n\nKind regards,\n{operator}',
};
