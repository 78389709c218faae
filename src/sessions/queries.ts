import type { Db, Trx } from '../platform/db';
import type { ActionItemInput, ActionStatus, GuestInput } from './schemas';
import type { SessionRow, SessionType } from './scope';

/** A person who can be invited: a Jalons user, a structure contact, or a named guest without an account. */
export type Participant = {
  user_id: string | null;
  contact_id: string | null;
  name: string;
  organisation_name: string | null;
  organisation_id: string | null;
};

export type Member = Participant & { id: string; role: string; working_group_id?: string };
export type Attendee = Participant & { id: string; presence: 'invited' | 'present' | 'excused' | 'absent'; invitation_sent_at: Date | null };

const norm = (s: string | null | undefined) => (s ?? '').trim().toLowerCase().replace(/\s+/g, ' ');

/** The same person, whichever list they come from: by account, by contact, else by name and organisation. */
export function participantKey(p: Pick<Participant, 'user_id' | 'contact_id' | 'name' | 'organisation_name'>) {
  if (p.user_id) return `u:${p.user_id}`;
  if (p.contact_id) return `c:${p.contact_id}`;
  return `n:${norm(p.name)}|${norm(p.organisation_name)}`;
}

const participantColumns = (alias: string) => [
  `${alias}.user_id`,
  `${alias}.contact_id`,
  `${alias}.name`,
  `${alias}.organisation_id`,
];

export type Choices = {
  phases: { id: string; position: number; name: string }[];
  groups: { id: string; name: string; theme: string }[];
  committee: Member[];
  groupMembers: Member[];
};

/** What the session form offers for a case: its phases, working groups and the people of its bodies. */
export async function sessionChoices(db: Db | Trx, accompanimentId: string): Promise<Choices> {
  const [phases, groups, committee, groupMembers] = await Promise.all([
    db('phases').where({ accompaniment_id: accompanimentId }).orderBy([{ column: 'position' }, { column: 'id' }]).select('id', 'position', 'name'),
    db('working_groups').where({ accompaniment_id: accompanimentId }).orderBy([{ column: 'name' }, { column: 'id' }]).select('id', 'name', 'theme'),
    db('steering_committee_members as m')
      .leftJoin('organisations as o', 'o.id', 'm.organisation_id')
      .where('m.accompaniment_id', accompanimentId)
      .orderBy([{ column: 'm.name' }, { column: 'm.id' }])
      .select('m.id', 'm.role', ...participantColumns('m'), db.raw('coalesce(m.organisation_name, o.name) as organisation_name')),
    db('working_group_members as m')
      .join('working_groups as g', 'g.id', 'm.working_group_id')
      .leftJoin('organisations as o', 'o.id', 'm.organisation_id')
      .where('g.accompaniment_id', accompanimentId)
      .orderBy([{ column: 'm.name' }, { column: 'm.id' }])
      .select('m.id', 'm.working_group_id', db.raw("'member' as role"), ...participantColumns('m'), db.raw('coalesce(m.organisation_name, o.name) as organisation_name')),
  ]);
  const ids = <T extends { id: unknown }>(rows: T[]) => rows.map((r) => ({ ...r, id: String(r.id) }));
  return {
    phases: ids(phases),
    groups: ids(groups),
    committee: ids(committee as Member[]),
    groupMembers: (groupMembers as Member[]).map((m) => ({ ...m, id: String(m.id), working_group_id: String(m.working_group_id) })),
  };
}

/** The checkbox values of the members a list of attendees already covers ('scm:3', 'wgm:8'…). */
export function inviteeValuesOf(choices: Choices, attendees: Participant[]) {
  const keys = new Set(attendees.map(participantKey));
  return [
    ...choices.committee.filter((m) => keys.has(participantKey(m))).map((m) => `scm:${m.id}`),
    ...choices.groupMembers.filter((m) => keys.has(participantKey(m))).map((m) => `wgm:${m.id}`),
  ];
}

