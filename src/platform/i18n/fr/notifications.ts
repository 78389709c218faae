/** French strings of the notification mails and of each person's choice of immediate mails or a daily digest. */
export const notificationsFr = {
  'notify.account.nav': 'Mes e-mails',
  'notify.account.title': 'Mes e-mails',
  'notify.account.intro':
    'Jalons vous écrit quand quelque chose vous concerne : un livrable remis, une convention à signer, un questionnaire à remplir… Choisissez de recevoir chaque message aussitôt, ou un seul résumé par jour.',
  'notify.account.legend': 'Réception des messages',
  'notify.account.immediate': 'Chaque message dès son envoi',
  'notify.account.immediateHint': 'Le choix par défaut.',
  'notify.account.digest': 'Un résumé par jour',
  'notify.account.digestHint':
    'Les messages de la journée vous arrivent ensemble le lendemain matin. Les liens de connexion ou de mot de passe, les invitations aux séances et les rapports d’étape joints partent toujours aussitôt.',
  'notify.account.submit': 'Enregistrer',
  'notify.account.saved': 'Votre choix est enregistré.',
  'notify.account.held':
    '{count, plural, one {# message attend votre prochain résumé.} other {# messages attendent votre prochain résumé.}}',
  'notify.digest.subject': 'Jalons : votre résumé ({count, plural, one {# message} other {# messages}})',
  'notify.digest.intro':
    'Bonjour,\n\nVous avez choisi de recevoir les messages de Jalons en un résumé par jour. {count, plural, one {Voici le message} other {Voici les # messages}} qui vous {count, plural, one {a été adressé} other {ont été adressés}}, du plus ancien au plus récent.',
  'notify.digest.item': '{n}. {subject} — {date}',
  'notify.digest.footer':
    'Pour recevoir chaque message dès son envoi, changez votre choix dans « Mes e-mails » : {link}',
  'notify.deliverableSubmitted.subject': 'Livrable remis : « {deliverable} » ({title})',
  'notify.deliverableSubmitted.text':
    'Bonjour,\n\n{provider} a remis la version {version} du livrable « {deliverable} » de l’accompagnement « {title} », le {date}.\n\nPour l’examiner (l’accepter ou demander des modifications) : {link}',
  'notify.conventionIssued.subject': 'Convention « {title} » : version {version} à signer',
  'notify.conventionIssued.text':
    'Bonjour,\n\nLa version {version} de la convention de l’accompagnement « {title} » a été établie le {date}. Elle attend la signature de chaque partie.\n\nPour la lire et la signer : {link}',
  'notify.surveyToAnswer.subject': 'Votre avis sur l’accompagnement « {title} »',
  'notify.surveyToAnswer.text':
    'Bonjour,\n\nL’accompagnement « {title} » arrive à sa clôture. Votre avis sur l’intervention du prestataire compte : quatre notes de 1 à 5 et un commentaire si vous le souhaitez, pour {structure}.\n\nPour répondre au questionnaire de satisfaction : {link}',
} as const;
