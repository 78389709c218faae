import type { Db } from '../../src/platform/db';
import { createOrganisation, createUser } from './index';

let seq = 0;
const next = () => `${Date.now().toString(36)}${(seq++).toString(36)}`;

/** An operator with its coordinator and one of its accompaniments, straight in the database. */
export async function createCalendarCase(db: Db, o: Partial<{ title: string }> = {}) {
  const operator = await createOrganisation(db, { kind: 'operator', name: `DLA ${next()}` });
  const coordinator = await createUser(db, { role: 'coordinator', organisation_id: operator.id });
  const [{ id }] = await db('accompaniments')
    .insert({
      operator_id: operator.id,
      coordinator_id: coordinator.id,
      title: o.title ?? `Accompagnement ${next()}`,
      kind: 'collective',
      state: 'delivery',
      intake_on: '2015-09-01',
    })
    .returning('id');
  return { operator, coordinator, accId: String(id) };
}

/** A session of an accompaniment (its own routes are tested by the sessions area). */
export async function createSession(
  db: Db,
  accId: string,
  o: Partial<{
    title: string;
    type: string;
    starts_at: Date;
    ends_at: Date | null;
    place: string | null;
    video_url: string | null;
    agenda: string | null;
    lock_version: number;
  }> = {},
) {
  const row = {
    accompaniment_id: accId,
    type: o.type ?? 'working_group',
    title: o.title ?? `Séance ${next()}`,
    starts_at: o.starts_at ?? new Date('2016-02-12T13:00:00Z'),
    ends_at: o.ends_at === undefined ? null : o.ends_at,
    place: o.place === undefined ? 'Belfort' : o.place,
    video_url: o.video_url ?? null,
    agenda: o.agenda ?? null,
    lock_version: o.lock_version ?? 0,
  };
  const [{ id }] = await db('sessions').insert(row).returning('id');
  return { id: String(id), ...row };
}

/** One person on a session's list: a user, a structure contact or a guest. */
export async function addAttendee(
  db: Db,
  sessionId: string,
  who: { user_id?: string; contact_id?: string; name: string; organisation_name?: string },
) {
  const [{ id }] = await db('session_attendees')
    .insert({
      session_id: sessionId,
      user_id: who.user_id ?? null,
      contact_id: who.contact_id ?? null,
      name: who.name,
      organisation_name: who.organisation_name ?? null,
    })
    .returning('id');
  return String(id);
}

export async function createContact(db: Db, organisationId: string, o: { name: string; email?: string | null }) {
  const [{ id }] = await db('structure_contacts')
    .insert({ organisation_id: organisationId, name: o.name, role: 'director', email: o.email ?? null })
    .returning('id');
  return String(id);
}
