import { readingSection } from '../accompaniments/reading-section';
import type { SectionContext } from '../accompaniments/sections';
import { buildChart } from './chart';
import { phasesPolicy } from './policy';
import { listPhases, listTemplates, type Phase } from './queries';
import { localToday } from '../platform/dates';
import { read } from '../platform/read-together';

/** The day the phases are shown as of: a structure that left the case sees them as they stood on its exit day (accompaniments/withdrawn.ts). */
const asOf = ({ exitDay }: SectionContext) => exitDay ?? localToday();

/** The phases part of the accompaniment page: the planned-vs-actual picture and its table. */
export const phasesSection = readingSection({
  id: 'phases',
  partial: 'phases/_section',
  reads: (ctx) => ({ phases: read<Phase>(listPhases(ctx.db, ctx.acc.id, asOf(ctx)), { bigints: ['id'] }) }),
  show: async (ctx, { phases }) => {
    const canManage = phasesPolicy.manage(ctx.user, ctx.acc);
    const today = asOf(ctx);
    return {
      phases,
      today,
      asOfExit: ctx.exitDay != null,
      chart: buildChart(phases, today),
      canManage,
      templates: canManage && !phases.length ? await listTemplates(ctx.db) : [],
    };
  },
});
