import type { fr } from './fr';
import { accompanimentsEn } from './en/accompaniments';
import { structuresEn } from './en/structures';
import { diagnosticsEn } from './en/diagnostics';
import { consultationsEn } from './en/consultations';
import { phasesEn } from './en/phases';
import { noticesEn } from './en/notices';
import { timelineEn } from './en/timeline';
import { sessionsEn } from './en/sessions';
import { workingGroupsEn } from './en/working-groups';
import { steeringCommitteeEn } from './en/steering-committee';
import { calendarEn } from './en/calendar';
import { conventionsEn } from './en/conventions';
import { deliverablesEn } from './en/deliverables';
import { providerWorkspaceEn } from './en/provider-workspace';
import { outboxEn } from './en/outbox';
import { followUpEn } from './en/follow-up';
import { handoffsEn } from './en/handoffs';
import { closeOutEn } from './en/close-out';
import { caseSheetsEn } from './en/case-sheets';
import { approxDatesEn } from './en/approx-dates';
import { indicatorsEn } from './en/indicators';
import { funderPortalEn } from './en/funder-portal';
import { progressReportsEn } from './en/progress-reports';
import { supportCommitteeEn } from './en/support-committee';
import { intakeEn } from './en/intake';
import { operatorSettingsEn } from './en/operator-settings';
import { pathwaysEn } from './en/pathways';
import { envelopesEn } from './en/envelopes';
import { paymentsEn } from './en/payments';
import { annualReportEn } from './en/annual-report';
import { providersEn } from './en/providers';
import { referenceListsEn } from './en/reference-lists';
import { headcountsEn } from './en/headcounts';
import { todoEn } from './en/todo';
import { notificationsEn } from './en/notifications';

