import type { todoFr } from '../fr/todo';

/** English strings of the home's to-do list (src/home/todo.ts). */
export const todoEn: Record<keyof typeof todoFr, string> = {
  'todo.title': 'To do',
  'todo.none': 'Nothing is waiting for you right now.',
  'todo.more': '{count, plural, one {and # more thing to do} other {and # more things to do}}',
  'todo.dueOn': 'due {date}',
  'todo.overdueSince': 'overdue since {date}',
  'todo.since': 'since {date}',
  'todo.kind.deliverable_review': 'Review the deliverable “{label}”',
  'todo.kind.convention_signatures': 'Collect the convention’s signatures (version {label})',
  'todo.kind.report_due': 'Write the progress report: {label}',
  'todo.kind.bid_to_score': 'Score the bid of {label}',
  'todo.kind.committee_opinion': 'Record the comité d’appui’s opinion: {label}',
  'todo.kind.diagnostic_validate': 'Validate the shared diagnostic',
  'todo.kind.convention_sign': 'Sign the convention (version {label})',
  'todo.kind.survey_answer': 'Answer the satisfaction survey',
  'todo.kind.deliverable_due': 'Hand in the deliverable “{label}”',
  'todo.kind.session_to_log': 'Complete the session “{label}”',
};