/** Default invitees of a new session: the whole committee, or the chosen group's members. */
export function defaultInvitees(choices: Choices, type: SessionType | string | undefined, workingGroupId: string | null | undefined) {
  if (type === 'steering_committee') return choices.committee.map((m) => `scm:${m.id}`);
  if (type === 'working_group' && workingGroupId) return choices.groupMembers.filter((m) => m.working_group_id === workingGroupId).map((m) => `wgm:${m.id}`);
  return [];
}

/** Members ticked on the form, resolved against the case's lists; unknown values come back separately. */
export function resolveInvitees(choices: Choices, values: string[]) {
  const found: Participant[] = [];
  const unknown: string[] = [];
  for (const v of values) {
    const [kind, id] = v.split(':');
    const m = (kind === 'scm' ? choices.committee : choices.groupMembers).find((x) => x.id === id);
    if (m) found.push(m);
    else unknown.push(v);
  }
  return { found, unknown };
}

export function listAttendees(db: Db | Trx, sessionId: string): Promise<Attendee[]> {
  return db('session_attendees as sa')
    .leftJoin('organisations as o', 'o.id', 'sa.organisation_id')
    .where('sa.session_id', sessionId)
    .orderBy([{ column: 'sa.name' }, { column: 'sa.id' }])
    .select('sa.id', ...participantColumns('sa'), db.raw('coalesce(sa.organisation_name, o.name) as organisation_name'), 'sa.presence', 'sa.invitation_sent_at')
    .then((rows) => rows.map((r) => ({ ...r, id: String(r.id) })));
}

const participantRow = (p: Participant) => ({
  user_id: p.user_id ?? null,
  contact_id: p.contact_id ?? null,
  name: p.name,
  organisation_name: p.organisation_name ?? null,
  organisation_id: p.organisation_id ?? null,
});

/**
 * Makes the session's invitee list the one of the form: members ticked, guest rows kept or added.
 * Someone already invited keeps their row (and their presence); whoever is no longer listed is removed.
 */
export async function syncAttendees(trx: Trx, sessionId: string, members: Participant[], guests: GuestInput[]) {
  const existing = await trx('session_attendees').where({ session_id: sessionId }).select('id', 'user_id', 'contact_id', 'name', 'organisation_name');
  const byId = new Map(existing.map((a) => [String(a.id), a]));
  const kept = new Set<string>();
  const claim = (p: Participant) => {
    const key = participantKey(p);
    const match = existing.find((a) => !kept.has(String(a.id)) && participantKey(a) === key);
    if (match) kept.add(String(match.id));
    return Boolean(match);
  };
  const toInsert: Participant[] = [];
  const seen = new Set<string>();
  // Guest rows that are existing attendees stay themselves (a user or contact shown as a row keeps its link).
  for (const g of guests) {
    const current = g.id ? byId.get(g.id) : undefined;
    if (current && !kept.has(g.id!)) {
      kept.add(g.id!);
      seen.add(participantKey(current));
      if (current.name !== g.name || (current.organisation_name ?? null) !== g.organisation_name) {
        await trx('session_attendees').where({ id: g.id, session_id: sessionId }).update({ name: g.name, organisation_name: g.organisation_name });
      }
    }
  }
  const wanted: Participant[] = [
    ...members,
    ...guests.filter((g) => !(g.id && byId.has(g.id))).map((g) => ({ user_id: null, contact_id: null, organisation_id: null, name: g.name, organisation_name: g.organisation_name })),
  ];
  for (const p of wanted) {
    const key = participantKey(p);
    if (seen.has(key)) continue;
    seen.add(key);
    if (!claim(p)) toInsert.push(p);
  }
  const removed = existing.filter((a) => !kept.has(String(a.id))).map((a) => a.id);
  if (removed.length) await trx('session_attendees').where({ session_id: sessionId }).whereIn('id', removed).delete();
  if (toInsert.length) await trx('session_attendees').insert(toInsert.map((p) => ({ ...participantRow(p), session_id: sessionId, presence: 'invited' })));
  return { added: toInsert.length, removed: removed.length };
}

export async function addGuest(trx: Trx, sessionId: string, name: string, organisationName: string | null) {
  await trx('session_attendees').insert({ session_id: sessionId, name, organisation_name: organisationName, presence: 'invited' });
}