/** English catalogue: same keys as the French one (the type makes a missing key a compile error). */
export const en: Record<keyof typeof fr, string> = {
  'layout.skip': 'Skip to content',
  'layout.switchTo': 'Français',
  'layout.logout': 'Log out',
  'layout.footer': 'Jalons — DLA support case management',
  'layout.requestId': 'Request reference',

  'nav.label': 'Main navigation',
  'nav.menu': 'Menu',
  'nav.onThisPage': 'On this page',
  'nav.home': 'Home',
  'nav.organisations': 'Organisations',
  'nav.users': 'Users',
  'nav.outbox': 'Outbox',
  'nav.audit': 'Audit log',
  'nav.myOrganisation': 'My organisation',

  'roles.admin': 'Administrator',
  'roles.manager': 'Operator management',
  'roles.coordinator': 'DLA coordinator',
  'roles.provider': 'Consultant (provider)',
  'roles.funder': 'Funder',
  'roles.relay': 'Follow-up relay',
  'roles.beneficiary': 'Supported organisation',

  'locales.fr': 'Français',
  'locales.en': 'English',

  'actions.edit': 'Edit',
  'actions.save': 'Save',
  'actions.cancel': 'Cancel',

  'fields.email': 'Email address',
  'fields.password': 'Password',
  'fields.newPassword': 'New password',
  'fields.confirmation': 'Confirm password',
  'fields.passwordHint': 'At least 10 characters. An easy-to-remember phrase works very well.',
  'fields.name': 'Name',
  'fields.fullName': 'Full name',
  'fields.shortName': 'Short name',
  'fields.kind': 'Type',
  'fields.funderType': 'Funder type',
  'fields.siret': 'SIRET',
  'fields.department': 'Département',
  'fields.contactEmail': 'Contact email',
  'fields.organisation': 'Organisation',
  'fields.role': 'Role',
  'fields.status': 'Status',
  'fields.locale': 'Language',

  'filters.all': 'All',
  'filters.apply': 'Filter',
  'filters.search': 'Search by name',
  'filters.searchPeople': 'Name or email',
  'filters.from': 'From',
  'filters.to': 'To',

  'pagination.label': 'Pagination',
  'pagination.first': '« First page',
  'pagination.last': 'Last page »',
  'pagination.previous': '← Previous',
  'pagination.next': 'Next →',
  'pagination.position': 'Page {page} of {pages}',
  'pagination.total': '{total, plural, one {# result} other {# results}}',

  'form.hasErrors': 'The form contains errors: please correct the highlighted fields.',
  'validation.required': 'This field is required.',
  'validation.tooLong': '{max} characters maximum.',
  'validation.tooShort': '{min} characters minimum.',
  'validation.choice': 'Choose a value from the list.',
  'validation.invalid': 'Invalid value.',
  'validation.email': 'Enter a valid email address, for example name@example.com.',
  'validation.siret': 'This SIRET is not valid: it must be 14 digits with a correct check digit.',
  'validation.department': 'Enter a département number: 90, 2A, 974…',
  'validation.funderType': 'Specify the funder type.',
  'validation.passwordTooShort': 'The password must be at least 10 characters long.',
  'validation.date': 'Enter a valid date (dd/mm/yyyy).',
  'validation.dateFuture': 'This date is in the future: enter the day it happened (today at the latest).',
  'dates.recordedOn': 'recorded on {date}',
  'validation.number': 'Enter a number, for example 6 or 7000.50.',
  'validation.numberTooBig': 'This number is too large.',
  'validation.amount': 'Enter an amount in euros, for example 1234.56.',
  'validation.amountNegative': 'The amount cannot be negative.',
  'validation.amountDecimals': 'Two decimals at most (cents), for example 1234.56.',
  'validation.tooManyLines': 'Too many lines.',
  'validation.lineTooLong': 'One of the lines is too long.',
  'validation.endBeforeStart': 'The end date must come after the start date.',
  'validation.nul': 'This field contains a forbidden invisible character (NUL): remove it.',
  'validation.passwordMismatch': 'The two passwords do not match.',

  'login.title': 'Log in',
  'login.heading': 'Log in to Jalons',
  'login.intro': 'Tracking DLA support, from diagnosis to post-support follow-up.',
  'login.submit': 'Log in',
  'login.forgot': 'Forgotten your password?',
  'login.failed': 'Incorrect email or password.',
  'login.throttled': 'Too many login attempts. Try again in {minutes, plural, one {# minute} other {# minutes}}.',
  'login.loggedOut': 'You have been logged out. See you soon!',
  'login.expired': 'Your session has expired: please log in again.',

  'forgot.title': 'Forgotten password',
  'forgot.intro': "Enter your email address and we'll send you a link to choose a new password.",
  'forgot.submit': 'Send me the link',
  'forgot.sent': 'If an account exists for {email}, an email with a link valid for one hour has just been sent to it.',
  'forgot.throttled': 'Too many requests. Try again in {minutes, plural, one {# minute} other {# minutes}}.',
  'forgot.back': 'Back to login',

  'reset.title': 'Choose a new password',
  'reset.intro': 'New password for the account {email}.',
  'reset.submit': 'Save password',
  'reset.done': 'Your password has been changed. You are now logged in.',

  'invitation.title': 'Welcome to Jalons',
  'invitation.intro': 'Hello {name}, choose a password for your account {email}.',
  'invitation.submit': 'Activate my account',
  'invitation.done': 'Your account is now active. Welcome!',

  'link.invalid.title': 'Invalid or expired link',
  'link.invalid.reset': 'This reset link has already been used or has expired. Please request a new one.',
  'link.invalid.invitation':
    'This invitation has already been used or has expired. Ask your administrator to send it again.',

  'mail.invitation.subject': 'Your invitation to Jalons',
  'mail.invitation.body':
    'Hello {name},\n\n{inviter} has invited you to join Jalons for {organisation}.\n\nTo activate your account and choose your password, open this link:\n{link}\n\nThis link is personal and can only be used once. It expires on {expires}.\n\nThe Jalons team',
  'mail.reset.subject': 'Resetting your Jalons password',
  'mail.reset.body':
    "Hello {name},\n\nYou asked to change your Jalons password. Open this link to choose a new one:\n{link}\n\nThis link can only be used once and expires on {expires}.\nIf you didn't make this request, please ignore this message: your password remains unchanged.\n\nThe Jalons team",

  'home.title': 'Home',
  'home.hello': 'Hello {name}',
  'home.role.admin': 'You administer Jalons: organisations, accounts, sent messages and the audit log.',
  'home.role.manager': 'You manage the DLA operator: you can see all its support cases, indicators and settings.',
  'home.role.coordinator':
    "You are a DLA coordinator: you run your operator's support cases, from diagnosis to follow-up.",
  'home.role.provider':
    'You are a consultant (provider): you can see the support cases you have been selected for, and upload deliverables and action plans to them.',
  'home.role.funder': 'You are a funder: you receive progress reports and indicators for the support cases you fund.',
  'home.role.relay':
    'You are a follow-up relay: you take over the follow-up of organisations after support and record progress reviews.',
  'home.role.beneficiary':
    'You represent a supported organisation: you follow your support, approve the diagnosis and sign the agreement.',
  'home.yourOrganisation': 'Your organisation',
  'home.colleagues': 'Your colleagues on Jalons',
  'home.noColleagues': 'Nobody else from your organisation has an account yet.',
  'home.recent': 'Recent activity',
  'home.allActivity': 'Full audit log',
  'home.seeAll': 'See all ({total})',
  'home.overdue': 'Overdue',
  'home.next': 'In the next 30 days',
  'home.nothingOverdue': 'Nothing overdue.',
  'home.nothingNext': 'Nothing planned in the next 30 days.',
  'home.watch.phase_end': 'planned end of phase "{label}"',
  'home.watch.phase_start': 'planned start of phase "{label}"',
  'home.watch.consultation_deadline': 'consultation deadline',

  'organisations.title': 'Organisations',
  'organisations.new.title': 'New organisation',
  'organisations.edit.title': 'Edit organisation',
  'organisations.empty': 'No organisations match these filters.',
  'organisations.members': 'Linked accounts',
  'organisations.noMembers': 'No accounts are linked to this organisation yet.',
  'organisations.created': 'The organisation "{name}" has been created.',
  'organisations.updated': 'Changes saved.',
  'organisations.conflict':
    'Someone changed this organisation while you were editing it. Your input is kept below: check it, then save again to replace the current version.',
  'organisations.nameTaken': 'An organisation of this type already has this name.',
  'organisations.siretTaken': 'An organisation already has this SIRET.',
  'organisations.kindLocked': 'Accounts are linked to this organisation: its type can no longer be changed.',
  'organisations.shortNameHint': 'Optional. Shown where space is limited, for example "MIFE 90".',
  'organisations.siretHint': 'Optional. 14 digits; spaces are allowed.',
  'organisations.departmentHint': 'Optional. For example 90 or 2A.',
  'organisations.funderTypeBlank': '— Funders only —',
  'organisations.kind.operator': 'DLA operator',
  'organisations.kind.provider': 'Consultant (provider)',
  'organisations.kind.funder': 'Funder',
  'organisations.kind.relay': 'Relay network',
  'organisations.kind.structure': 'Supported organisation',
  'organisations.kindPlural.operator': 'DLA operators',
  'organisations.kindPlural.provider': 'Consultants (providers)',
  'organisations.kindPlural.funder': 'Funders',
  'organisations.kindPlural.relay': 'Relay networks',
  'organisations.kindPlural.structure': 'Supported organisations',
  'organisations.funderType.state': 'State (DREETS / DDETS)',
  'organisations.funderType.banque_des_territoires': 'Banque des Territoires',
  'organisations.funderType.region': 'Region',
  'organisations.funderType.departement': 'Département',
  'organisations.funderType.fse': 'ESF+',
  'organisations.funderType.other': 'Other',

  'users.title': 'Users',
  'users.new.title': 'Invite someone',
  'users.new.intro':
    'The person will receive an email with a personal link, valid for 7 days, to choose their password.',
  'users.new.submit': 'Send invitation',
  'users.edit.title': 'Edit account',
  'users.empty': 'No accounts match these filters.',
  'users.invited': 'Invitation sent to {email}.',
  'users.updated': 'Account updated.',
  'users.conflict':
    'Someone changed this account while you were editing it. Your input is kept below: check it, then save again to replace the current version.',
  'users.emailTaken': 'An account already uses this email address.',
  'users.roleNotForKind': 'This role does not exist in an organisation of type "{kind}".',
  'users.roleHint': 'DLA operator: administrator, management or coordinator. Other organisations have a single role.',
  'users.chooseOrganisation': '— Choose an organisation —',
  'users.chooseRole': '— Choose a role —',
  'users.alreadyActive': 'This account is already active: there is no invitation to resend.',
  'users.resendInvitation': 'Resend invitation',
  'users.disable': 'Deactivate account',
  'users.enable': 'Reactivate account',
  'users.confirmDisable': "Deactivate {name}'s account? Their open sessions will be closed immediately.",
  'users.disabled': "{name}'s account has been deactivated.",
  'users.enabled': "{name}'s account has been reactivated.",
  'users.lastLogin': 'Last login',
  'users.never': 'Never',
  'users.lastInvitation': 'Last invitation',
  'users.invitationUsed': 'accepted',
  'users.invitationExpired': 'expired',
  'users.invitationValidUntil': 'valid until {date}',
  'users.history': 'Account history',
  'users.refused.accept': 'This account is no longer waiting for an invitation: it is already active or deactivated.',
  'users.refused.resetPassword': 'The password of an account that is not active cannot be reset.',
  'users.refused.disable': 'This account is already deactivated.',
  'users.refused.enable': 'This account is not deactivated: there is nothing to reactivate.',
  'users.status.invited': 'Invited',
  'users.status.active': 'Active',
  'users.status.disabled': 'Deactivated',

  'audit.title': 'Audit log',
  'audit.empty': 'No entries match these filters.',
  'audit.when': 'Date',
  'audit.actor': 'Person',
  'audit.action': 'Action',
  'audit.entityType': 'Record type',
  'audit.entityId': 'Record ID',
  'audit.record': 'Record',
  'audit.ip': 'IP address',
  'audit.details': 'Details',
  'audit.system': 'System',

  'errors.400.title': 'Bad request',
  'errors.400.text': 'The request could not be understood. Go back and try again.',
  'errors.403.title': 'Access denied',
  'errors.403.text': 'Your account does not give you access to this page.',
  'errors.404.title': 'Page not found',
  'errors.404.text': 'This page does not exist or you do not have access to it.',
  'errors.413.title': 'Upload too large',
  'errors.413.text': 'The data sent exceeds the permitted size.',
  'errors.415.title': 'Unsupported format',
  'errors.415.text':
    'The data was sent in a format or an encoding Jalons does not read (UTF-8 expected). Go back and try again from the form.',
  'errors.500.title': 'Unexpected error',
  'errors.500.text': 'An unexpected error occurred. Nothing was saved halfway; please try again in a moment.',
  'errors.503.title': 'Service temporarily unavailable',
  'errors.503.text':
    'The database is not responding at the moment. Try again in a few moments: nothing that was saved has been lost.',
  'errors.csrf': 'The form has expired or was submitted from another site. Reload the page and try again.',
  'errors.backHome': 'Back to home',
  'errors.nul.title': 'Character refused',
  'errors.nul.text':
    'The form contains a forbidden invisible character (NUL), probably from a copy and paste. Go back, remove it and try again: nothing was saved.',
  'errors.quoteRequestId': 'If the problem persists, give this reference to support:',

  ...accompanimentsEn,
  ...structuresEn,
  ...diagnosticsEn,
  ...consultationsEn,
  ...phasesEn,
  ...noticesEn,
  ...timelineEn,
  ...sessionsEn,
  ...workingGroupsEn,
  ...steeringCommitteeEn,
  ...calendarEn,
  ...conventionsEn,
  ...deliverablesEn,
  ...providerWorkspaceEn,
  ...outboxEn,
  ...followUpEn,
  ...handoffsEn,
  ...closeOutEn,
  ...caseSheetsEn,
  ...approxDatesEn,
  ...indicatorsEn,
  ...funderPortalEn,
  ...progressReportsEn,
  ...supportCommitteeEn,
  ...intakeEn,
  ...operatorSettingsEn,
  ...pathwaysEn,
  ...envelopesEn,
  ...paymentsEn,
  ...annualReportEn,
  ...providersEn,
  ...referenceListsEn,
  ...headcountsEn,
  ...todoEn,
  ...notificationsEn,
};
