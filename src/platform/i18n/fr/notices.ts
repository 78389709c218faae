/** French strings of the notices area (stakeholder notices). */
export const noticesFr = {
  'notices.title': 'Information des partenaires',
  'notices.none': 'Aucune information des financeurs ou du CDIAE n’est encore enregistrée.',
  'notices.fields.onDate': 'Date',
  'notices.fields.kind': 'Type',
  'notices.fields.recipients': 'Destinataires',
  'notices.fields.content': 'Contenu',
  'notices.recordedBy': 'Saisi par',
  'notices.kind.funders_informed': 'Financeurs informés',
  'notices.kind.cdiae_informed': 'CDIAE informé',
  'notices.kind.other': 'Autre information',
  'notices.delete': 'Supprimer',
  'notices.confirmDelete': 'Supprimer l’information du {date} ({recipients}) ?',
  'notices.add': 'Enregistrer une information',
  'notices.recipientsHint': 'Par exemple : Conseil départemental, Région, DDETS.',
  'notices.submit': 'Enregistrer l’information',
  'notices.created': 'Information enregistrée.',
  'notices.deleted': 'Information supprimée.',
  'notices.beforeIntake':
    'Cette date précède l’accueil de l’accompagnement (le {date}) : saisissez le jour où les partenaires ont été informés.',
  'notices.new.title': 'Nouvelle information des partenaires',
  'notices.new.intro': 'Qui a été informé, quand et de quoi : financeurs, CDIAE ou autres partenaires.',
} as const;
