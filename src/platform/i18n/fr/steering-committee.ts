/** French strings of the steering-committee area. */
export const steeringCommitteeFr = {
  'steeringCommittee.title': 'Comité de pilotage de l’accompagnement',
  'steeringCommittee.intro':
    'Salariés, administrateurs et dirigeants des structures accompagnées, chargé·e de mission DLA et consultants du prestataire (à ne pas confondre avec le comité de pilotage institutionnel du DLA).',
  'steeringCommittee.none': 'Personne n’est encore inscrit au comité de pilotage.',
  'steeringCommittee.add': 'Ajouter un membre',
  'steeringCommittee.addButton': 'Ajouter au comité',
  'steeringCommittee.manage': 'Composer le comité',
  'steeringCommittee.back': 'Retour à l’accompagnement',
  'steeringCommittee.count': '{n, plural, =0 {Aucun membre} one {# membre} other {# membres}}',
  'steeringCommittee.composition': 'Composition par rôle',
  'steeringCommittee.namesHidden':
    'Les noms des membres ne sont pas communiqués aux financeurs : seule la composition par rôle est affichée.',
  'steeringCommittee.noOrganisation': 'Sans organisation',
  'steeringCommittee.structureWithdrawn': 'Structure sortie le {date}',
  'steeringCommittee.confirmRemove': 'Retirer {name} du comité de pilotage ?',
  'steeringCommittee.remove': 'Retirer',
  'steeringCommittee.fields.role': 'Rôle au comité',
  'steeringCommittee.roleHint':
    'Laissez « selon la fiche » pour reprendre le rôle du contact, ou « chargé·e de mission » et « consultant·e » pour l’équipe DLA et le prestataire.',
  'steeringCommittee.roleFromRecord': '— Selon la fiche de la personne —',
  'steeringCommittee.role.director': 'Direction',
  'steeringCommittee.role.president': 'Présidence',
  'steeringCommittee.role.board_member': 'Administrateur·rice',
  'steeringCommittee.role.employee': 'Salarié·e',
  'steeringCommittee.role.coordinator': 'Chargé·e de mission DLA',
  'steeringCommittee.role.consultant': 'Consultant·e',
  'steeringCommittee.role.other': 'Autre',
  'steeringCommittee.notAdded': 'Le membre n’a pas été ajouté : corrigez les champs signalés.',
  'steeringCommittee.roleRequired': 'Choisissez le rôle de cette personne au comité.',
  'steeringCommittee.alreadyMember': '{name} fait déjà partie du comité de pilotage.',
  'steeringCommittee.added': '{name} est ajouté·e au comité de pilotage.',
  'steeringCommittee.removed': '{name} est retiré·e du comité de pilotage.',

  'steeringCommittee.participant.person': 'Personne',
  'steeringCommittee.participant.personHint':
    'Choisissez un contact d’une structure accompagnée, un membre de l’équipe DLA ou un consultant du prestataire retenu ; sinon, saisissez le nom ci-dessous.',
  'steeringCommittee.participant.typedPerson': '— Autre personne (saisir son nom) —',
  'steeringCommittee.participant.contacts': 'Contacts des structures accompagnées',
  'steeringCommittee.participant.staff': 'Équipe de l’opérateur DLA',
  'steeringCommittee.participant.consultants': 'Consultants du prestataire retenu',
  'steeringCommittee.participant.typedLegend': 'Ou une personne qui n’est pas dans la liste',
  'steeringCommittee.participant.structure': 'Structure',
  'steeringCommittee.participant.chooseStructurePlaceholder': '— Choisir la structure —',
  'steeringCommittee.participant.withdrawnOption': '{name} (sortie de l’accompagnement)',
  'steeringCommittee.participant.otherOrganisation': 'Ou une autre organisation',
  'steeringCommittee.participant.otherOrganisationHint':
    'Pour une personne invitée qui n’appartient pas à une structure accompagnée (par exemple une ETTI du territoire).',
  'steeringCommittee.participant.structureWithdrawn':
    '{name} est sortie de l’accompagnement : ses membres restent dans l’historique, mais on n’en ajoute plus.',
  'steeringCommittee.participant.unknownContact': 'Choisissez un contact d’une des structures accompagnées.',
  'steeringCommittee.participant.unknownUser': 'Choisissez une personne de l’opérateur DLA ou du prestataire retenu.',
  'steeringCommittee.participant.nameOrPerson': 'Choisissez une personne dans la liste ou saisissez son nom.',
  'steeringCommittee.participant.notABeneficiary': 'Choisissez une des structures accompagnées.',
  'steeringCommittee.participant.chooseStructure': 'Choisissez la structure de cette personne.',
  'steeringCommittee.participant.chooseOrganisation':
    'Choisissez la structure de cette personne, ou saisissez son organisation.',
  'steeringCommittee.allContacts.title': 'Tous les contacts des structures',
  'steeringCommittee.allContacts.hint':
    '{count, plural, one {# contact des structures n’est pas encore au comité :} other {# contacts des structures ne sont pas encore au comité :}} ajoutez-les en une fois, chacun avec le rôle de sa fiche.',
  'steeringCommittee.allContacts.button': 'Ajouter tous les contacts des structures',
  'steeringCommittee.allContacts.confirm':
    '{count, plural, one {Ajouter # contact au comité de pilotage ?} other {Ajouter # contacts au comité de pilotage ?}}',
  'steeringCommittee.allContacts.allIn': 'Tous les contacts des structures font déjà partie du comité.',
  'steeringCommittee.allContacts.noContacts':
    'Les structures accompagnées n’ont aucun contact enregistré : ajoutez-en depuis leur fiche.',
  'steeringCommittee.contactsAdded':
    '{count, plural, =0 {Aucun contact ajouté : tous ceux des structures font déjà partie du comité.} one {# contact des structures ajouté au comité de pilotage.} other {# contacts des structures ajoutés au comité de pilotage.}}',
} as const;
