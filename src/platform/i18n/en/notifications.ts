import type { notificationsFr } from '../fr/notifications';

/** English strings of the notification mails and of each person's choice of immediate mails or a daily digest. */
export const notificationsEn: Record<keyof typeof notificationsFr, string> = {
  'notify.account.nav': 'My e-mails',
  'notify.account.title': 'My e-mails',
  'notify.account.intro':
    'Jalons writes to you when something concerns you: a deliverable handed in, a convention to sign, a survey to answer… Choose to receive each message at once, or a single digest a day.',
  'notify.account.legend': 'How messages reach you',
  'notify.account.immediate': 'Each message as it is sent',
  'notify.account.immediateHint': 'The default.',
  'notify.account.digest': 'One digest a day',
  'notify.account.digestHint':
    'The day’s messages reach you together the next morning. Sign-in and password links, session invitations and progress reports with their attachment always go at once.',
  'notify.account.submit': 'Save',
  'notify.account.saved': 'Your choice is saved.',
  'notify.account.held':
    '{count, plural, one {# message waits for your next digest.} other {# messages wait for your next digest.}}',
  'notify.digest.subject': 'Jalons: your digest ({count, plural, one {# message} other {# messages}})',
  'notify.digest.intro':
    'Hello,\n\nYou chose to receive Jalons’ messages as one digest a day. {count, plural, one {Here is the message} other {Here are the # messages}} sent to you, oldest first.',
  'notify.digest.item': '{n}. {subject} — {date}',
  'notify.digest.footer': 'To receive each message as it is sent, change your choice in “My e-mails”: {link}',
  'notify.deliverableSubmitted.subject': 'Deliverable handed in: “{deliverable}” ({title})',
  'notify.deliverableSubmitted.text':
    'Hello,\n\n{provider} handed in version {version} of the deliverable “{deliverable}” of the accompaniment “{title}” on {date}.\n\nTo review it (accept it or request changes): {link}',
  'notify.conventionIssued.subject': 'Convention “{title}”: version {version} to sign',
  'notify.conventionIssued.text':
    'Hello,\n\nVersion {version} of the convention of the accompaniment “{title}” was issued on {date}. It waits for each party’s signature.\n\nTo read and sign it: {link}',
  'notify.surveyToAnswer.subject': 'Your opinion on the accompaniment “{title}”',
  'notify.surveyToAnswer.text':
    'Hello,\n\nThe accompaniment “{title}” is closing out. Your opinion on the provider’s work matters: four scores from 1 to 5 and a comment if you wish, for {structure}.\n\nTo answer the satisfaction survey: {link}',
};
