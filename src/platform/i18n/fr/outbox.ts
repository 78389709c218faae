/** French strings of the outbox area (the admin's view of sent and pending mail). */
export const outboxFr = {
  'outbox.title': 'Boîte d’envoi',
  'outbox.smtpOn': 'Les e-mails partent par le serveur SMTP configuré ; les échecs sont réessayés automatiquement.',
  'outbox.smtpOff': 'Aucun serveur SMTP n’est configuré (SMTP_URL) : les e-mails sont conservés ici, rien n’est perdu.',
  'outbox.empty': 'Aucun message.',
  'outbox.created': 'Créé le',
  'outbox.to': 'Destinataire',
  'outbox.subject': 'Objet',
  'outbox.lastError': 'Dernière erreur',
  'outbox.attempts': '({n, plural, one {# tentative} other {# tentatives}})',
  'outbox.retry': 'Réessayer l’envoi',
  'outbox.retried': 'Le message est remis dans la file d’envoi.',
  'outbox.status.pending': 'En attente',
  'outbox.status.sending': 'En cours d’envoi',
  'outbox.status.sent': 'Envoyé',
  'outbox.status.failed': 'Échec',
  'outbox.status.unknown': 'Envoi incertain',
  'outbox.unknownExplained':
    'L’envoi de ce message a été interrompu (arrêt du serveur Jalons pendant l’envoi) : le serveur de messagerie l’a peut-être déjà accepté. Jalons ne le renvoie pas de lui-même, pour ne pas l’envoyer deux fois. Vérifiez auprès du destinataire s’il l’a reçu ; sinon, renvoyez-le.',
  'outbox.resend': 'Renvoyer',
  'outbox.messageId': 'Identifiant du message',
};
