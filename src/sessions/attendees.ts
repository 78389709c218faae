/** Who takes part in sessions: participants, the form's invitee choices, attendee lists and the attendance matrix. */
import type { Knex } from 'knex';
import type { Db, Trx } from '../platform/db';
import type { Id } from '../platform/id';
import type { SessionUser } from '../platform/auth/session-user';
import { onlySeen, THINGS } from '../accompaniments/withdrawn';
import type { GuestInput } from './schemas';
import type { SessionType } from './scope';

/** A person who can be invited: a Jalons user, a structure contact, or a named guest without an account. */
export type Participant = {
  user_id: string | null;
  contact_id: string | null;
  name: string;
  organisation_name: string | null;
  organisation_id: string | null;
};

export type Member = Participant & { id: string; role: string; working_group_id?: string };
export type Attendee = Participant & {
  id: string;
  presence: 'invited' | 'present' | 'excused' | 'absent';
  invitation_sent_at: Date | null;
  /** The day the person's structure withdrew from the case, if it did: shown « sortie le … », never hidden. */
  withdrawn_on?: string | null;
};

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
export async function sessionChoices(db: Db | Trx, accompanimentId: string, reader?: SessionUser): Promise<Choices> {
  const groupsOf = db('working_groups as g')
    .where({ 'g.accompaniment_id': accompanimentId })
    .orderBy([{ column: 'g.name' }, { column: 'g.id' }]);
  // Given its reader, only the groups it sees (a structure that left: accompaniments/withdrawn.ts).
  if (reader) onlySeen(groupsOf, reader, THINGS.workingGroup('g'));
  const [phases, groups, committee, groupMembers] = await Promise.all([
    db('phases')
      .where({ accompaniment_id: accompanimentId })
      .orderBy([{ column: 'position' }, { column: 'id' }])
      .select<Choices['phases']>('id', 'position', 'name'),
    groupsOf.select<Choices['groups']>('g.id', 'g.name', 'g.theme'),
    db('steering_committee_members as m')
      .leftJoin('organisations as o', 'o.id', 'm.organisation_id')
      .where('m.accompaniment_id', accompanimentId)
      .orderBy([{ column: 'm.name' }, { column: 'm.id' }])
      .select<Member[]>(
        'm.id',
        'm.role',
        ...participantColumns('m'),
        db.raw('coalesce(m.organisation_name, o.name) as organisation_name'),
      ),
    db('working_group_members as m')
      .join('working_groups as g', 'g.id', 'm.working_group_id')
      .leftJoin('organisations as o', 'o.id', 'm.organisation_id')
      .where('g.accompaniment_id', accompanimentId)
      .orderBy([{ column: 'm.name' }, { column: 'm.id' }])
      .select<Member[]>(
        'm.id',
        'm.working_group_id',
        db.raw("'member' as role"),
        ...participantColumns('m'),
        db.raw('coalesce(m.organisation_name, o.name) as organisation_name'),
      ),
  ]);
  return { phases, groups, committee, groupMembers };
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
export function defaultInvitees(choices: Choices, type: string | undefined, workingGroupId: string | null | undefined) {
  if (type === 'steering_committee') return choices.committee.map((m) => `scm:${m.id}`);
  if (type === 'working_group' && workingGroupId)
    return choices.groupMembers.filter((m) => m.working_group_id === workingGroupId).map((m) => `wgm:${m.id}`);
  return [];
}

/**
 * The one switch of the form (`invite_body`): every member of the case's steering committee
 * ('committee') or of one of its working groups ('group:<id>'), as checkbox values; [] when none is
 * chosen, null for anything else (a group of another case, a value no form offers).
 */
export function bodyInvitees(choices: Choices, body: string | null | undefined): string[] | null {
  if (!body) return [];
  if (body === 'committee') return defaultInvitees(choices, 'steering_committee', null);
  const group = /^group:([1-9]\d{0,17})$/.exec(body)?.[1];
  if (!group || !choices.groups.some((g) => g.id === group)) return null;
  return defaultInvitees(choices, 'working_group', group);
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

/**
 * The withdrawal day of an attendee's structure (alias `sa` of session_attendees, `s` of its
 * session): a structure that left keeps its attendance, marked « sortie le … ».
 */
const withdrawnOn = (db: Db | Trx) =>
  db.raw(`(select b.withdrawn_on from accompaniment_beneficiaries b
            where b.accompaniment_id = s.accompaniment_id and b.organisation_id = sa.organisation_id and b.status = 'withdrawn') as withdrawn_on`);

export async function listAttendees(db: Db | Trx, sessionId: string): Promise<Attendee[]> {
  return await db('session_attendees as sa')
    .join('sessions as s', 's.id', 'sa.session_id')
    .leftJoin('organisations as o', 'o.id', 'sa.organisation_id')
    .where('sa.session_id', sessionId)
    .orderBy([{ column: 'sa.name' }, { column: 'sa.id' }])
    .select<Attendee[]>(
      'sa.id',
      ...participantColumns('sa'),
      db.raw('coalesce(sa.organisation_name, o.name) as organisation_name'),
      'sa.presence',
      'sa.invitation_sent_at',
      withdrawnOn(db),
    );
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
  const existing = await trx('session_attendees')
    .where({ session_id: sessionId })
    .select<(Pick<Participant, 'user_id' | 'contact_id' | 'name' | 'organisation_name'> & { id: Id })[]>(
      'id',
      'user_id',
      'contact_id',
      'name',
      'organisation_name',
    );
  const byId = new Map(existing.map((a) => [a.id, a]));
  const kept = new Set<string>();
  const claim = (p: Participant) => {
    const key = participantKey(p);
    const match = existing.find((a) => !kept.has(a.id) && participantKey(a) === key);
    if (match) kept.add(match.id);
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
        await trx('session_attendees')
          .where({ id: g.id, session_id: sessionId })
          .update({ name: g.name, organisation_name: g.organisation_name });
      }
    }
  }
  const wanted: Participant[] = [
    ...members,
    ...guests
      .filter((g) => !(g.id && byId.has(g.id)))
      .map((g) => ({
        user_id: null,
        contact_id: null,
        organisation_id: null,
        name: g.name,
        organisation_name: g.organisation_name,
      })),
  ];
  for (const p of wanted) {
    const key = participantKey(p);
    if (seen.has(key)) continue;
    seen.add(key);
    if (!claim(p)) toInsert.push(p);
  }
  const removed = existing.filter((a) => !kept.has(a.id)).map((a) => a.id);
  if (removed.length) await trx('session_attendees').where({ session_id: sessionId }).whereIn('id', removed).delete();
  if (toInsert.length)
    await trx('session_attendees').insert(
      toInsert.map((p) => ({ ...participantRow(p), session_id: sessionId, presence: 'invited' })),
    );
  return { added: toInsert.length, removed: removed.length };
}

