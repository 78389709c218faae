/** French strings of the intake register (accueil des demandes). */
export const intakeFr = {
  'intake.nav': 'Accueil des demandes',
  'intake.title': 'Accueil des demandes',
  'intake.intro':
    'Chaque demande reçue par l’opérateur, d’où elle vient et ce qu’il en est advenu : diagnostic, orientation, non-éligibilité ou absence de suite.',
  'intake.empty': 'Aucune demande ne correspond à ces filtres.',
  'intake.new.title': 'Enregistrer une demande',
  'intake.new.intro':
    'Une structure vous sollicite : notez qui, quand, par quel canal et pour quel besoin, puis qui la suit.',
  'intake.new.submit': 'Enregistrer la demande',
  'intake.show.title': 'Demande {de:name}',
  'intake.created': 'La demande est enregistrée.',
  'intake.reopened': 'La demande est de nouveau en attente de réponse.',

  'intake.fieldset.structure': 'Structure',
  'intake.fieldset.contact': 'Contact',
  'intake.fieldset.request': 'Demande',
  'intake.fieldset.eligibility': 'Éligibilité',
  'intake.fieldset.owner': 'Suivi',

  'intake.structure': 'Structure',
  'intake.structure.search': 'Chercher une structure dans tout l’annuaire',
  'intake.structure.searchHint':
    'La liste ci-dessous propose les structures du département {department} ; cherchez ici une structure d’ailleurs.',
  'intake.structure.searchHintAll': 'Tapez une partie de son nom.',
  'intake.structure.searchSubmit': 'Chercher',
  'intake.structure.existing': 'Structure déjà dans l’annuaire',
  'intake.structure.new': 'Nouvelle structure',
  'intake.structure.pickLabel': 'Structure de l’annuaire',
  'intake.structure.pickBlank': '— Choisissez une structure —',
  'intake.structure.none': '— Aucune structure trouvée —',
  'intake.structure.found':
    '{count, plural, =0 {Aucune structure} one {# structure} other {# structures}} dont le nom contient « {search} ».',
  'intake.structure.newIntro': 'Nouvelle structure : elle rejoint l’annuaire avec la demande.',
  'intake.structure.newName': 'Nom de la nouvelle structure',
  'intake.structure.pick': 'Choisissez la structure dans la liste, ou indiquez une nouvelle structure.',
  'intake.structure.nameRequired': 'Indiquez le nom de la nouvelle structure.',
  'intake.structure.nameTaken':
    'Une structure de l’annuaire porte déjà ce nom : choisissez-la parmi les structures existantes.',

  'intake.contact.name': 'Personne à contacter',
  'intake.contact.role': 'Sa fonction',
  'intake.contact.roleHint': 'Par exemple : directrice, président, trésorière.',
  'intake.contact.email': 'Son e-mail',
  'intake.contact.phone': 'Son téléphone',

  'intake.receivedOn': 'Reçue le',
  'intake.receivedOnHint': 'Le jour où la demande est arrivée (aujourd’hui au plus tard).',
  'intake.channel': 'Canal',
  'intake.channel.phone': 'Téléphone',
  'intake.channel.email': 'E-mail',
  'intake.channel.event': 'Événement',
  'intake.channel.partner_referral': 'Orientation par un partenaire',
  'intake.channel.other': 'Autre',
  'intake.referredBy': 'Partenaire qui oriente',
  'intake.referredByHint':
    'Obligatoire pour une orientation par un partenaire : France Active, un réseau, une collectivité…',
  'intake.referredBy.required': 'Indiquez le partenaire qui a orienté la structure.',
  'intake.need': 'Besoin exprimé',
  'intake.needHint': 'Dans les mots de la structure.',

  'intake.eligibility.hint': 'Cochez les critères remplis, d’après ce que la structure a dit.',
  'intake.eligibility.notes': 'Remarques sur l’éligibilité',
  'intake.eligibility.none': 'Aucun critère coché.',
  'intake.eligibility.unknown':
    'Un critère coché ne fait plus partie de la liste de l’opérateur : cochez de nouveau les critères proposés.',

  'intake.owner': 'Suivie par',
  'intake.owner.blank': '— Choisissez une personne —',
  'intake.owner.me': 'Moi',
  'intake.owner.required': 'Choisissez la personne de l’opérateur qui suit la demande.',

  'intake.year': 'Année',
  'intake.filter.unanswered': 'Sans réponse depuis plus de (jours)',
  'intake.filter.unansweredHint': 'Laissez vide pour toutes les demandes.',
  'intake.filter.mineLate': 'Mes demandes sans réponse depuis plus de {days, plural, one {# jour} other {# jours}}',
  'intake.filter.allLate':
    'Toutes les demandes sans réponse depuis plus de {days, plural, one {# jour} other {# jours}}',

  'intake.status.received': 'Reçue, sans réponse',
  'intake.status.diagnostic': 'Diagnostic ouvert',
  'intake.status.oriented': 'Orientée',
  'intake.status.not_eligible': 'Non éligible',
  'intake.status.no_follow_up': 'Sans suite',
  'intake.status.invalid': 'Ce changement n’est pas possible pour cette demande.',
  'intake.waiting': '{days, plural, =0 {reçue aujourd’hui} one {depuis # jour} other {depuis # jours}}',
  'intake.outcomeOn': 'le {date}',

  'intake.pathway.link': 'Voir le parcours {de:name}',

  'intake.outcome.heading': 'Suite donnée',
  'intake.outcome.title': 'Donner une suite à la demande',
  'intake.outcome.intro':
    'Un diagnostic ouvre le parcours de la structure ; une orientation, une non-éligibilité ou une absence de suite se justifient.',
  'intake.outcome.choice': 'Suite donnée',
  'intake.outcome.diagnostic': 'Ouvrir le diagnostic partagé (le parcours de la structure s’ouvre)',
  'intake.outcome.oriented': 'Orienter vers un partenaire',
  'intake.outcome.not_eligible': 'Non éligible au DLA',
  'intake.outcome.no_follow_up': 'Sans suite',
  'intake.outcome.on': 'Décidée le',
  'intake.outcome.onHint': 'Pas avant la réception de la demande ({date}), ni dans le futur.',
  'intake.outcome.partner': 'Partenaire',
  'intake.outcome.partnerHint': 'Pour une orientation : France Active, un réseau, un OPCO…',
  'intake.outcome.reason': 'Motif',
  'intake.outcome.reasonHint': 'Obligatoire, sauf pour un diagnostic.',
  'intake.outcome.submit': 'Enregistrer la suite donnée',
  'intake.outcome.partnerRequired': 'Indiquez le partenaire vers lequel la structure est orientée.',
  'intake.outcome.reasonRequired': 'Indiquez le motif.',
  'intake.outcome.already': 'Cette demande a déjà reçu une suite.',
  'intake.outcome.done.diagnostic': 'Le diagnostic est ouvert : voici le parcours de la structure.',
  'intake.outcome.done.oriented': 'La structure est orientée vers le partenaire.',
  'intake.outcome.done.not_eligible': 'La demande est enregistrée comme non éligible.',
  'intake.outcome.done.no_follow_up': 'La demande est classée sans suite.',

  'intake.reopen.title': 'Revenir sur cette suite',
  'intake.reopen.intro':
    'Suite enregistrée par erreur ? La demande redevient en attente de réponse ; le motif reste dans l’historique.',
  'intake.reopen.on': 'Le',
  'intake.reopen.reason': 'Motif',
  'intake.reopen.submit': 'Rouvrir la demande',
  'intake.reopen.viaPathway':
    'Un parcours est ouvert pour cette structure : la suite se gère désormais dans le parcours.',
  'intake.reopen.pathwayExists':
    'Un parcours est issu de cette demande : elle ne peut plus être rouverte, la suite se gère dans le parcours.',
  'intake.reopen.notAnswered': 'Cette demande attend encore sa réponse : il n’y a rien à rouvrir.',

  'intake.date.beforeReceived': 'Cette date précède la réception de la demande ({date}).',
  'intake.date.beforeOutcome': 'Cette date précède la suite donnée à la demande ({date}).',

  'intake.history': 'Historique',
  'intake.event.create': 'Demande reçue',
  'intake.event.open_diagnostic': 'Diagnostic ouvert',
  'intake.event.orient': 'Orientée vers un partenaire',
  'intake.event.declare_not_eligible': 'Déclarée non éligible',
  'intake.event.close_without_follow_up': 'Classée sans suite',
  'intake.event.reopen': 'Rouverte',

  'intake.home.heading': 'Demandes sans réponse depuis plus de {days, plural, one {# jour} other {# jours}}',
  'intake.home.headingMine': 'Vos demandes sans réponse depuis plus de {days, plural, one {# jour} other {# jours}}',
  'intake.home.next':
    'Prenez contact avec la structure, puis enregistrez la suite donnée : diagnostic, orientation vers un partenaire, non-éligibilité ou absence de suite.',
  'intake.home.received': 'reçue le {date} ({channel})',
  'intake.home.seeAll': 'Voir la liste ({total})',
};
