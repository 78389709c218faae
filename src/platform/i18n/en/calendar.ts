import type { calendarFr } from '../fr/calendar';

/** English strings of the calendar area (same keys as the French file). */
export const calendarEn: Record<keyof typeof calendarFr, string> = {
  'calendar.nav': 'My calendar',

  'calendar.ics.agenda': 'Agenda:',
  'calendar.ics.video': 'Video call: {url}',
  'calendar.ics.page': 'Session page in Jalons: {url}',

  'calendar.session.invite': 'E-mail the invitation to the invitees',
  'calendar.session.inviteHint':
    'Every invitee with an e-mail address receives the session details and an invitation to add to their calendar. Invitees without an address receive nothing.',
  'calendar.session.confirmPast': 'This session is already over. Send the invitation to the invitees anyway?',

  'calendar.invitations.sent':
    '{sent, plural, one {# invitation sent} other {# invitations sent}}, {missing, plural, one {# invitee without an e-mail address} other {# invitees without an e-mail address}}.',
  'calendar.invitations.none': 'No invitee of this session has an e-mail address: no invitation was sent.',
  'calendar.invitations.noInvitees': 'This session has no invitees yet: add them before sending the invitation.',
  'calendar.invitations.past': 'Note: this session is already over.',
  'calendar.mail.subject': 'Invitation: {title} — {date}',
  'calendar.mail.greeting': 'Hello {name},',
  'calendar.mail.intro': '{sender} invites you to the session “{title}” of the accompaniment “{accompaniment}”.',
  'calendar.mail.when': 'When: {when}',
  'calendar.mail.where': 'Where: {place}',
  'calendar.mail.video': 'Video call: {url}',
  'calendar.mail.agenda': 'Agenda:',
  'calendar.mail.link': 'The session page in Jalons: {url}',
  'calendar.mail.attached': 'The invitation is attached to this message: open it to add the session to your calendar.',
  'calendar.mail.signature': '— Jalons, for {operator}',
  'calendar.when': '{date}, {start} to {end} (Paris time)',

  'calendar.account.title': 'My calendar',
  'calendar.account.intro':
    'Subscribe your calendar (Thunderbird, Outlook, Google Calendar, phone) to the sessions of the accompaniments you follow: they appear there and stay up to date, from the last six months to the sessions to come.',
  'calendar.account.private':
    'This subscription link is personal: it asks for no password, so anyone who knows it sees your sessions. Do not share it; if you think it has been passed around, regenerate or revoke it.',
  'calendar.account.active': 'A subscription link has been active since {date}.',
  'calendar.account.activeHint':
    'For your security, Jalons only keeps a fingerprint of the link and cannot show it again. If you lost it, regenerate it: the old link stops working at once and your subscriptions will need the new one.',
  'calendar.account.none': 'You have no subscription link.',
  'calendar.account.create': 'Create my subscription link',
  'calendar.account.regenerate': 'Regenerate the link',
  'calendar.account.confirmRegenerate':
    'Regenerate the link? The old link will stop working in the calendars that use it.',
  'calendar.account.revoke': 'Revoke the link',
  'calendar.account.confirmRevoke': 'Revoke the link? Subscribed calendars will no longer receive your sessions.',
  'calendar.account.newUrl': 'Your subscription link',
  'calendar.account.newUrlHint':
    'Copy it now: it will not be shown again. Then paste it into your calendar as explained below.',
  'calendar.account.openWebcal': 'Open it directly in my calendar application',
  'calendar.account.howTo': 'How to subscribe',
  'calendar.account.thunderbird': 'Thunderbird',
  'calendar.account.thunderbirdSteps':
    'File menu › New › Calendar… › “On the Network”, paste the link into “Location”, then confirm.',
  'calendar.account.outlookWeb': 'Outlook on the web (Microsoft 365)',
  'calendar.account.outlookWebSteps':
    'Calendar › Add calendar › “Subscribe from web”, paste the link, give it a name, then Import.',
  'calendar.account.outlookDesktop': 'Outlook for Windows',
  'calendar.account.outlookDesktopSteps': 'Calendar › Add calendar › “From Internet…”, paste the link, then OK.',
  'calendar.account.google': 'Google Calendar (and Android phones)',
  'calendar.account.googleSteps':
    'On a computer: Other calendars › + › “From URL”, paste the link. The calendar then shows on the Android phone linked to the same account.',
  'calendar.account.iphone': 'iPhone and iPad',
  'calendar.account.iphoneSteps':
    'Settings › Calendar › Accounts › Add Account › Other › “Add Subscribed Calendar”, paste the link.',
  'calendar.account.refresh':
    'Applications re-read the link at their own pace (from a few minutes to several hours): a session changed in Jalons may take a while to show. The .ics file on a session’s page adds it at once.',
  'calendar.account.created': 'Your subscription link is ready.',
  'calendar.account.revoked': 'The subscription link is revoked: subscribed calendars no longer receive your sessions.',
  'calendar.account.nothingToRevoke': 'You have no active subscription link.',
  'calendar.feedName': 'Jalons — {name}',
};
