import type { Section } from '../accompaniments/sections';
import { localToday } from '../platform/dates';
import { summarise, withSessionsOutsidePhases, type PhaseDays } from './days-consumed';
import { sessionPolicy } from './policy';
import type { SessionType } from './scope';
import {
  SECTION_SESSIONS,
  sessionsSectionRow,
  type RawAction,
  type RawSession,
  type SessionsSectionRow,
} from './section-query';

/** At most this many upcoming sessions when past ones are there to show too. */
const UPCOMING_SHARE = 3;

export type SectionSession = {
  id: string;
  type: SessionType;
  title: string;
  starts_at: Date;
  days_consumed: string;
  status: 'planned' | 'held' | 'closed';
};

export type OpenActionItem = {
  id: string;
  what: string;
  owner_name: string | null;
  owner_organisation: string | null;
  due_on: string | null;
  status: 'open' | 'in_progress';
  session_id: string | null;
  session_title: string | null;
  overdue: boolean;
};

/** Geometry of the days-per-phase bar chart, drawn as inline SVG by views/sessions/_section.ejs (attributes, no inline style: CSP). */
export type PhaseChart = {
  width: number;
  height: number;
  plotLeft: number;
  plotWidth: number;
  rows: { phase: PhaseDays; y: number; barWidth: number; labelX: number }[];
  /** x of the contracted total on the same scale, when the scale is the contracted days. */
  contractedX: number | null;
};

const CHART_WIDTH = 600;
const CHART_PAD = 8;
const CHART_ROW = 44;
const VALUE_ROOM = 70;

const round = (n: number) => Math.round(n * 10) / 10;

/** One bar per phase (and one for sessions without a phase), on the scale of the contracted days when known. */
export function buildPhaseChart(rows: PhaseDays[], contracted: number | null): PhaseChart | null {
  if (!rows.length) return null;
  const largest = Math.max(...rows.map((r) => r.days));
  const scale = Math.max(contracted ?? 0, largest);
  const plotLeft = CHART_PAD;
  const plotWidth = CHART_WIDTH - CHART_PAD * 2 - VALUE_ROOM;
  return {
    width: CHART_WIDTH,
    height: rows.length * CHART_ROW + CHART_PAD,
    plotLeft,
    plotWidth,
    contractedX: contracted && scale === contracted ? plotLeft + plotWidth : null,
    rows: rows.map((phase, i) => {
      const barWidth = scale > 0 ? round((phase.days / scale) * plotWidth) : 0;
      return { phase, y: CHART_PAD + i * CHART_ROW, barWidth, labelX: round(plotLeft + barWidth + 6) };
    }),
  };
}

/**
 * The next sessions (nearest first) and the last ones (latest first), five in all: at most
 * UPCOMING_SHARE upcoming ones when past ones are there to show too.
 */
function nextAndLast(row: Pick<SessionsSectionRow, 'upcoming' | 'past' | 'total'>) {
  const toSession = (s: RawSession): SectionSession => ({
    ...s,
    type: s.type as SessionType,
    status: s.status as SectionSession['status'],
    starts_at: new Date(s.starts_at),
  });
  const upcoming = row.upcoming.map(toSession);
  const past = row.past.map(toSession);
  const nUpcoming = Math.min(upcoming.length, Math.max(UPCOMING_SHARE, SECTION_SESSIONS - past.length));
  const nPast = Math.min(past.length, SECTION_SESSIONS - nUpcoming);
  return { upcoming: upcoming.slice(0, nUpcoming), past: past.slice(0, nPast), total: row.total };
}

/** Open and in-progress action items, the soonest due first; overdue ones are marked. */
const withOverdue = (actions: RawAction[], today: string): OpenActionItem[] =>
  actions.map((a) => ({
    ...a,
    status: a.status as OpenActionItem['status'],
    overdue: a.due_on != null && a.due_on < today,
  }));

/**
 * The sessions part of the accompaniment page, for everyone who sees the case: days consumed
 * against the contracted days (a bar with the 80 % mark, and the same in words), days per phase
 * (a bar chart and its table), the next and last sessions, and the open action items.
 */
export const sessionsSection: Section = {
  id: 'sessions',
  partial: 'sessions/_section',
  load: async ({ db, user, acc }) => {
    // Everything in one statement (section-query.ts): each round trip cost more than these small reads.
    const row = await sessionsSectionRow(db, acc.id, new Date(), user);
    const summary = summarise(row);
    const phases = withSessionsOutsidePhases(row?.phases ?? [], summary);
    const sessions = nextAndLast(row ?? { upcoming: [], past: [], total: 0 });
    // A funder reads the days and the sessions, not the action items (sessionPolicy.seeRecord).
    const record = sessionPolicy.seeRecord(user);
    const actions = record ? withOverdue(row?.actions ?? [], localToday()) : [];
    return {
      record,
      summary,
      phases,
      phaseChart: summary.consumed > 0 ? buildPhaseChart(phases, summary.contracted) : null,
      sessions,
      actions,
      canLog: sessionPolicy.log(user, acc),
    };
  },
};
