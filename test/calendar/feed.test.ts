import { createHash } from 'node:crypto';
import request from 'supertest';
import { createUser } from '../factories';
import { createCalendarCase, createSession } from '../factories/calendar';
import { fundAccompaniment, selectProvider } from '../factories/structures';
import { createTestApp, loginAs, TestApp } from '../support/app';
import { parseCalendar } from './ical';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

const DAY = 24 * 3600_000;
const fromNow = (days: number) => new Date(Math.round((Date.now() + days * DAY) / 60_000) * 60_000);

/** Creates (or regenerates) the user's feed through the real form; the URL shown once on the page. */
async function createFeed(session: Awaited<ReturnType<typeof loginAs>>) {
  const res = await session.agent
    .post('/account/calendar/token')
    .type('form')
    .send({ _csrf: session.csrf })
    .expect(200);
  expect(res.headers['cache-control']).toBe('no-store');
  const url = res.text.match(/id="feed-url" value="(http:\/\/jalons\.test\/calendar\/[A-Za-z0-9_-]{43}\.ics)"/)?.[1];
  expect(url).toBeDefined();
  return { url: url!, path: new URL(url!).pathname, page: res.text };
}

/** Fetches a feed as a calendar application does: no cookie, nothing else. */
function fetchFeed(path: string) {
  return request(t.app)
    .get(path)
    .buffer(true)
    .parse((r, cb) => {
      let data = '';
      r.setEncoding('utf8');
      r.on('data', (c: string) => (data += c));
      r.on('end', () => cb(null, data));
    });
}

describe('the private calendar feed', () => {
  it('lists the sessions of the user’s accompaniments from six months ago on, and nothing else, without any cookie', async () => {
    const { coordinator, accId, operator } = await createCalendarCase(t.db, { title: 'GES Belfort' });
    const other = await createCalendarCase(t.db, { title: 'Autre opérateur' });
    const colleagueCase = await t
      .db('accompaniments')
      .insert({ operator_id: operator.id, title: 'Cas d’une collègue', kind: 'individual', state: 'delivery' })
      .returning('id');
    const upcoming = await createSession(t.db, accId, {
      title: 'Groupe comptabilité',
      starts_at: fromNow(20),
      ends_at: fromNow(20.1),
    });
    const recent = await createSession(t.db, accId, { title: 'Comité de pilotage', starts_at: fromNow(-60) });
    const colleague = await createSession(t.db, String(colleagueCase[0].id), {
      title: 'Séance de la collègue',
      starts_at: fromNow(3),
    });
    await createSession(t.db, accId, { title: 'Lancement ancien', starts_at: fromNow(-200) });
    await createSession(t.db, other.accId, { title: 'Séance hors périmètre', starts_at: fromNow(5) });

    const session = await loginAs(t.app, coordinator.email);
    const { path } = await createFeed(session);
    const sessionsBefore = await t.db('user_sessions').count({ n: '*' });

    const res = await fetchFeed(path).expect(200);
    expect(res.headers['content-type']).toBe('text/calendar; charset=utf-8');
    expect(res.headers['set-cookie']).toBeUndefined();
    expect(await t.db('user_sessions').count({ n: '*' })).toEqual(sessionsBefore);

    const { calendar, events } = parseCalendar(res.body as string);
    expect(calendar.getFirstPropertyValue('x-wr-calname')).toBe(`Jalons — ${coordinator.name}`);
    expect(events.map((e) => e.uid)).toEqual([recent, colleague, upcoming].map((s) => `session-${s.id}@jalons.test`));
    expect(events.map((e) => e.summary)).toEqual([
      'Comité de pilotage — GES Belfort',
      'Séance de la collègue — Cas d’une collègue',
      'Groupe comptabilité — GES Belfort',
    ]);
    const next = events[2];
    expect(next.startDate.zone?.tzid).toBe('Europe/Paris');
    expect(next.startDate.toJSDate().toISOString()).toBe(upcoming.starts_at.toISOString());
    expect(res.body).not.toContain('Séance hors périmètre');
    expect(res.body).not.toContain('Lancement ancien');
  });

  it('follows the scope of other roles: the selected provider, a funder', async () => {
    const { accId } = await createCalendarCase(t.db, { title: 'Cas suivi' });
    const outside = await createCalendarCase(t.db, { title: 'Cas non suivi' });
    await createSession(t.db, accId, { title: 'Séance du cas suivi', starts_at: fromNow(10) });
    await createSession(t.db, outside.accId, { title: 'Séance du cas non suivi', starts_at: fromNow(10) });
    const provider = await createUser(t.db, { role: 'provider' });
    await selectProvider(t.db, accId, provider.organisation_id);
    const funder = await createUser(t.db, { role: 'funder' });
    await fundAccompaniment(t.db, accId, funder.organisation_id);
    for (const user of [provider, funder]) {
      const { path } = await createFeed(await loginAs(t.app, user.email));
      const res = await fetchFeed(path).expect(200);
      expect(parseCalendar(res.body as string).events.map((e) => e.summary)).toEqual([
        'Séance du cas suivi — Cas suivi',
      ]);
    }
  });

  it('regenerating the link makes the old one answer 404; revoking makes the new one answer 404', async () => {
    const { coordinator } = await createCalendarCase(t.db);
    const session = await loginAs(t.app, coordinator.email);
    const first = await createFeed(session);
    await fetchFeed(first.path).expect(200);

    // Only the SHA-256 is stored.
    const token = first.path.slice('/calendar/'.length, -'.ics'.length);
    const rows = await t.db('calendar_tokens').where({ user_id: coordinator.id }).select('token_hash', 'revoked_at');
    expect(rows).toEqual([{ token_hash: createHash('sha256').update(token).digest('hex'), revoked_at: null }]);
    expect(JSON.stringify(await t.db('calendar_tokens').select('*'))).not.toContain(token);

    const page = await session.agent.get('/account/calendar').expect(200);
    expect(page.text).toContain('Un lien d’abonnement est actif depuis le');
    expect(page.text).not.toContain(token); // shown once, never again

    const second = await createFeed(session);
    expect(second.path).not.toBe(first.path);
    const old = await fetchFeed(first.path).expect(404);
    expect(old.headers['set-cookie']).toBeUndefined();
    await fetchFeed(second.path).expect(200);

    const revoked = await session.agent
      .post('/account/calendar/revoke')
      .type('form')
      .send({ _csrf: session.csrf })
      .expect(302);
    expect(revoked.headers.location).toBe('/account/calendar');
    const after = await session.agent.get('/account/calendar').expect(200);
    expect(after.text).toContain('Le lien d’abonnement est révoqué');
    expect(after.text).toContain('Vous n’avez pas de lien d’abonnement.');
    await fetchFeed(second.path).expect(404);

    const audit = await t
      .db('audit_log')
      .where({ entity_type: 'user', entity_id: coordinator.id })
      .whereLike('action', 'calendar.%')
      .orderBy('id')
      .pluck('action');
    expect(audit).toEqual(['calendar.token_created', 'calendar.token_regenerated', 'calendar.token_revoked']);
  });

  it('answers 404 for unknown or malformed tokens, and for a disabled account', async () => {
    await fetchFeed(`/calendar/${'A'.repeat(43)}.ics`).expect(404);
    await fetchFeed('/calendar/short.ics').expect(404);
    await fetchFeed('/calendar/.ics').expect(404);

    const { coordinator } = await createCalendarCase(t.db);
    const { path } = await createFeed(await loginAs(t.app, coordinator.email));
    await fetchFeed(path).expect(200);
    await t.db('users').where({ id: coordinator.id }).update({ status: 'disabled' });
    const res = await fetchFeed(path).expect(404);
    expect(res.body).not.toContain('BEGIN:VCALENDAR');
  });
});

