import { formatDate, translate, type MessageKey } from '../platform/i18n';
import type { Milestone } from './schemas';

/**
 * A report's title built from its milestone and its « situation arrêtée au » day:
 * « Rapport d’étape — Restitution — 30 novembre 2016 ». In French, like the PDF sent to funders.
 */
export const builtTitle = (milestone: Milestone, periodEnd: string) =>
  translate('fr', 'progressReports.defaultTitle', {
    milestone: translate('fr', `progressReports.milestone.${milestone}` as MessageKey),
    date: formatDate('fr', periodEnd),
  });

/**
 * The title to store: what the coordinator typed, or the built one when the field was left empty
 * or as the form proposed it (`proposed`), so that changing the milestone or the date changes it.
 */
export const titleToStore = (typed: string | null, proposed: string | null, milestone: Milestone, periodEnd: string) =>
  !typed || typed === proposed ? builtTitle(milestone, periodEnd) : typed;
