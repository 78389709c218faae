/** French strings of the funder-portal area. */
export const funderPortalFr = {
  'funderPortal.nav': 'Mes rapports',
  'funderPortal.title': 'Portail financeur',
  'funderPortal.lead':
    'Les rapports d’étape qui vous ont été envoyés et les accompagnements que vous financez, en lecture seule.',
  'funderPortal.filters.year': 'Année',
  'funderPortal.filters.yearHint': 'Année d’entrée de l’accompagnement, année d’envoi du rapport.',

  'funderPortal.reports.heading': 'Rapports reçus',
  'funderPortal.reports.none': 'Aucun rapport ne vous a encore été envoyé.',
  'funderPortal.reports.accompaniment': 'Accompagnement',
  'funderPortal.reports.report': 'Rapport',
  'funderPortal.reports.milestone': 'Jalon',
  'funderPortal.reports.sentAt': 'Envoyé le',
  'funderPortal.reports.pdf': 'PDF',
  'funderPortal.reports.pdfOf': 'PDF de « {title} »',
  'funderPortal.reports.sha': 'Empreinte SHA-256',
  'funderPortal.reports.shaFull': 'Empreinte SHA-256 complète : {sha}',

  'funderPortal.funded.heading': 'Accompagnements financés',
  'funderPortal.funded.none': 'Aucun accompagnement financé ne correspond à ces critères.',
  'funderPortal.funded.accompaniment': 'Accompagnement',
  'funderPortal.funded.operator': 'Opérateur',
  'funderPortal.funded.beneficiaries': 'Structures',
  'funderPortal.funded.beneficiariesValue':
    '{active, plural, one {# active} other {# actives}}, {withdrawn, plural, one {# retirée} other {# retirées}}',
  'funderPortal.funded.ownFunding': 'Votre financement',
  'funderPortal.funded.budget': 'Budget total',
  'funderPortal.funded.days': 'Jours consommés / prévus',
  'funderPortal.funded.daysValue': '{consumed} / {contracted} j',
  'funderPortal.funded.daysNoBudget': '{consumed} j (pas de budget en jours)',
  'funderPortal.funded.next': 'Phase',
  'funderPortal.funded.phaseCurrent': 'En cours : {name}',
  'funderPortal.funded.phaseNext': 'À venir : {name}',
  'funderPortal.funded.phaseNextOn': 'À venir : {name} ({date})',

  'funderPortal.show.readOnly': 'Synthèse en lecture seule de l’accompagnement que vous financez.',
  'funderPortal.show.fullPage': 'Fiche complète',
  'funderPortal.show.facts': 'En bref',
  'funderPortal.show.reports': 'Rapports d’étape envoyés',
  'funderPortal.deliverables.heading': 'Livrables',
  'funderPortal.deliverables.none': 'Aucun livrable prévu.',
  'funderPortal.deliverables.file': 'Contenu',
  'funderPortal.deliverables.noConsent':
    'Non communiqué : les structures n’ont pas consenti à le partager avec les financeurs.',
  'funderPortal.deliverables.noFile': 'Aucun fichier déposé.',
  'funderPortal.deliverables.download': 'Télécharger {filename} (v{version})',

  'funderPortal.home.heading': 'Derniers rapports reçus',
  'funderPortal.home.funded': 'Vous financez {count, plural, one {# accompagnement} other {# accompagnements}}.',
  'funderPortal.home.open': 'Ouvrir le portail financeur',
};
