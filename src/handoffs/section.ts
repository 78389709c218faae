import type { Section } from '../accompaniments/sections';
import { neverClosedOut } from '../accompaniments/states';
import { handoffPolicy, remindedToday } from './policy';
import { handoffWithMembers } from './queries';

/**
 * The handoff part of the accompaniment page: to whom the follow-up went and whether the relay
 * acknowledged receipt (with the reminder), or the button to hand it over. Hidden otherwise.
 */
export const handoffSection: Section = {
  id: 'handoffs',
  partial: 'handoffs/_section',
  load: async ({ db, user, acc }) => {
    if (neverClosedOut(acc.state)) return null;
    const found = await handoffWithMembers(db, acc.id);
    if (!found) return handoffPolicy.create(user, acc) ? { h: null, canCreate: true } : null;
    const { h } = found;
    const canRead = handoffPolicy.read(user, acc, h);
    return {
      h,
      canCreate: false,
      canRead,
      members: canRead ? found.members : [],
      canRemind: handoffPolicy.remind(user, acc, h),
      remindedToday: remindedToday(h),
    };
  },
};
