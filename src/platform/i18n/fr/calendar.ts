/** French strings of the calendar area. */
export const calendarFr = {
  'calendar.nav': 'Mon agenda',

  // The .ics contents (event description, feed name).
  'calendar.ics.agenda': 'Ordre du jour :',
  'calendar.ics.video': 'Visioconférence : {url}',
  'calendar.ics.page': 'Fiche de la séance dans Jalons : {url}',

  // Session page: download and invitations.
  'calendar.session.invite': 'Envoyer l’invitation par e-mail aux invités',
  'calendar.session.inviteHint':
    'Chaque invité ayant une adresse e-mail reçoit les détails de la séance et l’invitation à ajouter à son agenda. Les invités sans adresse ne reçoivent rien.',
  'calendar.session.confirmPast': 'Cette séance est déjà passée. Envoyer quand même l’invitation aux invités ?',

  // Invitations.
  'calendar.invitations.sent':
    '{sent, plural, one {# invitation envoyée} other {# invitations envoyées}}, {missing, plural, one {# invité sans adresse e-mail} other {# invités sans adresse e-mail}}.',
  'calendar.invitations.none': 'Aucun invité de cette séance n’a d’adresse e-mail : aucune invitation n’est partie.',
  'calendar.invitations.noInvitees':
    'Cette séance n’a pas encore d’invités : ajoutez-les avant d’envoyer l’invitation.',
  'calendar.invitations.past': 'Attention : cette séance est déjà passée.',
  'calendar.mail.subject': 'Invitation : {title} — {date}',
  'calendar.mail.greeting': 'Bonjour {name},',
  'calendar.mail.intro': '{sender} vous invite à la séance « {title} » de l’accompagnement « {accompaniment} ».',
  'calendar.mail.when': 'Quand : {when}',
  'calendar.mail.where': 'Où : {place}',
  'calendar.mail.video': 'Visioconférence : {url}',
  'calendar.mail.agenda': 'Ordre du jour :',
  'calendar.mail.link': 'La fiche de la séance dans Jalons : {url}',
  'calendar.mail.attached': 'L’invitation est jointe à ce message : ouvrez-la pour ajouter la séance à votre agenda.',
  'calendar.mail.signature': '— Jalons, pour {operator}',
  'calendar.when': '{date}, de {start} à {end} (heure de Paris)',

  // Account page: the private feed.
  'calendar.account.title': 'Mon agenda',
  'calendar.account.intro':
    'Abonnez votre agenda (Thunderbird, Outlook, Google Agenda, téléphone) aux séances des accompagnements que vous suivez : elles y apparaissent et se mettent à jour d’elles-mêmes, des six derniers mois jusqu’aux séances à venir.',
  'calendar.account.private':
    'Ce lien d’abonnement est personnel : il ne demande pas de mot de passe, donc toute personne qui le connaît voit vos séances. Ne le partagez pas ; si vous pensez qu’il a circulé, régénérez-le ou révoquez-le.',
  'calendar.account.active': 'Un lien d’abonnement est actif depuis le {date}.',
  'calendar.account.activeHint':
    'Pour votre sécurité, Jalons ne garde qu’une empreinte du lien et ne peut pas vous le réafficher. Si vous l’avez perdu, régénérez-le : l’ancien lien cessera aussitôt de fonctionner et il faudra mettre à jour vos abonnements.',
  'calendar.account.none': 'Vous n’avez pas de lien d’abonnement.',
  'calendar.account.create': 'Créer mon lien d’abonnement',
  'calendar.account.regenerate': 'Régénérer le lien',
  'calendar.account.confirmRegenerate':
    'Régénérer le lien ? L’ancien lien cessera de fonctionner dans les agendas qui l’utilisent.',
  'calendar.account.revoke': 'Révoquer le lien',
  'calendar.account.confirmRevoke': 'Révoquer le lien ? Les agendas abonnés ne recevront plus vos séances.',
  'calendar.account.newUrl': 'Votre lien d’abonnement',
  'calendar.account.newUrlHint':
    'Copiez-le maintenant : il ne sera plus affiché. Collez-le ensuite dans votre agenda comme expliqué ci-dessous.',
  'calendar.account.openWebcal': 'Ouvrir directement dans mon application d’agenda',
  'calendar.account.howTo': 'Comment s’abonner',
  'calendar.account.thunderbird': 'Thunderbird',
  'calendar.account.thunderbirdSteps':
    'Menu Fichier › Nouveau › Agenda… › « Sur le réseau », collez le lien dans « Adresse », puis validez.',
  'calendar.account.outlookWeb': 'Outlook sur le web (Microsoft 365)',
  'calendar.account.outlookWebSteps':
    'Agenda › Ajouter un calendrier › « S’abonner à partir du web », collez le lien, donnez un nom, puis Importer.',
  'calendar.account.outlookDesktop': 'Outlook pour Windows',
  'calendar.account.outlookDesktopSteps':
    'Agenda › Ajouter un calendrier › « À partir d’Internet… », collez le lien, puis OK.',
  'calendar.account.google': 'Google Agenda (et téléphones Android)',
  'calendar.account.googleSteps':
    'Sur ordinateur : Autres agendas › + › « À partir de l’URL », collez le lien. L’agenda apparaît ensuite sur le téléphone Android lié au même compte.',
  'calendar.account.iphone': 'iPhone et iPad',
  'calendar.account.iphoneSteps':
    'Réglages › Calendrier › Comptes › Ajouter un compte › Autre › « Ajouter un calendrier avec abonnement », collez le lien.',
  'calendar.account.refresh':
    'Les applications relisent le lien à leur propre rythme (de quelques minutes à plusieurs heures) : une séance modifiée dans Jalons peut mettre un moment à apparaître. Le fichier .ics d’une séance, sur sa fiche, sert à l’ajouter tout de suite.',
  'calendar.account.created': 'Votre lien d’abonnement est prêt.',
  'calendar.account.revoked': 'Le lien d’abonnement est révoqué : les agendas abonnés ne reçoivent plus vos séances.',
  'calendar.account.nothingToRevoke': 'Vous n’avez pas de lien d’abonnement actif.',
  'calendar.feedName': 'Jalons — {name}',
} as const;
