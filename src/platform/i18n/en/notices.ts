import type { noticesFr } from '../fr/notices';

/** English strings of the notices area (same keys as the French file). */
export const noticesEn: Record<keyof typeof noticesFr, string> = {
  'notices.title': 'Stakeholder notices',
  'notices.none': 'No notice to the funders or the CDIAE has been recorded yet.',
  'notices.fields.onDate': 'Date',
  'notices.fields.kind': 'Kind',
  'notices.fields.recipients': 'Recipients',
  'notices.fields.content': 'Content',
  'notices.recordedBy': 'Recorded by',
  'notices.kind.funders_informed': 'Funders informed',
  'notices.kind.cdiae_informed': 'CDIAE informed',
  'notices.kind.other': 'Other notice',
  'notices.delete': 'Delete',
  'notices.confirmDelete': 'Delete the notice of {date} ({recipients})?',
  'notices.add': 'Record a notice',
  'notices.recipientsHint': 'For example: Departmental council, Region, DDETS.',
  'notices.submit': 'Record the notice',
  'notices.created': 'Notice recorded.',
  'notices.deleted': 'Notice deleted.',
  'notices.beforeIntake':
    'This date is before the accompaniment’s intake ({date}): enter the day the partners were informed.',
  'notices.new.title': 'New stakeholder notice',
  'notices.new.intro': 'Who was informed, when and of what: funders, the CDIAE or other partners.',
};
