import type { Section } from '../accompaniments/sections';
import { buildChart } from './chart';
import { phasesPolicy } from './policy';
import { listPhases, listTemplates } from './queries';
import { localToday } from '../platform/dates';

/** The phases part of the accompaniment page: the planned-vs-actual picture and its table. */
export const phasesSection: Section = {
  id: 'phases',
  partial: 'phases/_section',
  load: async ({ db, user, acc }) => {
    const canManage = phasesPolicy.manage(user, acc);
    const phases = await listPhases(db, acc.id);
    const today = localToday();
    return {
      phases,
      today,
      chart: buildChart(phases, today),
      canManage,
      templates: canManage && !phases.length ? await listTemplates(db) : [],
    };
  },
};
