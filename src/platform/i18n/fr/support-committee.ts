/** French strings of the comité d'appui area (issue 19). */
export const supportCommitteeFr = {
  'supportCommittee.nav': 'Comité d’appui',
  'supportCommittee.title': 'Comité d’appui',
  'supportCommittee.intro':
    'Le comité d’appui de l’opérateur examine les diagnostics, les plans de parcours et les cahiers des charges avant les consultations, et rend un avis sur chacun.',
  'supportCommittee.choose': '— Choisir —',
  'supportCommittee.outsideMember':
    'Vous consultez cet ordre du jour comme membre du comité d’appui : les résumés et les avis, sans le diagnostic ni le parcours complets.',

  'supportCommittee.fields.meetsOn': 'Date de la séance',
  'supportCommittee.fields.location': 'Lieu',
  'supportCommittee.fields.operator': 'Opérateur',
  'supportCommittee.fields.agenda': 'Ordre du jour',

  'supportCommittee.status.planned': 'Prévue',
  'supportCommittee.status.held': 'Tenue',
  'supportCommittee.status.cancelled': 'Annulée',

  'supportCommittee.kind.funder': 'Financeur',
  'supportCommittee.kind.network': 'Réseau',
  'supportCommittee.kind.resource_centre': 'Centre de ressources',
  'supportCommittee.kind.expert': 'Expert·e',
  'supportCommittee.kind.operator': 'Opérateur',

  'supportCommittee.subject.diagnostic': 'Diagnostic',
  'supportCommittee.subject.plan': 'Plan de parcours',
  'supportCommittee.subject.terms_of_reference': 'Cahier des charges',

  'supportCommittee.opinions.favorable': 'Favorable',
  'supportCommittee.opinions.favorable_with_reservations': 'Favorable avec réserves',
  'supportCommittee.opinions.rework': 'À retravailler',
  'supportCommittee.opinions.unfavorable': 'Défavorable',

  'supportCommittee.members.title': 'Membres du comité d’appui',
  'supportCommittee.members.intro':
    'Financeurs, réseaux, centres de ressources, experts et équipe de l’opérateur. Un membre relié à un compte Jalons consulte les ordres du jour (résumés et avis) des séances.',
  'supportCommittee.members.none': 'Aucun membre n’est encore inscrit.',
  'supportCommittee.members.add': 'Ajouter un membre',
  'supportCommittee.members.addButton': 'Ajouter au comité',
  'supportCommittee.members.editTitle': 'Modifier un membre du comité d’appui',
  'supportCommittee.members.name': 'Prénom et nom',
  'supportCommittee.members.kind': 'Qualité',
  'supportCommittee.members.organisation': 'Organisation',
  'supportCommittee.members.organisationHint':
    'Choisissez une organisation connue de Jalons, ou laissez « autre » et saisissez son nom ci-dessous.',
  'supportCommittee.members.typedOrganisation': '— Autre organisation (saisir son nom) —',
  'supportCommittee.members.organisationName': 'Nom de l’organisation',
  'supportCommittee.members.organisationRequired': 'Choisissez l’organisation du membre ou saisissez son nom.',
  'supportCommittee.members.account': 'Compte Jalons',
  'supportCommittee.members.accountHint':
    'Relié à un compte, le membre voit les ordres du jour des séances (résumés et avis) quand il est actif.',
  'supportCommittee.members.noAccount': '— Sans compte Jalons —',
  'supportCommittee.members.noAccountShort': 'Sans compte',
  'supportCommittee.members.active': 'Membre actif',
  'supportCommittee.members.isActive': 'Actif',
  'supportCommittee.members.isInactive': 'Inactif',
  'supportCommittee.members.userNotAllowed':
    'Choisissez le compte d’un financeur, d’un relais ou d’une équipe d’opérateur : prestataires et structures ne siègent pas au comité d’appui.',
  'supportCommittee.members.added': '{name} est ajouté·e au comité d’appui.',
  'supportCommittee.members.updated': 'La fiche de {name} est enregistrée.',

  'supportCommittee.meetings.title': 'Séance du comité d’appui du {date}',
  'supportCommittee.meetings.none': 'Aucune séance du comité d’appui n’est enregistrée.',
  'supportCommittee.meetings.new': 'Prévoir une séance',
  'supportCommittee.meetings.newTitle': 'Prévoir une séance du comité d’appui',
  'supportCommittee.meetings.editTitle': 'Modifier la séance prévue',
  'supportCommittee.meetings.create': 'Prévoir la séance',
  'supportCommittee.meetings.meetsOnHint':
    'Le jour prévu ; une séance passée s’enregistre aussi, puis se déclare tenue.',
  'supportCommittee.meetings.created': 'La séance est prévue. Ajoutez les parcours à son ordre du jour.',
  'supportCommittee.meetings.updated': 'La séance est enregistrée.',
  'supportCommittee.meetings.conflict':
    'Quelqu’un a modifié cette séance entre-temps : vérifiez les champs puis enregistrez à nouveau.',
  'supportCommittee.meetings.notPlanned': 'Seule une séance prévue peut être modifiée.',
  'supportCommittee.meetings.itemCount': '{n, plural, =0 {aucun point} one {# point} other {# points}}',
  'supportCommittee.meetings.opinionCount': '{n, plural, =0 {aucun avis} one {# avis} other {# avis}}',

  'supportCommittee.transition.title': 'Statut de la séance',
  'supportCommittee.transition.current': 'Statut actuel : {status}.',
  'supportCommittee.transition.hold': 'Déclarer la séance tenue',
  'supportCommittee.transition.cancel': 'Annuler la séance',
  'supportCommittee.transition.happenedOn.hold': 'Jour où la séance s’est tenue',
  'supportCommittee.transition.happenedOn.cancel': 'Jour de l’annulation',
  'supportCommittee.transition.reason': 'Motif de l’annulation',
  'supportCommittee.transition.comment': 'Commentaire (facultatif)',
  'supportCommittee.transition.invalid': 'Ce changement de statut n’est pas possible pour cette séance.',
  'supportCommittee.transition.reasonRequired': 'Indiquez le motif de l’annulation.',
  'supportCommittee.transition.noAgenda':
    'Ajoutez d’abord au moins un parcours à l’ordre du jour : une séance se tient sur un ordre du jour.',
  'supportCommittee.transition.done.hold': 'La séance est tenue : enregistrez l’avis du comité sur chaque point.',
  'supportCommittee.transition.done.cancel': 'La séance est annulée.',

  'supportCommittee.log.title': 'Historique de la séance',
  'supportCommittee.log.create': 'Séance prévue',
  'supportCommittee.log.hold': 'Séance tenue',
  'supportCommittee.log.cancel': 'Séance annulée',

  'supportCommittee.items.none': 'L’ordre du jour est vide.',
  'supportCommittee.items.add': 'Ajouter un point à l’ordre du jour',
  'supportCommittee.items.newTitle': 'Ajouter un parcours à l’ordre du jour',
  'supportCommittee.items.addButton': 'Ajouter à l’ordre du jour',
  'supportCommittee.items.pathway': 'Parcours (structure)',
  'supportCommittee.items.pathwayRequired': 'Choisissez le parcours d’une structure de l’opérateur.',
  'supportCommittee.items.closedPathway': '{name} (parcours clos)',
  'supportCommittee.items.noPathway':
    'L’opérateur n’a encore aucun parcours : un parcours s’ouvre depuis une demande ou un accompagnement.',
  'supportCommittee.items.subject': 'Objet',
  'supportCommittee.items.accompaniment': 'Accompagnement concerné',
  'supportCommittee.items.accompanimentHint':
    'Pour un cahier des charges, l’accompagnement dont la consultation attend l’avis du comité ; facultatif pour un diagnostic ou un plan.',
  'supportCommittee.items.noAccompaniment': '— Aucun accompagnement en particulier —',
  'supportCommittee.items.accompanimentRequired': 'Un cahier des charges porte sur un accompagnement : choisissez-le.',
  'supportCommittee.items.accompanimentNotOfStructure':
    'Choisissez un accompagnement de l’opérateur auquel participe la structure de ce parcours.',
  'supportCommittee.items.summary': 'Résumé pour le comité',
  'supportCommittee.items.summaryHint':
    'Ce que lisent les membres du comité, y compris ceux extérieurs à l’opérateur : ils ne voient ni le diagnostic ni le parcours complets.',
  'supportCommittee.items.position': 'Rang dans l’ordre du jour',
  'supportCommittee.items.positionHint': 'Laissez vide pour l’ajouter à la fin.',
  'supportCommittee.items.about': 'Accompagnement :',
  'supportCommittee.items.added': 'Le point est ajouté à l’ordre du jour.',
  'supportCommittee.items.remove': 'Retirer de l’ordre du jour',
  'supportCommittee.items.confirmRemove': 'Retirer ce point de l’ordre du jour ?',
  'supportCommittee.items.removed': 'Le point est retiré de l’ordre du jour.',
  'supportCommittee.items.hasOpinion': 'Ce point a reçu un avis : il reste à l’ordre du jour de la séance.',
  'supportCommittee.items.meetingCancelled': 'Cette séance est annulée : prévoyez-en une autre.',

  'supportCommittee.opinion.title': 'Avis du comité d’appui',
  'supportCommittee.opinion.opinion': 'Avis',
  'supportCommittee.opinion.comment': 'Commentaire',
  'supportCommittee.opinion.commentHint':
    'Obligatoire sauf pour un avis favorable : les réserves, ce qui est à retravailler, ou les raisons du refus.',
  'supportCommittee.opinion.commentRequired':
    'Précisez les réserves, ce qui est à retravailler ou les raisons de l’avis défavorable.',
  'supportCommittee.opinion.on': 'Date de l’avis',
  'supportCommittee.opinion.onHint': 'Le jour où le comité s’est prononcé : pas avant la séance, pas dans le futur.',
  'supportCommittee.opinion.beforeMeeting': 'L’avis ne peut pas précéder la séance du {date}.',
  'supportCommittee.opinion.notHeld': 'Déclarez d’abord la séance tenue : le comité rend ses avis en séance.',
  'supportCommittee.opinion.submit': 'Enregistrer l’avis',
  'supportCommittee.opinion.record': 'Enregistrer l’avis',
  'supportCommittee.opinion.change': 'Modifier l’avis',
  'supportCommittee.opinion.recorded': 'L’avis sur le parcours {de:name} est enregistré.',
  'supportCommittee.opinion.givenOn': 'rendu le {date}',
  'supportCommittee.opinion.none': 'Pas encore d’avis.',

  'supportCommittee.minutes.title': 'Compte rendu',
  'supportCommittee.minutes.none': 'Pas encore de compte rendu.',
  'supportCommittee.minutes.write': 'Rédiger le compte rendu',
  'supportCommittee.minutes.edit': 'Modifier le compte rendu',
  'supportCommittee.minutes.saved': 'Le compte rendu est enregistré.',
  'supportCommittee.minutes.notHeld': 'Le compte rendu s’écrit une fois la séance tenue.',

  'supportCommittee.print.link': 'Version à imprimer',
  'supportCommittee.print.title': 'Ordre du jour à imprimer',
  'supportCommittee.print.heading': 'Comité d’appui — {operator}',
  'supportCommittee.print.back': 'Retour à la séance',

  'supportCommittee.gate.refused':
    'Le comité d’appui doit d’abord rendre un avis favorable (ou favorable avec réserves) sur cet accompagnement, ou sur le diagnostic ou le plan du parcours de chacune de ses structures : inscrivez-le à l’ordre du jour d’une séance du comité d’appui et enregistrez son avis. À défaut, la direction peut accorder une dérogation motivée.',
  'supportCommittee.gate.opinionAfterDate':
    'L’avis favorable du comité d’appui est postérieur à la date choisie : la consultation s’ouvre au plus tôt le jour de cet avis.',

  'supportCommittee.case.label': 'Comité d’appui',
  'supportCommittee.case.none': 'pas encore d’avis sur cet accompagnement ni sur les parcours de ses structures.',
  'supportCommittee.case.opinionOn': 'avis du {date}',
  'supportCommittee.case.notYetOpen': '(la consultation attend un avis favorable)',
  'supportCommittee.case.exempt': 'ce type d’accompagnement est dispensé d’avis par les réglages de l’opérateur.',
  'supportCommittee.case.override': 'dérogation accordée le {date} par {name}',

  'supportCommittee.override.link': 'Accorder une dérogation',
  'supportCommittee.override.title': 'Ouvrir la consultation sans avis du comité d’appui',
  'supportCommittee.override.intro':
    'La direction ou un administrateur peut laisser la consultation s’ouvrir avant l’avis favorable du comité d’appui. La décision, sa date et son motif sont conservés, affichés sur l’accompagnement et tracés dans le journal d’audit.',
  'supportCommittee.override.reason': 'Motif de la dérogation',
  'supportCommittee.override.reasonHint':
    'Par exemple : urgence de la structure, comité reporté, avis rendu hors séance.',
  'supportCommittee.override.decidedOn': 'Date de la décision',
  'supportCommittee.override.submit': 'Accorder la dérogation',
  'supportCommittee.override.recorded':
    'La dérogation est enregistrée : la consultation peut s’ouvrir sans l’avis du comité d’appui.',
  'supportCommittee.override.tooLate':
    'La consultation de cet accompagnement est déjà ouverte : aucune dérogation n’est utile.',

  'supportCommittee.home.heading': 'Comité d’appui',
  'supportCommittee.home.intro': 'Les séances des comités d’appui dont vous êtes membre.',
  'supportCommittee.home.all': 'Toutes les séances',
} as const;
