/** French strings of the provider-workspace area. */
export const providerWorkspaceFr = {
  'providerWorkspace.title': 'Mon espace prestataire',
  'providerWorkspace.lead':
    'Les accompagnements pour lesquels votre organisation a été retenue, et ce qui est attendu de vous.',
  'providerWorkspace.none':
    'Aucun accompagnement pour l’instant : vous verrez ici ceux pour lesquels votre organisation sera retenue.',
  'providerWorkspace.coordinator': 'Chargé·e de mission : {name}',
  'providerWorkspace.closed': 'Accompagnement terminé',
  'providerWorkspace.open': 'Ouvrir l’accompagnement',
  'providerWorkspace.expected.title': 'Livrables attendus',
  'providerWorkspace.expected.none': 'Aucun livrable à remettre pour l’instant.',
  'providerWorkspace.expected.by': 'pour le {date}',
  'providerWorkspace.expected.noDate': 'sans date fixée',
  'providerWorkspace.expected.versions': '{count, plural, one {# version déposée} other {# versions déposées}}',
  'providerWorkspace.expected.upload': 'Déposer une version',
  'providerWorkspace.expected.uploadOf': 'Déposer une version de « {title} »',
  'providerWorkspace.inReview': 'En relecture :',
  'providerWorkspace.accepted': '{count, plural, one {# livrable validé} other {# livrables validés}}',
  'providerWorkspace.comment.title': 'Commentaire de relecture',
  'providerWorkspace.comment.byOn': '{name}, le {date}',
  'providerWorkspace.comment.onVersion': 'sur la version {version}',
  'providerWorkspace.days.title': 'Jours consommés',
  'providerWorkspace.days.noBudget':
    '{consumed, plural, one {# j consommé} other {# j consommés}} (aucun nombre de jours contracté)',
  'providerWorkspace.sessions.title': 'Prochaines séances',
  'providerWorkspace.sessions.none': 'Aucune séance prévue.',
  'providerWorkspace.sessions.log': 'Saisir une séance',
  'providerWorkspace.convention.toSign': 'Convention à signer (version {version})',
  'providerWorkspace.convention.signed': 'Convention signée (version {version})',
  'providerWorkspace.convention.sign': 'Signer la convention',
} as const;
