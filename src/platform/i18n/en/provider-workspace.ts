import type { providerWorkspaceFr } from '../fr/provider-workspace';

/** English strings of the provider-workspace area (same keys as the French file). */
export const providerWorkspaceEn: Record<keyof typeof providerWorkspaceFr, string> = {
  'providerWorkspace.title': 'My provider workspace',
  'providerWorkspace.lead': 'The accompaniments your organisation was selected for, and what is expected of you.',
  'providerWorkspace.none': 'No accompaniment yet: the ones your organisation is selected for will appear here.',
  'providerWorkspace.coordinator': 'Coordinator: {name}',
  'providerWorkspace.closed': 'Accompaniment finished',
  'providerWorkspace.open': 'Open the accompaniment',
  'providerWorkspace.expected.title': 'Expected deliverables',
  'providerWorkspace.expected.none': 'No deliverable to hand in for now.',
  'providerWorkspace.expected.by': 'by {date}',
  'providerWorkspace.expected.noDate': 'no date set',
  'providerWorkspace.expected.versions': '{count, plural, one {# version} other {# versions}} uploaded',
  'providerWorkspace.expected.upload': 'Upload a version',
  'providerWorkspace.expected.uploadOf': 'Upload a version of “{title}”',
  'providerWorkspace.inReview': 'Under review:',
  'providerWorkspace.accepted': '{count, plural, one {# deliverable} other {# deliverables}} accepted',
  'providerWorkspace.comment.title': 'Review comment',
  'providerWorkspace.comment.byOn': '{name}, on {date}',
  'providerWorkspace.comment.onVersion': 'on version {version}',
  'providerWorkspace.days.title': 'Days consumed',
  'providerWorkspace.days.noBudget':
    '{consumed, plural, one {# day consumed} other {# days consumed}} (no contracted days)',
  'providerWorkspace.sessions.title': 'Next sessions',
  'providerWorkspace.sessions.none': 'No session planned.',
  'providerWorkspace.sessions.log': 'Log a session',
  'providerWorkspace.convention.toSign': 'Convention to sign (version {version})',
  'providerWorkspace.convention.signed': 'Convention signed (version {version})',
  'providerWorkspace.convention.sign': 'Sign the convention',
};
