/**
 * What the parcours page shows: the parcours read once, its actions, moves, committee items,
 * checkpoints and to-dos, and its timeline (the request, the diagnostic, the committee's items,
 * planned and done actions, checkpoints, closure), by the day each happened.
 */
import { accompanimentPolicy } from '../accompaniments/policy';
import type { SessionUser } from '../platform/auth/session-user';
import type { Db } from '../platform/db';
import { structurePolicy } from '../structures/policy';
import { checkpointsOf, todosOf, type DueCheckpoint, type Todo } from './follow-up';
import { pathwayPolicy } from './policy';
import { pathwayActions, type Pathway, type PathwayAction } from './queries';
import {
  caseTitle,
  committeeItems,
  intakeRequestOf,
  pathwayLog,
  recordedCheckpoints,
  type CommitteeItem,
} from './record-queries';

export type TimelineEntry = {
  date: string;
  /** A catalogue key and its parameters: what happened. */
  key: string;
  params: Record<string, string | number>;
  detail?: string | null;
  href?: string | null;
  kind: 'request' | 'pathway' | 'diagnostic' | 'committee' | 'action' | 'checkpoint';
  status?: string;
  upcoming?: boolean;
};

export type PathwayPage = {
  actions: PathwayAction[];
  checkpoints: DueCheckpoint[];
  committee: CommitteeItem[];
  todos: Todo[];
  timeline: TimelineEntry[];
  sharedTitle: string | null;
  request: Awaited<ReturnType<typeof intakeRequestOf>>;
  log: Awaited<ReturnType<typeof pathwayLog>>;
  canManage: boolean;
  seeNotes: boolean;
  openStructure: boolean;
  /** The reader may open a new case (« Créer l’accompagnement »): coordinators and managers. */
  canCreateCase: boolean;
};

export async function pathwayPage(
  db: Db,
  user: SessionUser,
  p: Pathway,
  opts: { offsets: number[]; today: string },
): Promise<PathwayPage> {
  const [actions, recorded, committee, request, log, sharedTitle] = await Promise.all([
    pathwayActions(db, user, p.id),
    recordedCheckpoints(db, p.id),
    committeeItems(db, p.id),
    intakeRequestOf(db, p),
    pathwayLog(db, p.id),
    caseTitle(db, p.shared_diagnostic_accompaniment_id),
  ]);
  const checkpoints = checkpointsOf(actions, recorded, opts.offsets);
  const canManage = pathwayPolicy.manage(user, p);
  const seeNotes = pathwayPolicy.seeNotes(user, p);
  return {
    actions,
    checkpoints,
    committee,
    todos: canManage ? todosOf(p, actions, checkpoints, opts.today) : [],
    timeline: timelineOf(p, { actions, checkpoints, committee, request, log, sharedTitle, canManage }, opts.today),
    sharedTitle,
    request,
    log,
    canManage,
    seeNotes,
    openStructure: structurePolicy.open(user, p.organisation_id),
    canCreateCase: canManage && accompanimentPolicy.create(user),
  };
}

function timelineOf(
  p: Pathway,
  d: Pick<PathwayPage, 'actions' | 'checkpoints' | 'committee' | 'request' | 'log' | 'sharedTitle' | 'canManage'>,
  today: string,
): TimelineEntry[] {
  const out: TimelineEntry[] = [];
  if (d.request)
    out.push({
      date: d.request.received_on,
      kind: 'request',
      key: 'pathways.timeline.request',
      params: { channel: d.request.channel },
      detail: d.canManage ? d.request.need : null,
      href: d.canManage ? `/intake/${d.request.id}` : null,
    });
  for (const e of d.log.filter((l) => l.what === 'pathway'))
    out.push({
      date: e.happened_on,
      kind: 'pathway',
      key:
        e.event === 'close'
          ? 'pathways.timeline.closed'
          : e.event === 'reopen'
            ? 'pathways.timeline.reopened'
            : 'pathways.timeline.opened',
      params: {},
      detail: e.reason,
    });
  if (p.diagnosed_on)
    out.push({ date: p.diagnosed_on, kind: 'diagnostic', key: 'pathways.timeline.diagnostic', params: {} });
  for (const c of d.committee)
    out.push({
      date: c.meets_on,
      kind: 'committee',
      key: 'pathways.timeline.committee',
      params: { subject: c.subject },
      status: c.opinion ?? undefined,
      detail: d.canManage ? c.summary : null,
      upcoming: c.meets_on > today,
    });
  for (const a of d.actions) {
    const date = a.started_on ?? a.ended_on ?? a.target_on;
    if (!date) continue;
    out.push({
      date,
      kind: 'action',
      key: `pathways.kind.${a.kind}`,
      params: {},
      detail: a.title,
      status: a.status,
      href:
        a.kind === 'consultancy'
          ? a.case_open
            ? `/accompaniments/${a.accompaniment_id}`
            : null
          : `/pathways/${p.id}/actions/${a.id}`,
      upcoming: a.status === 'planned',
    });
  }
  for (const c of d.checkpoints)
    out.push({
      date: c.held_on ?? c.due_on,
      kind: 'checkpoint',
      key: c.held_on ? 'pathways.timeline.checkpoint' : 'pathways.timeline.checkpointDue',
      params: { months: c.offset_months },
      href: d.canManage ? `/pathways/${p.id}/checkpoints/${c.offset_months}` : null,
      upcoming: !c.held_on,
    });
  const rank = (e: TimelineEntry) =>
    ['request', 'pathway', 'diagnostic', 'committee', 'action', 'checkpoint'].indexOf(e.kind);
  return out.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : rank(a) - rank(b)));
}
