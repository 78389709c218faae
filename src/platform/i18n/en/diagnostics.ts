import type { diagnosticsFr } from '../fr/diagnostics';

/** English strings of the diagnostics area (same keys as the French file). */
export const diagnosticsEn: Record<keyof typeof diagnosticsFr, string> = {
  'diagnostics.title': 'Shared diagnostic',
  'diagnostics.empty': 'The shared diagnostic is not written yet.',
  'diagnostics.notWritten': 'Not filled in.',
  'diagnostics.contentReserved':
    'The content of the diagnostic (findings, context, recommendations, attachments) is reserved to the operator, the supported organisations and the selected provider.',
  'diagnostics.write.action': 'Write the diagnostic',
  'diagnostics.edit.action': 'Edit the diagnostic',
  'diagnostics.edit.title': 'Shared diagnostic',
  'diagnostics.edit.textHint': 'One idea per line. Start a line with "-" to make a bulleted list.',
  'diagnostics.edit.validatedWarning':
    'This diagnostic has already been validated by {count, plural, one {# organisation} other {# organisations}}.',
  'diagnostics.edit.validatedRule':
    'If you change its content (findings, context, recommendations or objectives), these validations will be withdrawn: the organisations will have to validate the new version. Correcting only the days or the date of writing keeps them.',
  'diagnostics.saved': 'Diagnostic saved.',
  'diagnostics.conflict':
    'Someone changed this diagnostic while you were editing it. Your input is kept below: check it, then save again to replace the current version.',
  'diagnostics.validationsWithdrawn':
    'The content changed: {count, plural, one {the validation of # organisation is withdrawn. It must} other {the validations of # organisations are withdrawn. They must}} validate the new version.',
  'diagnostics.closed.validated':
    'The diagnostic is validated and the accompaniment has moved to the next stage: it can no longer be changed.',
  'diagnostics.closed.ended': 'The accompaniment is closed: the diagnostic can no longer be changed.',

  'diagnostics.fields.findings': 'Findings',
  'diagnostics.fields.context': 'Context',
  'diagnostics.fields.recommendations': 'Recommendations',
  'diagnostics.fields.days': 'Diagnostic days',
  'diagnostics.fields.writtenOn': 'Written on',
  'diagnostics.hints.findings': 'What the diagnostic established with the organisations’ leaders.',
  'diagnostics.hints.context': 'Environment, funding, existing links between the organisations…',
  'diagnostics.hints.recommendations': 'The recommendations and general objectives of the accompaniment.',
  'diagnostics.hints.days': 'For example 5 or 2.5.',

  'diagnostics.objectives.title': 'Objectives by theme',
  'diagnostics.objectives.hint': 'One theme per line with its aim. Empty lines are ignored.',
  'diagnostics.objectives.moreRows': 'Need more lines? Save: three empty lines are added each time.',
  'diagnostics.objectives.theme': 'Theme',
  'diagnostics.objectives.aim': 'Aim',
  'diagnostics.objectives.themeN': 'Theme no. {n}',
  'diagnostics.objectives.aimN': 'Aim no. {n}',
  'diagnostics.objectives.none': 'No objective by theme yet.',
  'diagnostics.objectives.themeRequired': 'Line {n}: give the theme of this aim.',
  'diagnostics.objectives.tooMany': '{max} themes at most.',

  'diagnostics.validation.board': 'Validation by the organisations',
  'diagnostics.validation.title': 'Validation of the shared diagnostic',
  'diagnostics.validation.intro':
    'Each supported organisation validates (signs) the shared diagnostic. Give the date and the name of the signatory.',
  'diagnostics.validation.structure': 'Organisation',
  'diagnostics.validation.status': 'Validation',
  'diagnostics.validation.done': 'Validated',
  'diagnostics.validation.awaiting': 'Awaiting',
  'diagnostics.validation.onBy': 'on {date} by {name}',
  'diagnostics.validation.noStructure': 'No active organisation in the accompaniment.',
  'diagnostics.validation.notNeeded': 'Withdrawn, no validation needed',
  'diagnostics.validation.choosePlaceholder': '— Choose an organisation —',
  'diagnostics.validation.chooseStructure': 'Choose the organisation that validates.',
  'diagnostics.validation.validatedOn': 'Date of validation',
  'diagnostics.validation.signatory': 'Name of the signatory',
  'diagnostics.validation.signatoryHint': 'The person who validated on behalf of the organisation (chair, director…).',
  'diagnostics.validation.selfIntro': 'Validate the diagnostic on behalf of {name}',
  'diagnostics.validation.record': 'Record the validation',
  'diagnostics.validation.validate': 'Validate the diagnostic',
  'diagnostics.validation.recorded': 'Validation of the diagnostic by {name} recorded.',
  'diagnostics.validation.already': '{name} has already validated this diagnostic.',
  'diagnostics.validation.notActive': 'This organisation is not (or no longer) part of the accompaniment.',
  'diagnostics.validation.nothingToValidate': 'The diagnostic is not written yet: there is nothing to validate.',
  'diagnostics.validation.nonePending': 'No validation pending.',
  'diagnostics.validation.delete': 'Withdraw the validation',
  'diagnostics.validation.confirmDelete': 'Withdraw the validation of {name}? It will have to validate again.',
  'diagnostics.validation.deleted': 'The validation of {name} is withdrawn.',
  'diagnostics.validation.beforeIntake':
    'This date is before the accompaniment’s intake ({date}): the validation cannot be earlier.',
  'diagnostics.validation.beforeJoined': 'This date is before the organisation joined the accompaniment ({date}).',

  'diagnostics.attachments.title': 'Attachments of the diagnostic',
  'diagnostics.attachments.none': 'No attachment.',
  'diagnostics.attachments.add': 'Attach a file',
  'diagnostics.attachments.added': '"{filename}" is attached to the diagnostic.',

  'documents.file': 'File',
  'documents.size': 'Size',
  'documents.sizeKb': '{size} KB',
  'documents.uploaded': 'Uploaded',
  'documents.uploadedOnBy': 'on {date} by {name}',
  'documents.upload': 'Upload the file',
  'documents.accepted': 'Accepted formats: {types}. {max} MB at most.',
  'documents.chooseAgain': 'For your security, the browser does not keep the chosen file: choose it again.',
  'documents.delete': 'Delete',
  'documents.confirmDelete': 'Delete "{filename}"?',
  'documents.deleted': '"{filename}" is deleted.',
  'documents.missing.title': 'File not found',
  'documents.missing.text':
    'File not found: "{filename}" is recorded, but its content is no longer available on the server. Tell the Jalons administrator.',

  'uploads.missing': 'Choose a file to upload.',
  'uploads.empty': 'This file is empty.',
  'uploads.tooBig': 'This file is too big: {max} MB at most.',
  'uploads.badType':
    'This type of file is not accepted. Accepted formats: {types}. The format is recognised from the file’s content, not from its name.',
  'uploads.malformed': 'The upload did not go through. Try again with a single file.',
  'diagnostics.objectives.prefilled':
    'One row per theme of the accompaniment, taken from its record: write the aim of each, empty the rows you do not need. The “Theme” field also offers the national list of themes.',
} as const;