export type SessionDetails = {
  phase_name: string | null;
  phase_position: number | null;
  group_name: string | null;
  logged_by_name: string | null;
  logged_by_role: string | null;
  validated_by_name: string | null;
};

export async function sessionDetails(db: Db, s: SessionRow): Promise<SessionDetails> {
  const [phase, group, logged, validated] = await Promise.all([
    s.phase_id ? db('phases').where({ id: s.phase_id }).first('name', 'position') : null,
    s.working_group_id ? db('working_groups').where({ id: s.working_group_id }).first('name') : null,
    s.logged_by ? db('users').where({ id: s.logged_by }).first('name', 'role') : null,
    s.validated_by ? db('users').where({ id: s.validated_by }).first('name') : null,
  ]);
  return {
    phase_name: phase?.name ?? null,
    phase_position: phase?.position ?? null,
    group_name: group?.name ?? null,
    logged_by_name: logged?.name ?? null,
    logged_by_role: logged?.role ?? null,
    validated_by_name: validated?.name ?? null,
  };
}

/**
 * A session waits for the coordinator's validation when someone logged it and nobody validated it:
 * the operator's staff validate their own on creation, so this is a session the provider logged or
 * changed since it was validated.
 */
export const needsValidation = (s: Pick<SessionRow, 'validated_at' | 'logged_by'>) => s.validated_at == null && s.logged_by != null;

export type ListFilters = { type?: string; phase_id?: string; working_group_id?: string };

export type SessionListRow = {
  id: string;
  type: SessionType;
  title: string;
  theme: string | null;
  starts_at: Date;
  ends_at: Date | null;
  days_consumed: string;
  status: 'planned' | 'held' | 'closed';
  validated_at: Date | null;
  logged_by: string | null;
  phase_name: string | null;
  group_name: string | null;
  invited: string | number;
  present: string | number;
};

/** The case's sessions, by date, with their attendance counts in the same query. */
export function listSessions(db: Db, accompanimentId: string, f: ListFilters): Promise<SessionListRow[]> {
  const q = db('sessions as s')
    .leftJoin('phases as p', 'p.id', 's.phase_id')
    .leftJoin('working_groups as g', 'g.id', 's.working_group_id')
    .where('s.accompaniment_id', accompanimentId)
    .orderBy([{ column: 's.starts_at' }, { column: 's.id' }])
    .select(
      's.id',
      's.type',
      's.title',
      's.theme',
      's.starts_at',
      's.ends_at',
      's.days_consumed',
      's.status',
      's.validated_at',
      's.logged_by',
      'p.name as phase_name',
      'g.name as group_name',
      db.raw('(select count(*) from session_attendees a where a.session_id = s.id) as invited'),
      db.raw(`(select count(*) from session_attendees a where a.session_id = s.id and a.presence = 'present') as present`),
    );
  if (f.type) q.where('s.type', f.type);
  if (f.phase_id) q.where('s.phase_id', f.phase_id);
  if (f.working_group_id) q.where('s.working_group_id', f.working_group_id);
  return q;
}

export type ActionItem = {
  id: string;
  session_id: string | null;
  working_group_id: string | null;
  what: string;
  owner_name: string | null;
  owner_organisation_id: string | null;
  owner_organisation_name: string | null;
  due_on: string | null;
  status: ActionStatus;
  closed_at: Date | null;
  created_at: Date;
  session_title: string | null;
  session_starts_at: Date | null;
};

const actionColumns = [
  'ai.id',
  'ai.session_id',
  'ai.working_group_id',
  'ai.what',
  'ai.owner_name',
  'ai.owner_organisation_id',
  'oo.name as owner_organisation_name',
  'ai.due_on',
  'ai.status',
  'ai.closed_at',
  'ai.created_at',
  'os.title as session_title',
  'os.starts_at as session_starts_at',
];

const actionQuery = (db: Db | Trx) =>
  db('action_items as ai')
    .leftJoin('organisations as oo', 'oo.id', 'ai.owner_organisation_id')
    .leftJoin('sessions as os', 'os.id', 'ai.session_id')
    .select(actionColumns);

