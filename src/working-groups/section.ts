import type { Section } from '../accompaniments/sections';
import { workingGroupsPolicy } from './policy';
import { listGroups } from './queries';

/** The working-groups part of the accompaniment page: each group's theme, aim, structures and counts. */
export const workingGroupsSection: Section = {
  id: 'working-groups',
  partial: 'working-groups/_section',
  load: async ({ db, user, acc }) => ({
    groups: await listGroups(db, acc.id, user),
    canManage: workingGroupsPolicy.manage(user, acc),
  }),
};