export async function addGuest(trx: Trx, sessionId: string, name: string, organisationName: string | null) {
  await trx('session_attendees').insert({
    session_id: sessionId,
    name,
    organisation_name: organisationName,
    presence: 'invited',
  });
}

export type MatrixSession = { id: string; type: SessionType; title: string; starts_at: Date };
export type MatrixRow = {
  key: string;
  name: string;
  organisation_name: string | null;
  withdrawn_on: string | null;
  cells: Record<string, Attendee['presence'] | undefined>;
};

/** Who came to what: one row per person (merged across sessions), one column per session. */
export async function attendanceMatrix(db: Db, accompanimentId: string, reader?: SessionUser) {
  // Given its reader, only the sessions it sees (a structure that left: accompaniments/withdrawn.ts).
  const seen = <Q extends Knex.QueryBuilder>(q: Q) => (reader ? onlySeen(q, reader, THINGS.session('s')) : q);
  const sessions: MatrixSession[] = await seen(
    db('sessions as s')
      .where({ 's.accompaniment_id': accompanimentId })
      .orderBy([{ column: 's.starts_at' }, { column: 's.id' }])
      .select<MatrixSession[]>('s.id', 's.type', 's.title', 's.starts_at'),
  );
  const attendees = await seen(
    db('session_attendees as sa')
      .join('sessions as s', 's.id', 'sa.session_id')
      .leftJoin('organisations as o', 'o.id', 'sa.organisation_id')
      .where('s.accompaniment_id', accompanimentId),
  ).select<(Participant & Pick<Attendee, 'presence'> & { session_id: Id; withdrawn_on: string | null })[]>(
    'sa.session_id',
    ...participantColumns('sa'),
    db.raw('coalesce(sa.organisation_name, o.name) as organisation_name'),
    'sa.presence',
    withdrawnOn(db),
  );
  const rows = new Map<string, MatrixRow>();
  for (const a of attendees) {
    const key = participantKey(a);
    let row = rows.get(key);
    if (!row) {
      row = {
        key,
        name: a.name,
        organisation_name: a.organisation_name,
        withdrawn_on: a.withdrawn_on ?? null,
        cells: {},
      };
      rows.set(key, row);
    }
    row.cells[String(a.session_id)] = a.presence;
  }
  const people = [...rows.values()].sort(
    (x, y) =>
      x.name.localeCompare(y.name, 'fr') || (x.organisation_name ?? '').localeCompare(y.organisation_name ?? '', 'fr'),
  );
  return { sessions, people };
}
