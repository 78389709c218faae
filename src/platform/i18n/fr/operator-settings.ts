/** French strings of the operator's settings (/settings/operator). */
export const operatorSettingsFr = {
  'operatorSettings.title': 'Réglages de l’opérateur',
  'operatorSettings.intro':
    'Ce que votre opérateur règle pour son accueil des demandes et son comité d’appui. La direction et l’administration les modifient ; les chargé·es de mission les consultent.',
  'operatorSettings.defaults':
    'Ces réglages n’ont pas encore été enregistrés : les valeurs proposées par défaut s’appliquent.',
  'operatorSettings.intake': 'Accueil des demandes',
  'operatorSettings.criteria': 'Critères d’éligibilité',
  'operatorSettings.criteriaHint':
    'Un critère par ligne, dans vos mots : chaque demande les présente sous forme de cases à cocher.',
  'operatorSettings.criteria.required': 'Indiquez au moins un critère d’éligibilité.',
  'operatorSettings.reminderDays': 'Délai de relance (en jours)',
  'operatorSettings.reminderDaysHint':
    'Une demande restée sans réponse plus longtemps que ce délai apparaît sur l’accueil des chargé·es de mission.',
  'operatorSettings.reminderDays.range': 'Saisissez un nombre de jours entre 1 et 365.',
  'operatorSettings.reminderDaysValue':
    'Relance des demandes sans réponse après {days, plural, one {# jour} other {# jours}}.',
  'operatorSettings.committee': 'Comité d’appui',
  'operatorSettings.exemptHint':
    'Les accompagnements de ces types peuvent ouvrir leur mise en concurrence sans avis favorable du comité d’appui.',
  'operatorSettings.exempt.individual': 'Accompagnements individuels dispensés du comité d’appui',
  'operatorSettings.exempt.collective': 'Accompagnements collectifs dispensés du comité d’appui',
  'operatorSettings.noExempt': 'Aucun type d’accompagnement n’est dispensé du comité d’appui.',
  'operatorSettings.readOnly': 'Seules la direction et l’administration de l’opérateur modifient ces réglages.',
  'operatorSettings.saved': 'Réglages enregistrés.',
  'operatorSettings.link': 'Réglages de l’accueil',
};
