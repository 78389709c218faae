import type { Section } from '../accompaniments/sections';
import { localToday } from '../phases/today';
import type { Db } from '../platform/db';
import { daysByPhase, daysSummary, type DaysSummary } from './budget';
import { sessionPolicy } from './policy';
import type { SessionType } from './scope';

/** How many sessions the accompaniment page lists (the others are on the sessions page). */
export const SECTION_SESSIONS = 5;
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

export type PhaseDays = { id: string | null; position: number | null; name: string | null; days: number };

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

/** Days per phase, plus the days of sessions attached to no phase (from the same total, no second query). */
export async function phaseDays(db: Db, accompanimentId: string, summary: DaysSummary): Promise<PhaseDays[]> {
  const rows = (await daysByPhase(db, accompanimentId)) as { id: string; position: number; name: string; days: string }[];
  const phases: PhaseDays[] = rows.map((r) => ({ id: String(r.id), position: r.position, name: r.name, days: Number(r.days) }));
  const inPhases = phases.reduce((s, p) => s + p.days, 0);
  const outside = Math.round((summary.consumed - inPhases) * 100) / 100;
  if (outside > 0) phases.push({ id: null, position: null, name: null, days: outside });
  return phases;
}

/**
 * The next sessions (nearest first) and the last ones (latest first), five in all, and how many
 * there are: one statement (two ordered halves glued by UNION ALL, the count on every row), since
 * each round trip to the database costs more than the work of these small reads.
 */
export async function nextAndLastSessions(db: Db, accompanimentId: string, now = new Date()) {
  const half = (side: 'upcoming' | 'past') =>
    db('sessions as s')
      .where('s.accompaniment_id', accompanimentId)
      .where('s.starts_at', side === 'upcoming' ? '>=' : '<', now)
      .orderBy([{ column: 's.starts_at', order: side === 'upcoming' ? 'asc' : 'desc' }, { column: 's.id', order: side === 'upcoming' ? 'asc' : 'desc' }])
      .limit(SECTION_SESSIONS)
      .select(
        db.raw(side === 'upcoming' ? "'upcoming' as side" : "'past' as side"),
        's.id', 's.type', 's.title', 's.starts_at', 's.days_consumed', 's.status',
        db.raw('(select count(*) from sessions c where c.accompaniment_id = s.accompaniment_id)::int as total'),
      );
  const rows = (await db.queryBuilder().unionAll([half('upcoming'), half('past')], true)) as (SectionSession & { side: string; total: number })[];
  const pick = (side: string) => rows.filter((r) => r.side === side).map(({ side: _side, total: _total, ...s }) => ({ ...s, id: String(s.id) }));
  const upcoming = pick('upcoming');
  const past = pick('past');
  const nUpcoming = Math.min(upcoming.length, Math.max(UPCOMING_SHARE, SECTION_SESSIONS - past.length));
  const nPast = Math.min(past.length, SECTION_SESSIONS - nUpcoming);
  return { upcoming: upcoming.slice(0, nUpcoming), past: past.slice(0, nPast), total: rows.length ? Number(rows[0].total) : 0 };
}

/** Open and in-progress action items of the case, the soonest due first; overdue ones are marked. */
export async function openActionItems(db: Db, accompanimentId: string, today = localToday()): Promise<OpenActionItem[]> {
  const rows = await db('action_items as ai')
    .leftJoin('organisations as o', 'o.id', 'ai.owner_organisation_id')
    .leftJoin('sessions as s', 's.id', 'ai.session_id')
    .where('ai.accompaniment_id', accompanimentId)
    .where('ai.visible', true) // an action plan's actions show once the plan is accepted
    .whereIn('ai.status', ['open', 'in_progress'])
    .orderByRaw('ai.due_on asc nulls last, ai.id asc')
    .select('ai.id', 'ai.what', 'ai.owner_name', 'o.name as owner_organisation', 'ai.due_on', 'ai.status', 'ai.session_id', 's.title as session_title');
  return rows.map((r) => ({
    ...r,
    id: String(r.id),
    session_id: r.session_id == null ? null : String(r.session_id),
    overdue: r.due_on != null && r.due_on < today,
  }));
}

/**
 * The sessions part of the accompaniment page, for everyone who sees the case: days consumed
 * against the contracted days (a bar with the 80 % mark, and the same in words), days per phase
 * (a bar chart and its table), the next and last sessions, and the open action items.
 */
export const sessionsSection: Section = {
  id: 'sessions',
  partial: 'sessions/_section',
  load: async ({ db, user, acc }) => {
    const summary = await daysSummary(db, acc.id);
    const [phases, sessions, actions] = await Promise.all([phaseDays(db, acc.id, summary), nextAndLastSessions(db, acc.id), openActionItems(db, acc.id)]);
    return {
      summary,
      phases,
      phaseChart: summary.consumed > 0 ? buildPhaseChart(phases, summary.contracted) : null,
      sessions,
      actions,
      canLog: sessionPolicy.log(user, acc),
    };
  },
};
