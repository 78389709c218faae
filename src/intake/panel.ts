import type { HomePanel } from '../home/panels';
import { localToday } from '../platform/dates';
import { unansweredRead, type ReminderRow } from './list-queries';

/**
 * Requests unanswered for longer than the operator's reminder delay, on the home page of a
 * coordinator (their own) and of the direction (all of the operator's); hidden when there is none.
 */
export const intakePanel: HomePanel = {
  id: 'intake',
  partial: 'intake/_home',
  reads({ db }, user) {
    const unanswered = unansweredRead(db, user, localToday());
    return unanswered && { unanswered };
  },
  locals({ unanswered }: { unanswered: ReminderRow[] }, user) {
    if (!unanswered.length) return null;
    return {
      unanswered,
      total: Number(unanswered[0].total),
      reminderDays: unanswered[0].reminder_days,
      mine: user.role === 'coordinator',
    };
  },
};
