import request from 'supertest';
import { createOrganisation, createUser } from '../factories';
import { createCalendarCase, createSession } from '../factories/calendar';
import { fundAccompaniment, selectProvider } from '../factories/structures';
import { createTestApp, loginAs, TestApp } from '../support/app';
import { parseCalendar } from './ical';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

/** Downloads a session's .ics as a logged-in agent and parses it back. */
async function download(agent: ReturnType<typeof request.agent>, sessionId: string) {
  const res = await agent
    .get(`/sessions/${sessionId}/calendar.ics`)
    .buffer(true)
    .parse((r, cb) => {
      let data = '';
      r.setEncoding('utf8');
      r.on('data', (c: string) => (data += c));
      r.on('end', () => cb(null, data));
    });
  return { res, text: res.body as string };
}

describe('GET /sessions/:id/calendar.ics', () => {
  it('gives a winter session in Paris time, with its zone, as a calendar reads it back', async () => {
    const { coordinator, accId } = await createCalendarCase(t.db, { title: 'GES du Territoire de Belfort' });
    const session = await createSession(t.db, accId, {
      title: 'Projet politique',
      starts_at: new Date('2016-02-12T13:00:00Z'), // 14:00 in Paris (CET, UTC+1)
      ends_at: new Date('2016-02-12T16:00:00Z'),
      place: 'Maison des associations, Belfort',
      agenda: 'Tour de table\nValeurs communes',
      lock_version: 3,
    });
    const { agent } = await loginAs(t.app, coordinator.email);
    const { res, text } = await download(agent, session.id);

    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('text/calendar; charset=utf-8');
    expect(res.headers['content-disposition']).toMatch(
      /^attachment; filename="?seance-2016-02-12-projet-politique\.ics"?$/,
    );
    // As written on the wire: Paris wall-clock time with its TZID, and the zone's rules.
    expect(text).toContain('DTSTART;TZID=Europe/Paris:20160212T140000');
    expect(text).toContain('DTEND;TZID=Europe/Paris:20160212T170000');
    expect(text).toMatch(/BEGIN:VTIMEZONE\r\nTZID:Europe\/Paris\r\n/);

    const { calendar, events } = parseCalendar(text);
    expect(calendar.getFirstPropertyValue('method')).toBe('PUBLISH');
    expect(events).toHaveLength(1);
    const [event] = events;
    expect(event.startDate.zone?.tzid).toBe('Europe/Paris');
    expect(event.startDate.toJSDate().toISOString()).toBe('2016-02-12T13:00:00.000Z');
    expect(event.endDate.toJSDate().toISOString()).toBe('2016-02-12T16:00:00.000Z');
    expect(event.component.getFirstProperty('dtstart')?.getParameter('tzid')).toBe('Europe/Paris');
    expect(event.uid).toBe(`session-${session.id}@jalons.test`);
    expect(event.sequence).toBe(3);
    expect(event.summary).toBe('Projet politique — GES du Territoire de Belfort');
    expect(event.location).toBe('Maison des associations, Belfort');
    expect(event.description).toBe(
      `Ordre du jour :\nTour de table\nValeurs communes\n\nFiche de la séance dans Jalons : http://jalons.test/sessions/${session.id}`,
    );
    expect(event.component.getFirstPropertyValue('url')).toBe(`http://jalons.test/sessions/${session.id}`);
    expect(event.component.getFirstPropertyValue('status')).toBe('CONFIRMED');
    // DTSTAMP is an instant in UTC, as RFC 5545 requires.
    expect(text).toMatch(/\r\nDTSTAMP:\d{8}T\d{6}Z\r\n/);
  });

  it('gives a summer session at the right instant (CEST), two hours long when it has no end, at its video link', async () => {
    const { coordinator, accId } = await createCalendarCase(t.db);
    const session = await createSession(t.db, accId, {
      title: 'Plans d’actions',
      starts_at: new Date('2016-09-13T07:30:00Z'), // 09:30 in Paris (CEST, UTC+2)
      ends_at: null,
      place: null,
      video_url: 'https://visio.example.test/ges-belfort',
    });
    const { agent } = await loginAs(t.app, coordinator.email);
    const { text } = await download(agent, session.id);

    expect(text).toContain('DTSTART;TZID=Europe/Paris:20160913T093000');
    const [event] = parseCalendar(text).events;
    expect(event.startDate.zone?.tzid).toBe('Europe/Paris');
    expect(event.startDate.toJSDate().toISOString()).toBe('2016-09-13T07:30:00.000Z');
    expect(event.endDate.toJSDate().toISOString()).toBe('2016-09-13T09:30:00.000Z');
    expect(event.location).toBe('https://visio.example.test/ges-belfort');
  });

  it('escapes commas, semicolons, backslashes and line breaks, and a calendar reads the text back unchanged', async () => {
    const { coordinator, accId } = await createCalendarCase(t.db, { title: 'GES; Belfort, 2016' });
    const title = 'Compta, achats; gouvernance\\suite';
    const agenda = '1. Comptes 2015, budget 2016;\n2. Achats groupés\r\n3. Questions diverses';
    const session = await createSession(t.db, accId, { title, agenda, place: 'Salle 2, 1er étage; Belfort' });
    const { agent } = await loginAs(t.app, coordinator.email);
    const { text } = await download(agent, session.id);

    expect(text).toContain('Compta\\, achats\\; gouvernance\\\\suite — GES\\; Belfort\\, 2016');
    expect(text).toContain('LOCATION:Salle 2\\, 1er étage\\; Belfort');
    const [event] = parseCalendar(text).events;
    expect(event.summary).toBe(`${title} — GES; Belfort, 2016`);
    expect(event.location).toBe('Salle 2, 1er étage; Belfort');
    expect(
      event.description.startsWith(
        'Ordre du jour :\n1. Comptes 2015, budget 2016;\n2. Achats groupés\n3. Questions diverses\n\n',
      ),
    ).toBe(true);
    // No physical line longer than 75 octets (folded), whatever the text.
    for (const line of text.split('\r\n')) expect(Buffer.byteLength(line)).toBeLessThanOrEqual(75);
  });

  it('writes the labels in the reader’s language', async () => {
    const { operator, accId } = await createCalendarCase(t.db);
    const english = await createUser(t.db, { role: 'coordinator', organisation_id: operator.id, locale: 'en' });
    const session = await createSession(t.db, accId, {
      agenda: 'Kick-off',
      place: 'Belfort',
      video_url: 'https://visio.example.test/x',
    });
    const { agent } = await loginAs(t.app, english.email);
    const [event] = parseCalendar((await download(agent, session.id)).text).events;
    expect(event.description).toBe(
      `Agenda:\nKick-off\n\nVideo call: https://visio.example.test/x\n\nSession page in Jalons: http://jalons.test/sessions/${session.id}`,
    );
  });

  it('is there for everyone who sees the accompaniment: the selected provider, a funder of the case', async () => {
    const { accId } = await createCalendarCase(t.db);
    const session = await createSession(t.db, accId);
    const provider = await createUser(t.db, { role: 'provider' });
    await selectProvider(t.db, accId, provider.organisation_id);
    const funder = await createUser(t.db, { role: 'funder' });
    await fundAccompaniment(t.db, accId, funder.organisation_id);
    for (const user of [provider, funder]) {
      const { agent } = await loginAs(t.app, user.email);
      const { res, text } = await download(agent, session.id);
      expect(res.status).toBe(200);
      expect(parseCalendar(text).events).toHaveLength(1);
    }
  });

  it('answers 404 outside the user’s scope, and sends anonymous visitors to the login', async () => {
    const { accId } = await createCalendarCase(t.db);
    const session = await createSession(t.db, accId, { title: 'Séance confidentielle' });
    const otherCoordinator = (await createCalendarCase(t.db)).coordinator;
    const lostProvider = await createUser(t.db, { role: 'provider' }); // never selected for this case
    const otherFunder = await createUser(t.db, {
      role: 'funder',
      organisation_id: (await createOrganisation(t.db, { kind: 'funder' })).id,
    });
    for (const user of [otherCoordinator, lostProvider, otherFunder]) {
      const { agent } = await loginAs(t.app, user.email);
      const res = await agent.get(`/sessions/${session.id}/calendar.ics`).expect(404);
      expect(res.text).not.toContain('Séance confidentielle');
    }
    const { agent } = await loginAs(t.app, otherCoordinator.email);
    await agent.get('/sessions/999999999/calendar.ics').expect(404);
    await agent.get('/sessions/abc/calendar.ics').expect(404);

    const anonymous = await request(t.app).get(`/sessions/${session.id}/calendar.ics`).expect(302);
    expect(anonymous.headers.location).toBe(
      `/login?next=${encodeURIComponent(`/sessions/${session.id}/calendar.ics`)}`,
    );
  });
});
