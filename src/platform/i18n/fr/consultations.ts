/** French strings of the consultations area. */
export const consultationsFr = {
  'consultations.title': 'Mise en concurrence des prestataires',
  'consultations.pageTitle': 'Mise en concurrence — {title}',
  'consultations.intro':
    'Appel à compétences restreint : cahier des charges, prestataires sollicités, propositions, notation et sélection.',
  'consultations.open': 'Ouvrir la mise en concurrence',

  'consultations.terms.title': 'Cahier des charges',
  'consultations.terms.edit': 'Modifier le cahier des charges et la grille',
  'consultations.terms.editTitle': 'Cahier des charges et grille de notation',
  'consultations.terms.none': 'Le cahier des charges n’est pas encore rédigé.',
  'consultations.terms.saved': 'Cahier des charges et grille de notation enregistrés.',
  'consultations.terms.conflict':
    'Quelqu’un a modifié le cahier des charges ou la grille pendant que vous les éditiez. Vos saisies sont conservées ci-dessous : vérifiez-les puis enregistrez de nouveau pour remplacer la version actuelle.',
  'consultations.terms.prefilled': 'Champs préremplis à partir de l’accompagnement : vérifiez-les avant d’enregistrer.',
  'consultations.fields.objectives': 'Objectifs de l’intervention',
  'consultations.fields.days': 'Nombre de jours',
  'consultations.fields.budgetEur': 'Budget maximum (€)',
  'consultations.fields.deadline': 'Date limite de réponse',
  'consultations.fields.launchedOn': 'Date de lancement',
  'consultations.fields.daysHint': 'Une ingénierie compte en général 2 à 5 jours.',

  'consultations.criteria.legend': 'Grille de notation',
  'consultations.criteria.hint':
    'Un critère par ligne avec sa note maximale. Laissez une ligne vide pour l’ignorer ; videz une ligne existante pour supprimer le critère (et ses notes).',
  'consultations.criteria.label': 'Critère',
  'consultations.criteria.max': 'Note maximale',
  'consultations.criteria.rowLabel': 'Critère n° {n}',
  'consultations.criteria.rowMax': 'Note maximale du critère n° {n}',
  'consultations.criteria.none': 'Aucune grille de notation n’est encore définie.',
  'consultations.criteria.total': 'Total de la grille',
  'consultations.criteria.outOf': '{points} points',
  'consultations.criteria.atLeastOne': 'Indiquez au moins un critère de notation.',
  'consultations.criteria.maxInvalid': 'Indiquez un nombre entier de points entre 1 et 1 000.',
  'consultations.criteria.labelMissing': 'Donnez un intitulé à ce critère.',
  'consultations.criteria.belowScores':
    'Des notes déjà saisies dépassent ce maximum ({score}) : corrigez d’abord ces notes.',
  'consultations.criteria.default.understanding': 'Compréhension de la demande',
  'consultations.criteria.default.method': 'Méthodologie proposée',
  'consultations.criteria.default.experience': 'Expérience et références',
  'consultations.criteria.default.price': 'Prix',
  'consultations.criteria.defaultUsed':
    'Grille proposée par défaut (70 points) : adaptez-la si besoin puis enregistrez.',

  'consultations.bids.title': 'Prestataires sollicités et propositions',
  'consultations.bids.none': 'Aucun prestataire n’a encore été sollicité. On en sollicite en général 3 ou 4.',
  'consultations.bids.rank': 'Rang',
  'consultations.bids.provider': 'Prestataire',
  'consultations.bids.status': 'Statut',
  'consultations.bids.invitedOn': 'Sollicité le',
  'consultations.bids.receivedOn': 'Reçue le',
  'consultations.bids.days': 'Jours',
  'consultations.bids.price': 'Prix (€)',
  'consultations.bids.dayRate': 'Prix / jour',
  'consultations.bids.total': 'Note',
  'consultations.bids.totalValue': '{total} / {max}',
  'consultations.bids.notScored': 'non notée',
  'consultations.bids.partlyScored': 'notation incomplète',
  'consultations.bids.count':
    '{count, plural, one {# prestataire sollicité} other {# prestataires sollicités}}, {proposals, plural, one {# proposition reçue} other {# propositions reçues}}.',
  'consultations.bids.status.invited': 'Sollicité',
  'consultations.bids.status.proposed': 'Proposition reçue',
  'consultations.bids.status.declined': 'A décliné',
  'consultations.bids.status.selected': 'Retenu',
  'consultations.bids.status.not_selected': 'Non retenu',
  'consultations.bids.recordProposal': 'Saisir la proposition',
  'consultations.bids.editProposal': 'Modifier la proposition',
  'consultations.bids.score': 'Noter',

  'consultations.invite.legend': 'Solliciter un prestataire',
  'consultations.invite.provider': 'Prestataire référencé',
  'consultations.invite.choose': '— Choisir un prestataire —',
  'consultations.invite.date': 'Sollicité le',
  'consultations.invite.submit': 'Solliciter',
  'consultations.invite.done': '{name} est sollicité·e pour cette mise en concurrence.',
  'consultations.invite.duplicate': 'Ce prestataire est déjà sollicité.',
  'consultations.invite.notProvider': 'Choisissez un prestataire dans la liste.',
  'consultations.invite.noneLeft': 'Tous les prestataires enregistrés sont déjà sollicités.',

  'consultations.proposal.title': 'Proposition {de:name}',
  'consultations.proposal.invitedOn': 'Sollicité le {date}.',
  'consultations.proposal.outcome': 'Réponse du prestataire',
  'consultations.proposal.outcome.proposed': 'A remis une proposition',
  'consultations.proposal.outcome.declined': 'A décliné la sollicitation',
  'consultations.proposal.receivedOn': 'Date de réception',
  'consultations.proposal.days': 'Nombre de jours proposés',
  'consultations.proposal.price': 'Prix proposé (€)',
  'consultations.proposal.method': 'Méthode proposée',
  'consultations.proposal.methodHint': 'En quelques lignes : démarche, étapes, intervenant·es.',
  'consultations.proposal.saved': 'Proposition {de:name} enregistrée.',
  'consultations.proposal.conflict':
    'Quelqu’un a enregistré une autre réponse de ce prestataire pendant votre saisie. Vos saisies sont conservées ci-dessous : vérifiez-les puis enregistrez de nouveau pour remplacer la version actuelle.',
  'consultations.proposal.declinedSaved': '{name} a décliné : c’est enregistré.',
  'consultations.proposal.submit': 'Enregistrer',

  'consultations.scores.title': 'Notation de la proposition {de:name}',
  'consultations.scores.intro':
    'Notez chaque critère entre 0 et sa note maximale. Le total est comparé à celui de la grille.',
  'consultations.scores.criterion': 'Critère',
  'consultations.scores.points': 'Note',
  'consultations.scores.max': 'Maximum',
  'consultations.scores.pointsFor': 'Note pour « {label} » (sur {max})',
  'consultations.scores.total': 'Total',
  'consultations.scores.saved': 'Notation {de:name} enregistrée : {total} / {max}.',
  'consultations.scores.conflict':
    'Quelqu’un a noté cette proposition pendant votre saisie. Vos notes sont conservées ci-dessous : vérifiez-les puis enregistrez de nouveau pour remplacer la notation actuelle.',
  'consultations.scores.outOfRange': 'La note doit être comprise entre 0 et {max}.',
  'consultations.scores.notANumber': 'Saisissez une note, par exemple 15 ou 15,5.',
  'consultations.scores.noCriteria': 'Définissez d’abord la grille de notation dans le cahier des charges.',
  'consultations.scores.noProposal':
    'Enregistrez d’abord la proposition de ce prestataire : on ne note qu’une proposition reçue.',
  'consultations.scores.submit': 'Enregistrer la notation',

  'consultations.select.legend': 'Retenir un prestataire (procès-verbal de sélection)',
  'consultations.select.bid': 'Prestataire retenu',
  'consultations.select.choose': '— Choisir une proposition —',
  'consultations.select.bidOption': '{name} — {days} j, {price}',
  'consultations.select.date': 'Date de la sélection',
  'consultations.select.rationale': 'Motivation du choix (PV de sélection)',
  'consultations.select.rationaleHint':
    'Pourquoi cette proposition : notes, adéquation au cahier des charges, prix. Ce texte est le procès-verbal de sélection.',
  'consultations.select.notice':
    'Chaque prestataire ayant remis une proposition recevra un e-mail lui indiquant si sa proposition est retenue ou non (sans les prix des autres).',
  'consultations.select.submit': 'Retenir ce prestataire et notifier les candidats',
  'consultations.select.confirm': 'Retenir ce prestataire et envoyer le résultat à tous les candidats ?',
  'consultations.select.done':
    '{name} est retenu·e. {mails, plural, one {# e-mail de résultat mis} other {# e-mails de résultat mis}} en file d’envoi.',
  'consultations.select.noProposal':
    'Aucune proposition n’est encore enregistrée : il faut au moins une proposition reçue pour retenir un prestataire.',
  'consultations.select.notAProposal': 'Choisissez une proposition reçue dans la liste.',
  'consultations.select.wrongState':
    'La sélection se fait pendant la mise en concurrence : lancez-la d’abord depuis l’état de l’accompagnement.',
  'consultations.select.beforeIntake': 'Cette date précède l’accueil de l’accompagnement (le {date}).',
  'consultations.select.beforeLaunch':
    'Cette date précède le lancement de l’appel à compétences (le {date}) : la sélection vient après.',
  'consultations.select.beforeProposal':
    'Cette date précède la dernière proposition reçue (le {date}) : la sélection se fait une fois les propositions reçues.',
  'consultations.select.noMail':
    'Ne pas envoyer d’e-mail : les candidats ont déjà été informés en dehors de Jalons (vous enregistrerez ensuite quand et comment).',
  'consultations.select.unreachable':
    'Sans adresse e-mail connue, ces candidats ne recevront rien : {names}. Prévenez-les autrement, puis enregistrez quand et comment.',
  'consultations.select.unreached':
    'Des candidats n’ont pas reçu d’e-mail : enregistrez quand et comment vous les avez prévenus.',
  'consultations.select.already':
    'Un prestataire est déjà retenu : annulez d’abord la sélection pour en choisir un autre.',

  'consultations.selected.title': 'Prestataire retenu',
  'consultations.selected.provider': 'Prestataire',
  'consultations.selected.proposal': 'Proposition',
  'consultations.selected.proposalValue': '{days} j · {price}',
  'consultations.selected.on': 'Sélection du',
  'consultations.selected.by': 'Par',
  'consultations.selected.rationale': 'Procès-verbal de sélection',
  'consultations.selected.notified': 'Résultat notifié le {date}.',
  'consultations.selected.notNotified': 'résultat non notifié',
  'consultations.selected.notifiedBy': 'notifié le {date} ({channel})',
  'consultations.channel.email': 'par e-mail',
  'consultations.channel.phone': 'par téléphone',
  'consultations.channel.letter': 'par courrier',
  'consultations.channel.in_person': 'remis en main propre',
  'consultations.channelOption.phone': 'Téléphone',
  'consultations.channelOption.letter': 'Courrier',
  'consultations.channelOption.in_person': 'Remis en main propre',
  'consultations.channelOption.email': 'E-mail envoyé hors de Jalons',
  'consultations.notify.legend': 'Enregistrer comment le résultat a été notifié',
  'consultations.notify.date': 'Date de la notification',
  'consultations.notify.channel': 'Moyen',
  'consultations.notify.submit': 'Enregistrer la notification',
  'consultations.notify.done': 'Notification du résultat à {name} enregistrée.',
  'consultations.notify.noDecision': 'Aucun prestataire n’est retenu : il n’y a pas encore de résultat à notifier.',
  'consultations.notify.notABidder':
    'Ce candidat n’a pas remis de proposition : il n’y a pas de résultat à lui notifier.',
  'consultations.notify.already': 'Le résultat a déjà été notifié à ce candidat.',
  'consultations.notify.beforeSelection': 'Cette date précède la sélection (le {date}) : le résultat se notifie après.',
  'consultations.selected.notifications': 'Notifications aux candidats',
  'consultations.selected.pending': 'Aucun prestataire n’est encore retenu.',

  'consultations.budget.differs':
    'La proposition retenue ({days} j, {price}) diffère du budget de l’accompagnement ({budgetDays} j, {budgetEur}). Modifiez le budget si besoin.',
  'consultations.budget.offer':
    'Le budget de l’accompagnement n’est pas encore complet : reporter la proposition retenue ({days} j, {price}) dans les champs vides ?',
  'consultations.budget.apply': 'Reporter dans le budget',
  'consultations.budget.applied': 'Budget de l’accompagnement complété à partir de la proposition retenue.',
  'consultations.budget.nothingToApply': 'Le budget de l’accompagnement est déjà renseigné : rien n’a été modifié.',

  'consultations.unselect.legend': 'Annuler la sélection',
  'consultations.unselect.hint':
    'Réservé aux erreurs ou désistements : la raison est conservée dans le journal d’audit. Les propositions redeviennent « reçues » et un nouveau choix pourra être fait.',
  'consultations.unselect.reason': 'Raison de l’annulation',
  'consultations.unselect.submit': 'Annuler la sélection',
  'consultations.unselect.confirm': 'Annuler la sélection du prestataire ? Il perdra l’accès à l’accompagnement.',
  'consultations.unselect.done': 'La sélection est annulée. Vous pouvez retenir une autre proposition.',
  'consultations.unselect.wrongState':
    'L’accompagnement a quitté la mise en concurrence : la sélection ne peut plus être changée.',
  'consultations.unselect.nothing': 'Aucun prestataire n’est retenu.',

  'consultations.locked.selected':
    'Un prestataire est retenu : la mise en concurrence est figée. Annulez d’abord la sélection pour la modifier.',
  'consultations.locked.state':
    'L’accompagnement a dépassé l’étape de mise en concurrence : elle n’est plus modifiable.',

  'consultations.outcome.title': 'Prestataire retenu',
  'consultations.outcome.text': '{name} : {days} jours d’intervention pour {price}.',

  'consultations.validation.negative': 'Saisissez un nombre positif.',
  'consultations.validation.positive': 'Saisissez un nombre supérieur à zéro.',

  'consultations.mail.subject': 'Appel à compétences « {title} » : résultat',
  'consultations.mail.selected':
    'Bonjour,\n\nNous vous remercions pour la proposition que vous avez remise dans le cadre de l’appel à compétences restreint « {title} » ({operator}).\n\nNous avons le plaisir de vous informer que votre proposition est retenue ({days} jours, {price}). Nous reviendrons vers vous très prochainement pour préparer la convention d’accompagnement.\n\nBien cordialement,\n{operator}',
  'consultations.mail.notSelected':
    'Bonjour,\n\nNous vous remercions pour la proposition que vous avez remise dans le cadre de l’appel à compétences restreint « {title} » ({operator}).\n\nNous sommes au regret de vous informer que votre proposition n’a pas été retenue. Nous vous remercions du temps consacré à votre réponse et espérons vous solliciter de nouveau.\n\nBien cordialement,\n{operator}',
} as const;
