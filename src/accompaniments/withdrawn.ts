import type { Knex } from 'knex';
import type { SessionUser } from '../platform/auth/session-user';
import type { Db, Trx } from '../platform/db';
import { notFound } from '../platform/errors';

/**
 * What a structure sees of a case after it left it (issue 17). A beneficiary whose structure
 * withdrew (accompaniment_beneficiaries.status = 'withdrawn', withdrawn_on = its exit day) still
 * reaches the case (the scope is unchanged: it keeps its history), but sees it as it stood on its
 * exit day: everything dated on or before that day, plus what it is explicitly invited to since (a
 * session it is an attendee of, the sessions and pages of a working group it belongs to, a
 * convention version it is a party to, its own signatures). Anything later is not there for it:
 * lists leave it out, detail pages answer 404. Rejoining clears withdrawn_on, and with it the cut.
 * Everyone else (staff, providers, funders, relays, a structure still in the case) sees everything
 * in scope, as before.
 *
 * This is the only place where the rule is written: each area applies `seenBy(user, THINGS.x(alias))`
 * to its queries (a condition in SQL, which reads the exit day itself), and the case page reads
 * `exitOf` for its note.
 */

/** A thing of a case as this rule sees it: its case, the day it is dated, and how a structure may be invited to it. */
export type Thing = {
  /** SQL expression of the thing's case id. */
  acc: string;
  /** SQL expression of the day (date) the thing belongs to. */
  day: string;
  /** SQL conditions under which the reader's structure is invited to it; each reads its organisation as `$ORG`. */
  invited?: string[];
};

/** An SQL condition and its bindings, for `whereRaw` or a raw statement. */
export type Condition = { sql: string; bindings: string[] };

const ORG = '$ORG';
const parisDay = (ts: string) => `(${ts} at time zone 'Europe/Paris')::date`;

