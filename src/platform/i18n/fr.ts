import { accompanimentsFr } from './fr/accompaniments';
import { structuresFr } from './fr/structures';
import { diagnosticsFr } from './fr/diagnostics';
import { consultationsFr } from './fr/consultations';
import { phasesFr } from './fr/phases';
import { noticesFr } from './fr/notices';
import { timelineFr } from './fr/timeline';
import { sessionsFr } from './fr/sessions';
import { workingGroupsFr } from './fr/working-groups';
import { steeringCommitteeFr } from './fr/steering-committee';
import { calendarFr } from './fr/calendar';
import { conventionsFr } from './fr/conventions';
import { deliverablesFr } from './fr/deliverables';
import { providerWorkspaceFr } from './fr/provider-workspace';
import { outboxFr } from './fr/outbox';
import { followUpFr } from './fr/follow-up';
import { handoffsFr } from './fr/handoffs';
import { closeOutFr } from './fr/close-out';
import { caseSheetsFr } from './fr/case-sheets';
import { approxDatesFr } from './fr/approx-dates';
import { indicatorsFr } from './fr/indicators';
import { funderPortalFr } from './fr/funder-portal';
import { progressReportsFr } from './fr/progress-reports';
import { supportCommitteeFr } from './fr/support-committee';
import { intakeFr } from './fr/intake';
import { operatorSettingsFr } from './fr/operator-settings';
import { pathwaysFr } from './fr/pathways';
import { envelopesFr } from './fr/envelopes';
import { paymentsFr } from './fr/payments';
import { annualReportFr } from './fr/annual-report';
import { providersFr } from './fr/providers';
import { referenceListsFr } from './fr/reference-lists';
import { headcountsFr } from './fr/headcounts';
import { todoFr } from './fr/todo';
import { notificationsFr } from './fr/notifications';

/**
 * The French catalogue is the source of truth: every user-visible string has a key here,
 * and the English catalogue must have the same keys (checked by the type of en.ts).
 */