export function sessionActionItems(db: Db, sessionId: string): Promise<ActionItem[]> {
  return actionQuery(db).where('ai.session_id', sessionId).orderBy([{ column: 'ai.created_at' }, { column: 'ai.id' }]);
}

/**
 * Open action items of the same body, from its earlier sessions, shown again until they are closed:
 * the same working group for a working-group session, earlier steering-committee sessions for a
 * steering-committee one. Other kinds of session carry nothing forward.
 */
export function carriedForwardItems(db: Db, s: Pick<SessionRow, 'id' | 'accompaniment_id' | 'type' | 'working_group_id' | 'starts_at'>): Promise<ActionItem[]> {
  const q = actionQuery(db)
    .where('ai.accompaniment_id', s.accompaniment_id)
    .whereIn('ai.status', ['open', 'in_progress'])
    .where((w) => w.whereNull('ai.session_id').orWhere('ai.session_id', '<>', s.id))
    .orderBy([{ column: 'os.starts_at' }, { column: 'ai.id' }]);
  if (s.type === 'working_group' && s.working_group_id) {
    q.where('ai.working_group_id', s.working_group_id).where((w) => w.whereNull('os.starts_at').orWhere('os.starts_at', '<', s.starts_at));
  } else if (s.type === 'steering_committee') {
    q.where('os.type', 'steering_committee').where('os.starts_at', '<', s.starts_at);
  } else {
    q.whereRaw('false');
  }
  return q;
}

export async function insertActionItem(trx: Trx, s: Pick<SessionRow, 'id' | 'accompaniment_id' | 'working_group_id'>, input: ActionItemInput) {
  const [row] = await trx('action_items')
    .insert({ accompaniment_id: s.accompaniment_id, session_id: s.id, working_group_id: s.working_group_id, ...input, status: 'open' })
    .returning('id');
  return String(row.id);
}

/** Beneficiary structures of the case: who may own an action item. */
export function ownerChoices(db: Db, accompanimentId: string): Promise<{ id: string; name: string }[]> {
  return db('accompaniment_beneficiaries as b')
    .join('organisations as o', 'o.id', 'b.organisation_id')
    .where('b.accompaniment_id', accompanimentId)
    .orderBy('o.name')
    .select('o.id', 'o.name')
    .then((rows) => rows.map((r) => ({ id: String(r.id), name: r.name })));
}

export type MatrixSession = { id: string; type: SessionType; title: string; starts_at: Date };
export type MatrixRow = { key: string; name: string; organisation_name: string | null; cells: Record<string, Attendee['presence'] | undefined> };

/** Who came to what: one row per person (merged across sessions), one column per session. */
export async function attendanceMatrix(db: Db, accompanimentId: string) {
  const sessions: MatrixSession[] = await db('sessions')
    .where({ accompaniment_id: accompanimentId })
    .orderBy([{ column: 'starts_at' }, { column: 'id' }])
    .select('id', 'type', 'title', 'starts_at');
  const attendees = await db('session_attendees as sa')
    .join('sessions as s', 's.id', 'sa.session_id')
    .leftJoin('organisations as o', 'o.id', 'sa.organisation_id')
    .where('s.accompaniment_id', accompanimentId)
    .select('sa.session_id', ...participantColumns('sa'), db.raw('coalesce(sa.organisation_name, o.name) as organisation_name'), 'sa.presence');
  const rows = new Map<string, MatrixRow>();
  for (const a of attendees) {
    const key = participantKey(a);
    let row = rows.get(key);
    if (!row) {
      row = { key, name: a.name, organisation_name: a.organisation_name, cells: {} };
      rows.set(key, row);
    }
    row.cells[String(a.session_id)] = a.presence;
  }
  const people = [...rows.values()].sort((x, y) => x.name.localeCompare(y.name, 'fr') || (x.organisation_name ?? '').localeCompare(y.organisation_name ?? '', 'fr'));
  return { sessions: sessions.map((s) => ({ ...s, id: String(s.id) })), people };
}