/** The things each area lists or shows, by the alias its query gives the table. */
export const THINGS = {
  /** A session, on its Paris day; invited: an attendee from the structure, or a working group it belongs to. */
  session: (s = 's'): Thing => ({
    acc: `${s}.accompaniment_id`,
    day: parisDay(`${s}.starts_at`),
    invited: [
      `exists (select 1 from session_attendees xa where xa.session_id = ${s}.id and xa.organisation_id = ${ORG})`,
      `exists (select 1 from working_group_structures xw where xw.working_group_id = ${s}.working_group_id and xw.organisation_id = ${ORG})`,
    ],
  }),
  /**
   * A working group, from its first recorded activity (a session, an action item) or its creation,
   * whichever came first (a group recorded later keeps the day it started working); invited: one of
   * its structures, or a member from the structure.
   */
  workingGroup: (g = 'g'): Thing => ({
    acc: `${g}.accompaniment_id`,
    day: `least((select min(${parisDay('xs.starts_at')}) from sessions xs where xs.working_group_id = ${g}.id),
                (select min(${parisDay('xi.created_at')}) from action_items xi where xi.working_group_id = ${g}.id),
                ${parisDay(`${g}.created_at`)})`,
    invited: [
      `exists (select 1 from working_group_structures xw where xw.working_group_id = ${g}.id and xw.organisation_id = ${ORG})`,
      `exists (select 1 from working_group_members xm where xm.working_group_id = ${g}.id and xm.organisation_id = ${ORG})`,
    ],
  }),
  /** An action item: the day of its session (or of its recording); invited: its session's, or owned by the structure. */
  actionItem: (ai = 'ai'): Thing => ({
    acc: `${ai}.accompaniment_id`,
    day: `coalesce((select ${parisDay('xs.starts_at')} from sessions xs where xs.id = ${ai}.session_id), ${parisDay(`${ai}.created_at`)})`,
    invited: [
      `${ai}.owner_organisation_id = ${ORG}`,
      `exists (select 1 from session_attendees xa where xa.session_id = ${ai}.session_id and xa.organisation_id = ${ORG})`,
    ],
  }),
  /** A convention version on its day of issue; invited: the structure is one of its parties. */
  convention: (c = 'c'): Thing => ({
    acc: `${c}.accompaniment_id`,
    day: `${c}.issued_on`,
    invited: [
      `exists (select 1 from convention_parties xp where xp.convention_id = ${c}.id and xp.organisation_id = ${ORG})`,
    ],
  }),
  /** A deliverable, from its first version handed in (or its creation, while none is). */
  deliverable: (d = 'd'): Thing => ({
    acc: `${d}.accompaniment_id`,
    day: `coalesce((select min(xv.submitted_on) from deliverable_versions xv where xv.deliverable_id = ${d}.id), ${parisDay(`${d}.created_at`)})`,
  }),
  /** A notice on the day it was given. */
  notice: (n = 'n'): Thing => ({ acc: `${n}.accompaniment_id`, day: `${n}.on_date` }),
  /** What closes the case (close-out checklist, case sheet): from the day the close-out began. */
  closeOut: (a = 'a'): Thing => ({
    acc: `${a}.id`,
    day: `coalesce((select min(xt.on_date) from accompaniment_transitions xt where xt.accompaniment_id = ${a}.id and xt.to_state = 'close_out'), current_date)`,
  }),
  /** The handoff to the relay, on its day. */
  handoff: (h = 'h'): Thing => ({ acc: `${h}.accompaniment_id`, day: `${h}.handed_off_on` }),
  /** A follow-up checkpoint, on the day it took place (or is due). */
  checkpoint: (fc = 'fc'): Thing => ({ acc: `${fc}.accompaniment_id`, day: `coalesce(${fc}.held_on, ${fc}.due_on)` }),
  /**
   * A stored file, on the day of what it belongs to: a convention version's issue, a signature's
   * day, a deliverable version's handing in; otherwise its upload. Invited: a convention version
   * the structure is a party to, its own signature's scan.
   */
  document: (doc = 'doc'): Thing => ({
    acc: `${doc}.accompaniment_id`,
    day: `coalesce(case ${doc}.purpose
        when 'convention' then (select xc.issued_on from conventions xc where xc.document_id = ${doc}.id)
        when 'convention_scan' then (select xg.signed_on from convention_signatures xg where xg.scan_document_id = ${doc}.id)
        when 'deliverable' then (select xv.submitted_on from deliverable_versions xv where xv.document_id = ${doc}.id)
      end, ${parisDay(`${doc}.uploaded_at`)})`,
    invited: [
      `exists (select 1 from conventions xc join convention_parties xp on xp.convention_id = xc.id where xc.document_id = ${doc}.id and xp.organisation_id = ${ORG})`,
      `exists (select 1 from convention_signatures xg where xg.scan_document_id = ${doc}.id and xg.organisation_id = ${ORG})`,
    ],
  }),
  /**
   * An entry of the timeline (src/timeline/queries.ts), on its day; invited: a session it is
   * invited to, a convention version it is a party to, its own signature.
   */
  timelineEntry: (acc: string, e = 'e'): Thing => ({
    acc,
    day: `${e}.on_date`,
    invited: [
      `(${e}.category = 'sessions' and ${THINGS.session('xts')
        .invited!.map((c) => `exists (select 1 from sessions xts where xts.id = ${e}.ref_id and ${c})`)
        .join(' or ')})`,
      `(${e}.kind = 'convention_issued' and exists (select 1 from convention_parties xp where xp.convention_id = ${e}.ref_id and xp.organisation_id = ${ORG}))`,
      `(${e}.kind = 'convention_signed' and exists (select 1 from convention_signatures xg where xg.id = ${e}.ref_id and xg.organisation_id = ${ORG}))`,
    ],
  }),
};

/**
 * The condition « the reader's structure sees this thing », with its organisation as the SQL
 * expression `org` (a column or a `?`): it had not left the case before the thing's day, or it
 * is invited to it.
 */
export function seenSql(thing: Thing, org: string): string {
  const left = `exists (select 1 from accompaniment_beneficiaries xb
      where xb.accompaniment_id = ${thing.acc} and xb.organisation_id = ${org} and xb.status = 'withdrawn' and xb.withdrawn_on < ${thing.day})`;
  const invited = (thing.invited ?? []).map((c) => `(${c.split(ORG).join(org)})`);
  return `(not ${left}${invited.length ? ` or ${invited.join(' or ')}` : ''})`;
}

/** Whether the rule applies to this reader at all: only a structure's account can have left a case. */
export const mayHaveLeft = (user: SessionUser) => user.role === 'beneficiary';

/** The condition for this reader (always true for anyone but a structure's account). */
export function seenBy(user: SessionUser, thing: Thing): Condition {
  if (!mayHaveLeft(user)) return { sql: 'true', bindings: [] };
  const sql = seenSql(thing, '?::bigint');
  return { sql, bindings: Array<string>(sql.split('?::bigint').length - 1).fill(String(user.organisation_id)) };
}

