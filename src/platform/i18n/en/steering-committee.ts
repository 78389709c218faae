import type { steeringCommitteeFr } from '../fr/steering-committee';

/** English strings of the steering-committee area (same keys as the French file). */
export const steeringCommitteeEn: Record<keyof typeof steeringCommitteeFr, string> = {
  'steeringCommittee.title': 'Steering committee of the accompaniment',
  'steeringCommittee.intro':
    'Employees, board members and managers of the supported structures, the DLA coordinator and the provider’s consultants (not the DLA’s own institutional steering committee).',
  'steeringCommittee.none': 'Nobody is on the steering committee yet.',
  'steeringCommittee.add': 'Add a member',
  'steeringCommittee.addButton': 'Add to the committee',
  'steeringCommittee.manage': 'Manage the committee',
  'steeringCommittee.back': 'Back to the accompaniment',
  'steeringCommittee.count': '{n, plural, =0 {No members} one {# member} other {# members}}',
  'steeringCommittee.composition': 'Composition by role',
  'steeringCommittee.namesHidden': 'Members’ names are not shown to funders: only the composition by role is.',
  'steeringCommittee.noOrganisation': 'No organisation',
  'steeringCommittee.structureWithdrawn': 'Structure withdrew on {date}',
  'steeringCommittee.confirmRemove': 'Remove {name} from the steering committee?',
  'steeringCommittee.remove': 'Remove',
  'steeringCommittee.fields.role': 'Role on the committee',
  'steeringCommittee.roleHint':
    'Leave “as on record” to use the contact’s role, or “DLA coordinator” and “consultant” for the DLA team and the provider.',
  'steeringCommittee.roleFromRecord': '— As on the person’s record —',
  'steeringCommittee.role.director': 'Director',
  'steeringCommittee.role.president': 'President',
  'steeringCommittee.role.board_member': 'Board member',
  'steeringCommittee.role.employee': 'Employee',
  'steeringCommittee.role.coordinator': 'DLA coordinator',
  'steeringCommittee.role.consultant': 'Consultant',
  'steeringCommittee.role.other': 'Other',
  'steeringCommittee.notAdded': 'The member was not added: please correct the fields shown.',
  'steeringCommittee.roleRequired': 'Choose this person’s role on the committee.',
  'steeringCommittee.alreadyMember': '{name} is already on the steering committee.',
  'steeringCommittee.added': '{name} was added to the steering committee.',
  'steeringCommittee.removed': '{name} was removed from the steering committee.',

  'steeringCommittee.participant.person': 'Person',
  'steeringCommittee.participant.personHint':
    'Choose a contact of a supported structure, a member of the DLA team or a consultant of the selected provider; otherwise type the name below.',
  'steeringCommittee.participant.typedPerson': '— Someone else (type their name) —',
  'steeringCommittee.participant.contacts': 'Contacts of the supported structures',
  'steeringCommittee.participant.staff': 'DLA operator team',
  'steeringCommittee.participant.consultants': 'Consultants of the selected provider',
  'steeringCommittee.participant.typedLegend': 'Or someone who is not in the list',
  'steeringCommittee.participant.structure': 'Structure',
  'steeringCommittee.participant.chooseStructurePlaceholder': '— Choose the structure —',
  'steeringCommittee.participant.withdrawnOption': '{name} (withdrawn from the accompaniment)',
  'steeringCommittee.participant.otherOrganisation': 'Or another organisation',
  'steeringCommittee.participant.otherOrganisationHint':
    'For a guest who does not belong to a supported structure (for instance a local ETTI).',
  'steeringCommittee.participant.structureWithdrawn':
    '{name} has withdrawn from the accompaniment: its people stay in the history, but no one new is added from it.',
  'steeringCommittee.participant.unknownContact': 'Choose a contact of one of the supported structures.',
  'steeringCommittee.participant.unknownUser': 'Choose someone from the DLA operator or the selected provider.',
  'steeringCommittee.participant.nameOrPerson': 'Choose a person from the list or type their name.',
  'steeringCommittee.participant.notABeneficiary': 'Choose one of the supported structures.',
  'steeringCommittee.participant.chooseStructure': 'Choose this person’s structure.',
  'steeringCommittee.participant.chooseOrganisation': 'Choose this person’s structure, or type their organisation.',
  'steeringCommittee.allContacts.title': 'Every contact of the structures',
  'steeringCommittee.allContacts.hint':
    '{count, plural, one {# contact of the structures is not on the committee yet:} other {# contacts of the structures are not on the committee yet:}} add them at once, each with the role on their record.',
  'steeringCommittee.allContacts.button': 'Add every contact of the structures',
  'steeringCommittee.allContacts.confirm':
    '{count, plural, one {Add # contact to the steering committee?} other {Add # contacts to the steering committee?}}',
  'steeringCommittee.allContacts.allIn': 'Every contact of the structures is already on the committee.',
  'steeringCommittee.allContacts.noContacts': 'The structures have no contact on record: add some from their page.',
  'steeringCommittee.contactsAdded':
    '{count, plural, =0 {No contact added: every contact of the structures is already on the committee.} one {# contact of the structures added to the steering committee.} other {# contacts of the structures added to the steering committee.}}',
};