describe('the “Mon agenda” page', () => {
  it.each(['admin', 'manager', 'coordinator', 'provider', 'funder', 'relay', 'beneficiary'] as const)(
    'is in the navigation and works for a %s',
    async (role) => {
      const user = await createUser(t.db, { role });
      const { agent } = await loginAs(t.app, user.email);
      const home = await agent.get('/').expect(200);
      expect(home.text).toContain('<a href="/account/calendar">Mon agenda</a>');
      const page = await agent.get('/account/calendar').expect(200);
      expect(page.text).toContain('<h1>Mon agenda</h1>');
      expect(page.text).toContain('Thunderbird');
      expect(page.text).toContain('Outlook');
      expect(page.text).toContain('iPhone');
      expect(page.text).toContain('Créer mon lien d’abonnement');
    },
  );

  it('shows the new link once, with a webcal link, then the page no longer has it', async () => {
    const user = await createUser(t.db, { role: 'coordinator' });
    const session = await loginAs(t.app, user.email);
    const { url, page } = await createFeed(session);
    expect(page).toContain('Votre lien d’abonnement est prêt.');
    expect(page).toContain('Copiez-le maintenant');
    expect(page).toContain(`href="${url.replace('http://', 'webcal://')}"`);
    expect(page).toContain('Régénérer le lien');
  });

  it('tells when there is nothing to revoke, and refuses anonymous visitors', async () => {
    const user = await createUser(t.db, { role: 'funder' });
    const session = await loginAs(t.app, user.email);
    await session.agent.post('/account/calendar/revoke').type('form').send({ _csrf: session.csrf }).expect(302);
    const page = await session.agent.get('/account/calendar').expect(200);
    expect(page.text).toContain('Vous n’avez pas de lien d’abonnement actif.');
    expect(
      await t.db('audit_log').where({ actor_id: user.id, action: 'calendar.token_revoked' }).first(),
    ).toBeUndefined();

    const res = await request(t.app).get('/account/calendar').expect(302);
    expect(res.headers.location).toBe('/login?next=%2Faccount%2Fcalendar');
  });
});
