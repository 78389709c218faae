import type { Section } from '../accompaniments/sections';
import { buildChart } from './chart';
import { phasesPolicy } from './policy';
import { listPhases, listTemplates } from './queries';
import { localToday } from '../platform/dates';
import { exitOf } from '../accompaniments/withdrawn';

/** The phases part of the accompaniment page: the planned-vs-actual picture and its table. */
export const phasesSection: Section = {
  id: 'phases',
  partial: 'phases/_section',
  load: async ({ db, user, acc }) => {
    const canManage = phasesPolicy.manage(user, acc);
    // A structure that left the case sees its phases as they stood on its exit day (accompaniments/withdrawn.ts).
    const exit = await exitOf(db, user, acc.id);
    const today = exit ?? localToday();
    const phases = await listPhases(db, acc.id, today);
    return {
      phases,
      today,
      asOfExit: exit != null,
      chart: buildChart(phases, today),
      canManage,
      templates: canManage && !phases.length ? await listTemplates(db) : [],
    };
  },
};
