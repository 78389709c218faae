import type { Section } from '../accompaniments/sections';
import { localToday } from '../platform/dates';
import { noticesPolicy } from './policy';
import { listNotices } from './queries';
import { onlySeen, THINGS } from '../accompaniments/withdrawn';
import { NOTICE_KINDS } from './schemas';

/** The notices part of the accompaniment page: who was informed, when, and an add form. */
export const noticesSection: Section = {
  id: 'notices',
  partial: 'notices/_section',
  load: async ({ db, user, acc }) => ({
    // A structure that left the case reads the notices given up to its exit day (accompaniments/withdrawn.ts).
    notices: await onlySeen(listNotices(db, acc.id), user, THINGS.notice('n')),
    canManage: noticesPolicy.manage(user, acc),
    kinds: NOTICE_KINDS,
    values: { kind: 'funders_informed', on_date: localToday(), recipients: '', content: '' },
  }),
};