export const fr = {
  'layout.skip': 'Aller au contenu',
  'layout.switchTo': 'English',
  'layout.logout': 'Se déconnecter',
  'layout.footer': 'Jalons — suivi des accompagnements DLA',
  'layout.requestId': 'Référence de la requête',

  'nav.label': 'Navigation principale',
  'nav.menu': 'Menu',
  'nav.onThisPage': 'Sur cette page',
  'nav.home': 'Accueil',
  'nav.organisations': 'Organisations',
  'nav.users': 'Utilisateurs',
  'nav.outbox': 'Boîte d’envoi',
  'nav.audit': 'Journal d’audit',
  'nav.myOrganisation': 'Mon organisation',

  'roles.admin': 'Administrateur·rice',
  'roles.manager': 'Direction de l’opérateur',
  'roles.coordinator': 'Chargé·e de mission DLA',
  'roles.provider': 'Prestataire',
  'roles.funder': 'Financeur',
  'roles.relay': 'Relais de suivi',
  'roles.beneficiary': 'Structure accompagnée',

  'locales.fr': 'Français',
  'locales.en': 'English',

  'actions.edit': 'Modifier',
  'actions.save': 'Enregistrer',
  'actions.cancel': 'Annuler',

  'fields.email': 'Adresse e-mail',
  'fields.password': 'Mot de passe',
  'fields.newPassword': 'Nouveau mot de passe',
  'fields.confirmation': 'Confirmez le mot de passe',
  'fields.passwordHint': '10 caractères au moins. Une phrase facile à retenir convient très bien.',
  'fields.name': 'Nom',
  'fields.fullName': 'Prénom et nom',
  'fields.shortName': 'Nom court',
  'fields.kind': 'Type',
  'fields.funderType': 'Type de financeur',
  'fields.siret': 'SIRET',
  'fields.department': 'Département',
  'fields.contactEmail': 'E-mail de contact',
  'fields.organisation': 'Organisation',
  'fields.role': 'Rôle',
  'fields.status': 'Statut',
  'fields.locale': 'Langue',

  'filters.all': 'Tous',
  'filters.apply': 'Filtrer',
  'filters.search': 'Rechercher un nom',
  'filters.searchPeople': 'Nom ou e-mail',
  'filters.from': 'Du',
  'filters.to': 'Au',

  'pagination.label': 'Pagination',
  'pagination.first': '« Première page',
  'pagination.last': 'Dernière page »',
  'pagination.previous': '← Précédent',
  'pagination.next': 'Suivant →',
  'pagination.position': 'Page {page} sur {pages}',
  'pagination.total': '{total, plural, one {# résultat} other {# résultats}}',

  'form.hasErrors': 'Le formulaire contient des erreurs : corrigez les champs signalés.',
  'validation.required': 'Ce champ est obligatoire.',
  'validation.tooLong': '{max} caractères au maximum.',
  'validation.tooShort': '{min} caractères au minimum.',
  'validation.choice': 'Choisissez une valeur dans la liste.',
  'validation.invalid': 'Valeur invalide.',
  'validation.email': 'Saisissez une adresse e-mail valide, par exemple nom@exemple.fr.',
  'validation.siret': 'Ce SIRET n’est pas valide : 14 chiffres dont la clé de contrôle est juste.',
  'validation.department': 'Saisissez un numéro de département : 90, 2A, 974…',
  'validation.funderType': 'Précisez le type de financeur.',
  'validation.passwordTooShort': 'Le mot de passe doit faire au moins 10 caractères.',
  'validation.passwordMismatch': 'Les deux mots de passe ne sont pas identiques.',
  'validation.date': 'Saisissez une date valide (jj/mm/aaaa).',
  'validation.dateFuture':
    'Cette date est dans le futur : saisissez le jour où c’est arrivé (aujourd’hui au plus tard).',
  'dates.recordedOn': 'saisi le {date}',
  'validation.number': 'Saisissez un nombre, par exemple 6 ou 7 000,50.',
  'validation.numberTooBig': 'Ce nombre est trop grand.',
  'validation.amount': 'Saisissez un montant en euros, par exemple 1 234,56.',
  'validation.amountNegative': 'Le montant ne peut pas être négatif.',
  'validation.amountDecimals': 'Deux décimales au plus (les centimes), par exemple 1 234,56.',
  'validation.tooManyLines': 'Trop de lignes.',
  'validation.lineTooLong': 'Une des lignes est trop longue.',
  'validation.endBeforeStart': 'La date de fin doit suivre la date de début.',
  'validation.nul': 'Ce champ contient un caractère invisible interdit (caractère nul) : retirez-le.',

  'login.title': 'Connexion',
  'login.heading': 'Connexion à Jalons',
  'login.intro': 'Le suivi des accompagnements DLA, du diagnostic au suivi post-accompagnement.',
  'login.submit': 'Se connecter',
  'login.forgot': 'Mot de passe oublié ?',
  'login.failed': 'E-mail ou mot de passe incorrect.',
  'login.throttled':
    'Trop de tentatives de connexion. Réessayez dans {minutes, plural, one {# minute} other {# minutes}}.',
  'login.loggedOut': 'Vous êtes déconnecté·e. À bientôt !',
  'login.expired': 'Votre session a expiré : reconnectez-vous.',

  'forgot.title': 'Mot de passe oublié',
  'forgot.intro': 'Indiquez votre adresse e-mail : nous vous enverrons un lien pour choisir un nouveau mot de passe.',
  'forgot.submit': 'Recevoir le lien',
  'forgot.sent': 'Si un compte existe pour {email}, un e-mail avec un lien valable une heure vient de lui être envoyé.',
  'forgot.throttled': 'Trop de demandes. Réessayez dans {minutes, plural, one {# minute} other {# minutes}}.',
  'forgot.back': 'Retour à la connexion',

  'reset.title': 'Choisir un nouveau mot de passe',
  'reset.intro': 'Nouveau mot de passe pour le compte {email}.',
  'reset.submit': 'Enregistrer le mot de passe',
  'reset.done': 'Votre mot de passe est modifié. Vous êtes connecté·e.',

  'invitation.title': 'Bienvenue sur Jalons',
  'invitation.intro': 'Bonjour {name}, choisissez le mot de passe de votre compte {email}.',
  'invitation.submit': 'Activer mon compte',
  'invitation.done': 'Votre compte est activé. Bienvenue !',

  'link.invalid.title': 'Lien invalide ou expiré',
  'link.invalid.reset': 'Ce lien de réinitialisation a déjà servi ou a expiré. Demandez-en un nouveau.',
  'link.invalid.invitation':
    'Cette invitation a déjà servi ou a expiré. Demandez à votre administrateur·rice de vous la renvoyer.',

  'mail.invitation.subject': 'Votre invitation à Jalons',
  'mail.invitation.body':
    'Bonjour {name},\n\n{inviter} vous invite à rejoindre Jalons pour {organisation}.\n\nPour activer votre compte et choisir votre mot de passe, ouvrez ce lien :\n{link}\n\nCe lien est personnel et ne sert qu’une fois. Il expire le {expires}.\n\nL’équipe Jalons',
  'mail.reset.subject': 'Réinitialisation de votre mot de passe Jalons',
  'mail.reset.body':
    'Bonjour {name},\n\nVous avez demandé à changer votre mot de passe Jalons. Ouvrez ce lien pour en choisir un nouveau :\n{link}\n\nCe lien ne sert qu’une fois et expire le {expires}.\nSi vous n’êtes pas à l’origine de cette demande, ignorez ce message : votre mot de passe reste inchangé.\n\nL’équipe Jalons',

  'home.title': 'Accueil',
  'home.hello': 'Bonjour {name}',
  'home.role.admin': 'Vous administrez Jalons : organisations, comptes, messages envoyés et journal d’audit.',
  'home.role.manager':
    'Vous dirigez l’opérateur DLA : vous voyez tous ses accompagnements, ses indicateurs et ses réglages.',
  'home.role.coordinator':
    'Vous êtes chargé·e de mission DLA : vous conduisez les accompagnements de votre opérateur, du diagnostic au suivi.',
  'home.role.provider':
    'Vous êtes prestataire : vous voyez les accompagnements pour lesquels vous avez été retenu·e, vous y déposez livrables et plans d’actions.',
  'home.role.funder':
    'Vous êtes financeur : vous recevez les rapports d’avancement et les indicateurs des accompagnements que vous financez.',
  'home.role.relay':
    'Vous êtes relais de suivi : vous reprenez le suivi des structures après l’accompagnement et saisissez les points d’étape.',
  'home.role.beneficiary':
    'Vous représentez une structure accompagnée : vous suivez votre accompagnement, validez le diagnostic et signez la convention.',
  'home.yourOrganisation': 'Votre organisation',
  'home.colleagues': 'Vos collègues sur Jalons',
  'home.noColleagues': 'Personne d’autre de votre organisation n’a encore de compte.',
  'home.recent': 'Activité récente',
  'home.allActivity': 'Tout le journal d’audit',
  'home.seeAll': 'Tout voir ({total})',
  'home.overdue': 'En retard',
  'home.next': 'Dans les 30 prochains jours',
  'home.nothingOverdue': 'Rien en retard.',
  'home.nothingNext': 'Rien de prévu dans les 30 prochains jours.',
  'home.watch.phase_end': 'fin prévue de la phase « {label} »',
  'home.watch.phase_start': 'début prévu de la phase « {label} »',
  'home.watch.consultation_deadline': 'date limite de la mise en concurrence',

  'organisations.title': 'Organisations',
  'organisations.new.title': 'Nouvelle organisation',
  'organisations.edit.title': 'Modifier l’organisation',
  'organisations.empty': 'Aucune organisation ne correspond à ces filtres.',
  'organisations.members': 'Comptes rattachés',
  'organisations.noMembers': 'Aucun compte n’est encore rattaché à cette organisation.',
  'organisations.created': 'L’organisation « {name} » est créée.',
  'organisations.updated': 'Modifications enregistrées.',
  'organisations.conflict':
    'Quelqu’un a modifié cette organisation pendant que vous l’éditiez. Vos saisies sont conservées ci-dessous : vérifiez-les puis enregistrez de nouveau pour remplacer la version actuelle.',
  'organisations.nameTaken': 'Une organisation de ce type porte déjà ce nom.',
  'organisations.siretTaken': 'Une organisation porte déjà ce SIRET.',
  'organisations.kindLocked': 'Des comptes sont rattachés à cette organisation : son type ne peut plus changer.',
  'organisations.shortNameHint': 'Facultatif. Affiché là où la place manque, par exemple « MIFE 90 ».',
  'organisations.siretHint': 'Facultatif. 14 chiffres, espaces acceptés.',
  'organisations.departmentHint': 'Facultatif. Par exemple 90 ou 2A.',
  'organisations.funderTypeBlank': '— Pour les financeurs seulement —',
  'organisations.kind.operator': 'Opérateur DLA',
  'organisations.kind.provider': 'Prestataire',
  'organisations.kind.funder': 'Financeur',
  'organisations.kind.relay': 'Réseau relais',
  'organisations.kind.structure': 'Structure accompagnée',
  'organisations.kindPlural.operator': 'Opérateurs DLA',
  'organisations.kindPlural.provider': 'Prestataires',
  'organisations.kindPlural.funder': 'Financeurs',
  'organisations.kindPlural.relay': 'Réseaux relais',
  'organisations.kindPlural.structure': 'Structures accompagnées',
  'organisations.funderType.state': 'État (DREETS / DDETS)',
  'organisations.funderType.banque_des_territoires': 'Banque des Territoires',
  'organisations.funderType.region': 'Région',
  'organisations.funderType.departement': 'Département',
  'organisations.funderType.fse': 'FSE+',
  'organisations.funderType.other': 'Autre',

  'users.title': 'Utilisateurs',
  'users.new.title': 'Inviter une personne',
  'users.new.intro':
    'La personne reçoit un e-mail avec un lien personnel, valable 7 jours, pour choisir son mot de passe.',
  'users.new.submit': 'Envoyer l’invitation',
  'users.edit.title': 'Modifier le compte',
  'users.empty': 'Aucun compte ne correspond à ces filtres.',
  'users.invited': 'Invitation envoyée à {email}.',
  'users.updated': 'Compte mis à jour.',
  'users.conflict':
    'Quelqu’un a modifié ce compte pendant que vous l’éditiez. Vos saisies sont conservées ci-dessous : vérifiez-les puis enregistrez de nouveau pour remplacer la version actuelle.',
  'users.emailTaken': 'Un compte utilise déjà cette adresse e-mail.',
  'users.roleNotForKind': 'Ce rôle n’existe pas dans une organisation de type « {kind} ».',
  'users.roleHint':
    'Opérateur DLA : administrateur·rice, direction ou chargé·e de mission. Les autres organisations ont un seul rôle.',
  'users.chooseOrganisation': '— Choisir une organisation —',
  'users.chooseRole': '— Choisir un rôle —',
  'users.alreadyActive': 'Ce compte est déjà activé : il n’y a pas d’invitation à renvoyer.',
  'users.resendInvitation': 'Renvoyer l’invitation',
  'users.disable': 'Désactiver le compte',
  'users.enable': 'Réactiver le compte',
  'users.confirmDisable': 'Désactiver le compte {de:name} ? Ses sessions ouvertes seront fermées immédiatement.',
  'users.disabled': 'Le compte {de:name} est désactivé.',
  'users.enabled': 'Le compte {de:name} est réactivé.',
  'users.lastLogin': 'Dernière connexion',
  'users.never': 'Jamais',
  'users.lastInvitation': 'Dernière invitation',
  'users.invitationUsed': 'acceptée',
  'users.invitationExpired': 'expirée',
  'users.invitationValidUntil': 'valable jusqu’au {date}',
  'users.history': 'Historique de ce compte',
  'users.refused.accept': 'Ce compte n’attend plus d’invitation : il est déjà activé ou désactivé.',
  'users.refused.resetPassword': 'Le mot de passe d’un compte qui n’est pas actif ne peut pas être réinitialisé.',
  'users.refused.disable': 'Ce compte est déjà désactivé.',
  'users.refused.enable': 'Ce compte n’est pas désactivé : il n’y a rien à réactiver.',
  'users.status.invited': 'Invité·e',
  'users.status.active': 'Actif',
  'users.status.disabled': 'Désactivé',

  'audit.title': 'Journal d’audit',
  'audit.empty': 'Aucune entrée ne correspond à ces filtres.',
  'audit.when': 'Date',
  'audit.actor': 'Personne',
  'audit.action': 'Action',
  'audit.entityType': 'Type d’enregistrement',
  'audit.entityId': 'N° d’enregistrement',
  'audit.record': 'Enregistrement',
  'audit.ip': 'Adresse IP',
  'audit.details': 'Détails',
  'audit.system': 'Système',

  'errors.400.title': 'Requête invalide',
  'errors.400.text': 'La demande envoyée n’a pas pu être comprise. Revenez en arrière et réessayez.',
  'errors.403.title': 'Accès refusé',
  'errors.403.text': 'Votre compte ne permet pas d’accéder à cette page.',
  'errors.404.title': 'Page introuvable',
  'errors.404.text': 'Cette page n’existe pas ou vous n’y avez pas accès.',
  'errors.413.title': 'Envoi trop volumineux',
  'errors.413.text': 'Les données envoyées dépassent la taille autorisée.',
  'errors.415.title': 'Format d’envoi non pris en charge',
  'errors.415.text':
    'Les données ont été envoyées dans un format ou un encodage que Jalons ne lit pas (UTF-8 attendu). Revenez en arrière et réessayez depuis le formulaire.',
  'errors.500.title': 'Erreur inattendue',
  'errors.500.text':
    'Une erreur inattendue s’est produite. Rien n’a été enregistré à moitié ; réessayez dans un instant.',
  'errors.503.title': 'Service momentanément indisponible',
  'errors.503.text':
    'La base de données ne répond pas pour le moment. Réessayez dans quelques instants : rien de ce qui était enregistré n’est perdu.',
  'errors.csrf': 'Le formulaire a expiré ou a été envoyé depuis un autre site. Rechargez la page et recommencez.',
  'errors.backHome': 'Retour à l’accueil',
  'errors.nul.title': 'Caractère refusé',
  'errors.nul.text':
    'Le formulaire contient un caractère invisible interdit (caractère nul), sans doute venu d’un copier-coller. Revenez en arrière, retirez-le et réessayez : rien n’a été enregistré.',
  'errors.quoteRequestId': 'Si le problème persiste, communiquez cette référence au support :',

  // Each area of the domain keeps its strings in its own file.
  ...accompanimentsFr,
  ...structuresFr,
  ...diagnosticsFr,
  ...consultationsFr,
  ...phasesFr,
  ...noticesFr,
  ...timelineFr,
  ...sessionsFr,
  ...workingGroupsFr,
  ...steeringCommitteeFr,
  ...calendarFr,
  ...conventionsFr,
  ...deliverablesFr,
  ...providerWorkspaceFr,
  ...outboxFr,
  ...followUpFr,
  ...handoffsFr,
  ...closeOutFr,
  ...caseSheetsFr,
  ...approxDatesFr,
  ...indicatorsFr,
  ...funderPortalFr,
  ...progressReportsFr,
  ...supportCommitteeFr,
  ...intakeFr,
  ...operatorSettingsFr,
  ...pathwaysFr,
  ...envelopesFr,
  ...paymentsFr,
  ...annualReportFr,
  ...providersFr,
  ...referenceListsFr,
  ...headcountsFr,
  ...todoFr,
  ...notificationsFr,
} as const;
