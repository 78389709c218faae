/**
 * What one virtual user does in a loop: the pages a coordinator reads all day, and one write per
 * round (a session, a notice, an action item, an edit of its own session), each carrying a unique
 * marker so the database can be searched for it afterwards.
 */
import { type VirtualUser } from './client';

export type WriteKind = 'session' | 'notice' | 'action' | 'edit';
/** ok: success redirect; refused: answered but not saved (503, 4xx); unknown: no answer (may be saved). */
export type WriteResult = 'ok' | 'refused' | 'unknown';
export type Write = {
  kind: WriteKind;
  marker: string;
  sessionId?: string;
  status: number;
  result: WriteResult;
  phase: string;
};

export type UserState = {
  vu: VirtualUser;
  index: number;
  accompanimentId: string;
  sessions: string[];
  /** The title each of its sessions should have now (after its last successful edit). */
  titles: Map<string, string>;
  writes: Write[];
  rounds: number;
};

export const markerPrefix = (run: string) => `LT${run}-`;

function outcome(status: number, location: string | null): WriteResult {
  if (status === 302 && location && !location.includes('/login')) return 'ok';
  return status === 0 ? 'unknown' : 'refused';
}

/** One round; `phase` labels the writes (load, outage). Never throws: failures are in the stats. */
export async function round(u: UserState, run: string, phase: string) {
  const { vu } = u;
  const acc = `/accompaniments/${u.accompanimentId}`;
  const marker = `${markerPrefix(run)}${u.index}-${u.rounds}`;
  const record = (kind: WriteKind, status: number, location: string | null, sessionId?: string) => {
    const w: Write = { kind, marker, sessionId, status, result: outcome(status, location), phase };
    u.writes.push(w);
    return w;
  };
  u.rounds++;

  await vu.get('/');
  await vu.get('/accompaniments?page=1');
  const accPage = await vu.get(acc);
  await vu.get(`${acc}/timeline`);

  const kinds: WriteKind[] = u.sessions.length ? ['session', 'notice', 'action', 'edit'] : ['session'];
  const kind = kinds[(u.rounds - 1) % kinds.length]; // round 1 a session, then a notice, an action item, an edit…
  const own = u.sessions[u.rounds % Math.max(1, u.sessions.length)];

  if (kind === 'session') {
    // Half the users log committee sessions: the form ticks the committee, so the session's
    // attendee rows are written in the same transaction (checked for wholeness afterwards).
    const type = u.index % 2 ? 'interview' : 'steering_committee';
    const form = await vu.get(`${acc}/sessions/new?type=${type}`);
    if (form.status !== 200) return;
    const res = await vu.submit(form.html, `${acc}/sessions`, {
      title: marker,
      type,
      start_time: '09:30',
      end_time: '11:00',
      days_consumed: '0',
    });
    if (!res) return;
    const w = record('session', res.status, res.location);
    const id = res.location?.match(/^\/sessions\/(\d+)/)?.[1];
    if (w.result === 'ok' && id) {
      w.sessionId = id;
      u.sessions.push(id);
      u.titles.set(id, marker);
    }
  } else if (kind === 'notice') {
    if (accPage.status !== 200) return;
    const res = await vu.submit(accPage.html, `${acc}/notices`, {
      kind: 'funders_informed',
      recipients: marker,
      content: 'Point d’étape envoyé (test de charge).',
    });
    if (res) record('notice', res.status, res.location);
  } else if (kind === 'action') {
    const page = await vu.get(`/sessions/${own}`);
    if (page.status !== 200) return;
    const res = await vu.submit(page.html, `/sessions/${own}/actions`, {
      what: marker,
      owner_name: 'Équipe de charge',
    });
    if (res) record('action', res.status, res.location, own);
  } else {
    const form = await vu.get(`/sessions/${own}/edit`);
    if (form.status !== 200) return;
    const res = await vu.submit(form.html, `/sessions/${own}`, { title: marker });
    if (!res) return;
    const w = record('edit', res.status, res.location, own);
    if (w.result === 'ok') u.titles.set(own, marker);
    // An edit without an answer may or may not be saved: either title is then acceptable.
    if (w.result === 'unknown') u.titles.set(own, `${u.titles.get(own)}|${marker}`);
  }
  const latest = u.sessions[u.sessions.length - 1];
  if (latest) await vu.get(`/sessions/${latest}`);
}

/** Runs rounds until `until()` says stop; the current round is always finished. */
export async function runUntil(u: UserState, run: string, phase: string, until: () => boolean) {
  while (!until()) await round(u, run, phase);
}
