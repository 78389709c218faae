/** French strings of the home's « À faire » list (src/home/todo.ts). */
export const todoFr = {
  'todo.title': 'À faire',
  'todo.none': 'Rien ne vous attend pour l’instant.',
  'todo.more': '{count, plural, one {et # autre chose à faire} other {et # autres choses à faire}}',
  'todo.dueOn': 'pour le {date}',
  'todo.overdueSince': 'en retard depuis le {date}',
  'todo.since': 'depuis le {date}',
  'todo.kind.deliverable_review': 'Examiner le livrable « {label} »',
  'todo.kind.convention_signatures': 'Recueillir les signatures de la convention (version {label})',
  'todo.kind.report_due': 'Rédiger le rapport d’étape : {label}',
  'todo.kind.bid_to_score': 'Noter l’offre de {label}',
  'todo.kind.committee_opinion': 'Consigner l’avis du comité d’appui : {label}',
  'todo.kind.diagnostic_validate': 'Valider le diagnostic partagé',
  'todo.kind.convention_sign': 'Signer la convention (version {label})',
  'todo.kind.survey_answer': 'Répondre au questionnaire de satisfaction',
  'todo.kind.deliverable_due': 'Remettre le livrable « {label} »',
  'todo.kind.session_to_log': 'Compléter la séance « {label} »',
} as const;