/** Keeps, in a knex query, only what the reader sees (nothing added for anyone but a structure). */
export function onlySeen<Q extends Knex.QueryBuilder>(q: Q, user: SessionUser, thing: Thing): Q {
  if (!mayHaveLeft(user)) return q;
  const c = seenBy(user, thing);
  return q.whereRaw(c.sql, c.bindings) as Q;
}

/** Whether the reader sees the row `id` of `table` (aliased as the thing expects): false answers 404. */
export async function sees(
  db: Db | Trx,
  user: SessionUser,
  table: string,
  alias: string,
  id: string,
  thing: Thing,
): Promise<boolean> {
  if (!mayHaveLeft(user)) return true;
  const row = await onlySeen(db(`${table} as ${alias}`).where(`${alias}.id`, id), user, thing).first<
    { seen: number } | undefined
  >(db.raw('1 as seen'));
  return !!row;
}

/** For a detail page: 404 when the reader's structure left the case before this thing and is not invited to it. */
export async function refuseUnseen(
  db: Db | Trx,
  user: SessionUser,
  table: string,
  alias: string,
  id: string,
  thing: Thing,
): Promise<void> {
  if (!(await sees(db, user, table, alias, id, thing))) throw notFound();
}

/**
 * Parts of the case that begin at its close-out (the checklist, the case sheet) or at the handoff
 * (the handoff, the follow-up checkpoints): a structure that left before does not see them at all.
 */
const LATER_PARTS = {
  'close-out': { table: 'accompaniments', alias: 'a', on: 'a.id', thing: THINGS.closeOut('a') },
  'case-sheet': { table: 'accompaniments', alias: 'a', on: 'a.id', thing: THINGS.closeOut('a') },
  handoffs: { table: 'handoffs', alias: 'h', on: 'h.accompaniment_id', thing: THINGS.handoff('h') },
  'follow-up': { table: 'handoffs', alias: 'h', on: 'h.accompaniment_id', thing: THINGS.handoff('h') },
} as const;
export type LaterPart = keyof typeof LATER_PARTS;
const isLaterPart = (part: string): part is LaterPart => part in LATER_PARTS;

/** Whether the reader sees this part of the case (a section id of the page: only the later parts above may be hidden). */
export async function seesPart(
  db: Db | Trx,
  user: SessionUser,
  accompanimentId: string,
  part: string,
): Promise<boolean> {
  if (!mayHaveLeft(user) || !isLaterPart(part)) return true;
  const p = LATER_PARTS[part];
  const row = await onlySeen(db(`${p.table} as ${p.alias}`).where(p.on, accompanimentId), user, p.thing).first<
    { seen: number } | undefined
  >(db.raw('1 as seen'));
  return !!row;
}

/** For the page of a later part (close-out, case sheet, handoff, follow-up): 404 for a structure that left before it. */
export async function refusePart(
  db: Db | Trx,
  user: SessionUser,
  accompanimentId: string,
  part: LaterPart,
): Promise<void> {
  if (!(await seesPart(db, user, accompanimentId, part))) throw notFound();
}

/**
 * The day the reader's structure left the case, when it did (and has not come back); null for
 * anyone else. The case page says so above its tabs.
 */
export async function exitOf(db: Db | Trx, user: SessionUser, accompanimentId: string): Promise<string | null> {
  if (!mayHaveLeft(user)) return null;
  const row = await db('accompaniment_beneficiaries')
    .where({ accompaniment_id: accompanimentId, organisation_id: user.organisation_id, status: 'withdrawn' })
    .whereNotNull('withdrawn_on')
    .first<{ withdrawn_on: string } | undefined>('withdrawn_on');
  return row ? row.withdrawn_on : null;
}

/**
 * Of the rows of a thing the reader sees (a deliverable handed in before its exit), those dated on
 * or before its exit day (`exitOf`): the versions handed in and the decisions taken since are not
 * there for it. Every row when it did not leave (exit null).
 */
export function upToExit<T>(exit: string | null, rows: T[], dayOf: (row: T) => string | null): T[] {
  if (!exit) return rows;
  return rows.filter((r) => {
    const day = dayOf(r);
    return day != null && day <= exit;
  });
}
