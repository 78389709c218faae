/** French strings of the diagnostics area (with the uploads and documents it brings). */
export const diagnosticsFr = {
  'diagnostics.title': 'Diagnostic partagé',
  'diagnostics.empty': 'Le diagnostic partagé n’est pas encore rédigé.',
  'diagnostics.notWritten': 'Non renseigné.',
  'diagnostics.contentReserved':
    'Le contenu du diagnostic (constats, contexte, préconisations, pièces jointes) est réservé à l’opérateur, aux structures accompagnées et au prestataire retenu.',
  'diagnostics.write.action': 'Rédiger le diagnostic',
  'diagnostics.edit.action': 'Modifier le diagnostic',
  'diagnostics.edit.title': 'Diagnostic partagé',
  'diagnostics.edit.textHint': 'Une idée par ligne. Commencez une ligne par « - » pour en faire une liste à puces.',
  'diagnostics.edit.validatedWarning':
    'Ce diagnostic a déjà été validé par {count, plural, one {# structure} other {# structures}}.',
  'diagnostics.edit.validatedRule':
    'Si vous modifiez son contenu (constats, contexte, préconisations ou objectifs), ces validations seront annulées : les structures devront valider la nouvelle version. Corriger seulement les jours ou la date de rédaction les conserve.',
  'diagnostics.saved': 'Diagnostic enregistré.',
  'diagnostics.conflict':
    'Quelqu’un a modifié ce diagnostic pendant que vous l’éditiez. Vos saisies sont conservées ci-dessous : vérifiez-les puis enregistrez de nouveau pour remplacer la version actuelle.',
  'diagnostics.validationsWithdrawn':
    'Le contenu a changé : {count, plural, one {la validation de # structure est annulée. Elle doit} other {les validations de # structures sont annulées. Elles doivent}} valider la nouvelle version.',
  'diagnostics.closed.validated':
    'Le diagnostic est validé et l’accompagnement est passé à l’étape suivante : il ne peut plus être modifié.',
  'diagnostics.closed.ended': 'L’accompagnement est clos : le diagnostic ne peut plus être modifié.',

  'diagnostics.fields.findings': 'Constats',
  'diagnostics.fields.context': 'Contexte',
  'diagnostics.fields.recommendations': 'Préconisations',
  'diagnostics.fields.days': 'Jours de diagnostic',
  'diagnostics.fields.writtenOn': 'Rédigé le',
  'diagnostics.hints.findings': 'Ce que le diagnostic a établi avec les dirigeants des structures.',
  'diagnostics.hints.context': 'Environnement, financements, liens déjà existants entre structures…',
  'diagnostics.hints.recommendations': 'Les préconisations et objectifs généraux de l’accompagnement.',
  'diagnostics.hints.days': 'Par exemple 5 ou 2,5.',

  'diagnostics.objectives.title': 'Objectifs par thème',
  'diagnostics.objectives.hint': 'Un thème par ligne et l’objectif visé. Les lignes vides sont ignorées.',
  'diagnostics.objectives.moreRows':
    'Besoin de plus de lignes ? Enregistrez : trois lignes vides s’ajoutent à chaque fois.',
  'diagnostics.objectives.theme': 'Thème',
  'diagnostics.objectives.aim': 'Objectif visé',
  'diagnostics.objectives.themeN': 'Thème n° {n}',
  'diagnostics.objectives.aimN': 'Objectif visé n° {n}',
  'diagnostics.objectives.none': 'Aucun objectif par thème pour l’instant.',
  'diagnostics.objectives.themeRequired': 'Ligne {n} : indiquez le thème de cet objectif.',
  'diagnostics.objectives.tooMany': '{max} thèmes au maximum.',

  'diagnostics.validation.board': 'Validation par les structures',
  'diagnostics.validation.title': 'Validation du diagnostic partagé',
  'diagnostics.validation.intro':
    'Chaque structure accompagnée valide (signe) le diagnostic partagé. Indiquez la date et le nom du ou de la signataire.',
  'diagnostics.validation.structure': 'Structure',
  'diagnostics.validation.status': 'Validation',
  'diagnostics.validation.done': 'Validé',
  'diagnostics.validation.awaiting': 'En attente',
  'diagnostics.validation.onBy': 'le {date} par {name}',
  'diagnostics.validation.noStructure': 'Aucune structure active dans l’accompagnement.',
  'diagnostics.validation.notNeeded': 'Sortie du processus, sans validation requise',
  'diagnostics.validation.choosePlaceholder': '— Choisir une structure —',
  'diagnostics.validation.chooseStructure': 'Choisissez la structure qui valide.',
  'diagnostics.validation.validatedOn': 'Date de validation',
  'diagnostics.validation.signatory': 'Nom du ou de la signataire',
  'diagnostics.validation.signatoryHint': 'La personne qui a validé au nom de la structure (présidence, direction…).',
  'diagnostics.validation.selfIntro': 'Valider le diagnostic au nom de la structure « {name} »',
  'diagnostics.validation.record': 'Enregistrer la validation',
  'diagnostics.validation.validate': 'Valider le diagnostic',
  'diagnostics.validation.recorded': 'Validation du diagnostic par la structure « {name} » enregistrée.',
  'diagnostics.validation.already': 'La structure « {name} » a déjà validé ce diagnostic.',
  'diagnostics.validation.notActive': 'Cette structure ne fait pas (ou plus) partie de l’accompagnement.',
  'diagnostics.validation.nothingToValidate': 'Le diagnostic n’est pas encore rédigé : il n’y a rien à valider.',
  'diagnostics.validation.nonePending': 'Aucune validation en attente.',
  'diagnostics.validation.delete': 'Annuler la validation',
  'diagnostics.validation.confirmDelete':
    'Annuler la validation de la structure « {name} » ? Elle devra valider de nouveau.',
  'diagnostics.validation.deleted': 'La validation de la structure « {name} » est annulée.',
  'diagnostics.validation.beforeIntake':
    'Cette date précède l’accueil de l’accompagnement (le {date}) : la validation ne peut pas être antérieure.',
  'diagnostics.validation.beforeJoined':
    'Cette date précède l’entrée de la structure dans l’accompagnement (le {date}).',

  'diagnostics.attachments.title': 'Pièces jointes du diagnostic',
  'diagnostics.attachments.none': 'Aucune pièce jointe.',
  'diagnostics.attachments.add': 'Joindre un fichier',
  'diagnostics.attachments.added': '« {filename} » est joint au diagnostic.',

  'documents.file': 'Fichier',
  'documents.size': 'Taille',
  'documents.sizeKb': '{size} Ko',
  'documents.uploaded': 'Déposé',
  'documents.uploadedOnBy': 'le {date} par {name}',
  'documents.upload': 'Envoyer le fichier',
  'documents.accepted': 'Formats acceptés : {types}. {max} Mo au maximum.',
  'documents.chooseAgain':
    'Pour votre sécurité, le navigateur ne garde pas le fichier choisi : choisissez-le de nouveau.',
  'documents.delete': 'Supprimer',
  'documents.confirmDelete': 'Supprimer « {filename} » ?',
  'documents.deleted': '« {filename} » est supprimé.',
  'documents.missing.title': 'Fichier introuvable',
  'documents.missing.text':
    'Fichier introuvable : « {filename} » est bien enregistré, mais son contenu n’est plus disponible sur le serveur. Prévenez l’administrateur de Jalons.',

  'uploads.missing': 'Choisissez un fichier à envoyer.',
  'uploads.empty': 'Ce fichier est vide.',
  'uploads.tooBig': 'Ce fichier est trop volumineux : {max} Mo au maximum.',
  'uploads.badType':
    'Ce type de fichier n’est pas accepté. Formats acceptés : {types}. Le format est reconnu d’après le contenu du fichier, pas d’après son nom.',
  'uploads.malformed': 'L’envoi du fichier n’a pas abouti. Réessayez avec un seul fichier.',
  'diagnostics.objectives.prefilled':
    'Une ligne par thème de l’accompagnement, reprise de sa fiche : écrivez l’objectif visé de chacun, videz les lignes inutiles. Le champ « Thème » propose aussi la liste nationale des thèmes.',
} as const;
