import type { operatorSettingsFr } from '../fr/operator-settings';

/** English strings of the operator's settings (/settings/operator). */
export const operatorSettingsEn: Record<keyof typeof operatorSettingsFr, string> = {
  'operatorSettings.title': 'Operator settings',
  'operatorSettings.intro':
    'What your operator sets for its intake register and its support committee. Management and admins change them; coordinators read them.',
  'operatorSettings.defaults': 'These settings have not been saved yet: the default values apply.',
  'operatorSettings.intake': 'Intake register',
  'operatorSettings.criteria': 'Eligibility criteria',
  'operatorSettings.criteriaHint': 'One criterion per line, in your own words: every request shows them as checkboxes.',
  'operatorSettings.criteria.required': 'Give at least one eligibility criterion.',
  'operatorSettings.reminderDays': 'Reminder delay (days)',
  'operatorSettings.reminderDaysHint':
    'A request left unanswered for longer than this shows on the coordinators’ home page.',
  'operatorSettings.reminderDays.range': 'Enter a number of days between 1 and 365.',
  'operatorSettings.reminderDaysValue':
    'Unanswered requests are flagged after {days, plural, one {# day} other {# days}}.',
  'operatorSettings.committee': 'Support committee',
  'operatorSettings.exemptHint':
    'Consultancies of these kinds may open their call for bids without a favourable opinion of the support committee.',
  'operatorSettings.exempt.individual': 'Individual consultancies exempt from the support committee',
  'operatorSettings.exempt.collective': 'Collective consultancies exempt from the support committee',
  'operatorSettings.noExempt': 'No kind of consultancy is exempt from the support committee.',
  'operatorSettings.readOnly': 'Only the operator’s management and admins change these settings.',
  'operatorSettings.saved': 'Settings saved.',
  'operatorSettings.link': 'Intake settings',
};
