/**
 * What the parcours page computes from what is recorded: the follow-up checkpoints due (months
 * after the last action's end, config.followUpOffsetsMonths) and the to-dos saying what to do next.
 * Pure: the page and its tests call them with rows and today's date.
 */
import { dueDate } from '../follow-up/schedule';
import type { Pathway, PathwayAction } from './queries';
import type { Checkpoint } from './record-queries';

export type DueCheckpoint = Checkpoint & { recorded: boolean };

/** The day the last action ended (done or cancelled after it started), from which follow-up counts. */
export function lastActionEnd(actions: PathwayAction[]): string | null {
  const ends = actions.filter((a) => a.status === 'done' && a.ended_on).map((a) => a.ended_on as string);
  return ends.length ? ends.sort().at(-1)! : null;
}

/** One checkpoint per offset after the last action's end; those recorded with what was recorded. */
export function checkpointsOf(actions: PathwayAction[], recorded: Checkpoint[], offsets: number[]): DueCheckpoint[] {
  const end = lastActionEnd(actions);
  const byOffset = new Map(recorded.map((c) => [Number(c.offset_months), c]));
  const out: DueCheckpoint[] = [];
  const all = [...new Set([...(end ? offsets : []), ...byOffset.keys()])].sort((a, b) => a - b);
  for (const offset of all) {
    const r = byOffset.get(offset);
    if (r) out.push({ ...r, offset_months: offset, recorded: Boolean(r.held_on) });
    else if (end)
      out.push({
        offset_months: offset,
        due_on: dueDate(end, offset),
        held_on: null,
        employees: null,
        employees_in_insertion: null,
        notes: null,
        recorded: false,
      });
  }
  return out;
}

export type Todo = { key: string; params: Record<string, string | number>; href?: string; overdue?: boolean };

/** What to do next on an open parcours, most urgent first (keys of the pathways catalogue). */
export function todosOf(p: Pathway, actions: PathwayAction[], checkpoints: DueCheckpoint[], today: string): Todo[] {
  if (p.status === 'closed') return [];
  const todos: Todo[] = [];
  const base = `/pathways/${p.id}`;
  if (!p.diagnostic_summary && !p.shared_diagnostic_accompaniment_id)
    todos.push({ key: 'pathways.todo.diagnostic', params: {}, href: `${base}/diagnostic` });
  const live = actions.filter((a) => a.status === 'planned' || a.status === 'in_progress');
  if (!live.length && !actions.some((a) => a.status === 'done'))
    todos.push({ key: 'pathways.todo.noAction', params: {}, href: `${base}/actions/new?mode=plan` });
  for (const a of actions)
    if (a.status === 'planned' && a.kind !== 'consultancy' && a.target_on && a.target_on < today)
      todos.push({
        key: 'pathways.todo.late',
        params: { title: a.title, date: a.target_on },
        href: `${base}/actions/${a.id}`,
        overdue: true,
      });
  for (const a of actions)
    if (a.kind === 'orientation' && a.status === 'done' && !a.outcome)
      todos.push({
        key: 'pathways.todo.outcome',
        params: { partner: a.partner ?? a.title },
        href: `${base}/actions/${a.id}`,
      });
  if (!live.length) {
    const next = checkpoints.find((c) => !c.recorded);
    if (next)
      todos.push({
        key: next.due_on <= today ? 'pathways.todo.checkpointDue' : 'pathways.todo.checkpointNext',
        params: { months: next.offset_months, date: next.due_on },
        href: `${base}/checkpoints/${next.offset_months}`,
        overdue: next.due_on < today,
      });
    else if (checkpoints.length) todos.push({ key: 'pathways.todo.close', params: {}, href: `${base}/close` });
  }
  return todos;
}
