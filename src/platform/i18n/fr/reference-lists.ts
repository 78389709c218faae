/** French strings of the national lists (/settings/lists, src/reference-lists/). */
export const referenceListsFr = {
  'referenceLists.nav': 'Listes nationales',
  'referenceLists.title': 'Listes nationales',
  'referenceLists.intro':
    'Thèmes, secteurs, formes juridiques et types d’action proposés par les formulaires de tous les opérateurs : les chiffres s’additionnent sur leurs codes.',
  'referenceLists.notOfficial':
    'Ce sont les listes de Jalons, établies à partir des usages des DLA, et non une nomenclature officielle publiée : adaptez-les. Un code ne change jamais ; un élément désactivé n’est plus proposé mais reste lisible sur les fiches qui le portent.',
  'referenceLists.list.theme': 'Thèmes',
  'referenceLists.list.sector': 'Secteurs d’activité',
  'referenceLists.list.legal_form': 'Formes juridiques',
  'referenceLists.list.action_type': 'Types d’action',
  'referenceLists.empty': 'Cette liste est vide.',
  'referenceLists.inactive': 'Désactivé',
  'referenceLists.code': 'Code',
  'referenceLists.codeHint':
    'Lettres minuscules sans accent, chiffres et « _ », par exemple economie_circulaire. Il ne pourra plus être modifié.',
  'referenceLists.labelFr': 'Libellé en français',
  'referenceLists.labelEn': 'Libellé en anglais',
  'referenceLists.position': 'Rang',
  'referenceLists.positionHint':
    'Les éléments sont classés par rang croissant ; laissé vide, l’élément va en fin de liste.',
  'referenceLists.add': 'Ajouter un élément',
  'referenceLists.addSubmit': 'Ajouter',
  'referenceLists.deactivate': 'Désactiver',
  'referenceLists.reactivate': 'Réactiver',
  'referenceLists.added': '« {label} » ajouté.',
  'referenceLists.saved': '« {label} » enregistré.',
  'referenceLists.deactivated': 'Élément désactivé : il n’est plus proposé par les formulaires.',
  'referenceLists.reactivated': 'Élément réactivé.',
  'referenceLists.code.format':
    'Le code s’écrit en lettres minuscules sans accent, chiffres et « _ », en commençant par une lettre ou un chiffre.',
  'referenceLists.code.taken': 'Ce code existe déjà dans cette liste (peut-être désactivé).',
  'referenceLists.position.format': 'Saisissez un rang entier entre 0 et 100 000.',
  'referenceLists.otherThemes': 'Autres thèmes',
  'referenceLists.otherThemesHint': 'Un par ligne, s’ils ne figurent pas dans la liste.',
  'referenceLists.inactiveOption': '{label} (désactivé)',
  'referenceLists.unknownCode': 'Choisissez un élément de la liste.',
};
