import { scopeAccompaniments } from '../accompaniments/scope';
import { onlySeen, THINGS } from '../accompaniments/withdrawn';
import type { SessionUser } from '../platform/auth/session-user';
import type { Db } from '../platform/db';
import type { Locale } from '../platform/i18n';
import type { CalendarSession } from './ics';
import type { SessionAttendeesRow } from '../platform/db-tables';

const FEED_MONTHS_BACK = 6;
const FEED_MAX_EVENTS = 2000;

/** The sessions of every accompaniment the user may see (as a structure that left one sees it), from six months ago onwards. */
export function feedSessions(db: Db, user: SessionUser, now = new Date()): Promise<CalendarSession[]> {
  const since = new Date(now);
  since.setMonth(since.getMonth() - FEED_MONTHS_BACK);
  const q = db('sessions as s')
    .join('accompaniments as a', 'a.id', 's.accompaniment_id')
    .where('s.starts_at', '>=', since)
    .orderBy([{ column: 's.starts_at' }, { column: 's.id' }])
    .limit(FEED_MAX_EVENTS)
    .select(
      's.id',
      's.title',
      's.starts_at',
      's.ends_at',
      's.place',
      's.video_url',
      's.agenda',
      's.lock_version',
      's.updated_at',
      'a.title as accompaniment_title',
    );
  return scopeAccompaniments(db, user, onlySeen(q, user, THINGS.session('s')), 'a');
}

export type Invitee = { id: string; name: string; email: string | null; locale: Locale; hasAccount: boolean };

/**
 * Everyone on the session's list, with the address an invitation can go to: a user's own
 * (not for a disabled account), a structure contact's, none for a guest.
 */
export async function sessionInvitees(db: Db, sessionId: string): Promise<Invitee[]> {
  type Attendee = Pick<SessionAttendeesRow, 'id' | 'name' | 'user_id'> & {
    user_email: string | null;
    user_status: string | null;
    user_locale: string | null;
    user_name: string | null;
    contact_email: string | null;
  };
  const rows = await db('session_attendees as sa')
    .leftJoin('users as u', 'u.id', 'sa.user_id')
    .leftJoin('structure_contacts as c', 'c.id', 'sa.contact_id')
    .where('sa.session_id', sessionId)
    .orderBy('sa.id')
    .select<Attendee[]>(
      'sa.id',
      'sa.name',
      'sa.user_id',
      'u.email as user_email',
      'u.status as user_status',
      'u.locale as user_locale',
      'u.name as user_name',
      'c.email as contact_email',
    );
  return rows.map((r) => {
    const userEmail = r.user_id && r.user_status !== 'disabled' ? r.user_email : null;
    const email = String((r.user_id ? userEmail : r.contact_email) ?? '').trim();
    return {
      id: r.id,
      name: r.user_name ?? r.name,
      email: email.includes('@') ? email : null,
      locale: r.user_id && r.user_locale === 'en' ? 'en' : 'fr',
      hasAccount: Boolean(r.user_id),
    };
  });
}

export async function operatorName(db: Db, operatorId: string): Promise<string> {
  const row = await db('organisations').where({ id: operatorId }).first<{ name: string } | undefined>('name');
  return row?.name ?? '';
}
