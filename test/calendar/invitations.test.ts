import path from 'node:path';
import ejs from 'ejs';
import { createOrganisation, createUser } from '../factories';
import { addAttendee, createCalendarCase, createContact, createSession } from '../factories/calendar';
import { fundAccompaniment, selectProvider } from '../factories/structures';
import { createTestApp, loginAs, TestApp } from '../support/app';
import { startSmtpServer } from '../support/smtp';
import { MessageKey, translate } from '../../src/platform/i18n';
import { VIEWS_DIR } from '../../src/platform/views';
import { mimeParts, parseCalendar, subjectOf } from './ical';

let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
let t: TestApp;

beforeAll(async () => {
  smtp = await startSmtpServer();
  t = await createTestApp({ smtpUrl: smtp.url });
});
afterAll(async () => {
  await t.close();
  await smtp.close();
});

const receivedBy = (address: string) => smtp.receivedBy(address);
const DAY = 24 * 3600_000;

/** The Belfort kind of session, with a coordinator, two users, a contact with and one without an address, a guest. */
async function sessionWithInvitees(startsAt = new Date('2016-02-12T13:00:00Z')) {
  const { coordinator, accId, operator } = await createCalendarCase(t.db, { title: 'GES Belfort' });
  const session = await createSession(t.db, accId, {
    title: 'Projet politique, valeurs',
    starts_at: startsAt,
    ends_at: new Date(startsAt.getTime() + 3 * 3600_000),
    place: 'Maison des associations, Belfort',
    agenda: 'Tour de table\nValeurs communes',
    lock_version: 2,
  });
  const structure = await createOrganisation(t.db, { kind: 'structure' });
  const english = await createUser(t.db, {
    role: 'beneficiary',
    organisation_id: structure.id,
    locale: 'en',
    name: 'Jane Board',
  });
  const contactId = await createContact(t.db, structure.id, {
    name: 'Marie Directrice',
    email: 'marie.directrice@example.test',
  });
  const noMailContactId = await createContact(t.db, structure.id, { name: 'Paul Sansmail', email: null });
  const ids = {
    coordinator: await addAttendee(t.db, session.id, { user_id: coordinator.id, name: coordinator.name }),
    english: await addAttendee(t.db, session.id, { user_id: english.id, name: english.name }),
    contact: await addAttendee(t.db, session.id, {
      contact_id: contactId,
      name: 'Marie Directrice',
      organisation_name: 'Chantier Solidaire',
    }),
    noMail: await addAttendee(t.db, session.id, { contact_id: noMailContactId, name: 'Paul Sansmail' }),
    guest: await addAttendee(t.db, session.id, { name: 'Invité Extérieur', organisation_name: 'Mairie' }),
  };
  return { coordinator, operator, accId, session, english, ids };
}

function invite(s: Awaited<ReturnType<typeof loginAs>>, sessionId: string) {
  return s.agent.post(`/sessions/${sessionId}/invitations`).type('form').send({ _csrf: s.csrf });
}

describe('POST /sessions/:id/invitations', () => {
  it('e-mails every invitee with an address, in their language, with an invitation a calendar reads', async () => {
    const { coordinator, operator, session, english, ids } = await sessionWithInvitees();
    const s = await loginAs(t.app, coordinator.email);
    const res = await invite(s, session.id);
    expect(res.status).toBe(302);
    expect(res.headers.location).toBe(`/sessions/${session.id}`);
    const page = await s.agent.get('/account/calendar').expect(200);
    expect(page.text).toContain('3 invitations envoyées, 2 invités sans adresse e-mail.');
    expect(page.text).toContain('Attention : cette séance est déjà passée.');

    const queued = await t
      .db('outbox')
      .where({ kind: 'session_invitation' })
      .whereIn('to_address', [coordinator.email, english.email, 'marie.directrice@example.test']);
    expect(queued).toHaveLength(3);
    await t.deps.outbox.deliverDue();

    // The contact: French, no link to a page she cannot open, the event as METHOD:REQUEST.
    const [mail] = receivedBy('marie.directrice@example.test');
    expect(mail).toBeDefined();
    expect(subjectOf(mail.raw)).toBe('Invitation : Projet politique, valeurs — 12 février 2016');
    const parts = mimeParts(mail.raw);
    const text = parts.find((p) => /^text\/plain/i.test(p.contentType))!;
    expect(text.body).toContain('Bonjour Marie Directrice,');
    expect(text.body).toContain(
      `${coordinator.name} vous invite à la séance « Projet politique, valeurs » de l’accompagnement « GES Belfort ».`,
    );
    expect(text.body).toContain('Quand : vendredi 12 février 2016, de 14:00 à 17:00 (heure de Paris)');
    expect(text.body).toContain('Où : Maison des associations, Belfort');
    expect(text.body).toContain('Ordre du jour :\nTour de table\nValeurs communes');
    expect(text.body).toContain(`— Jalons, pour ${operator.name}`);
    expect(text.body).not.toContain('/sessions/');
    const ics = parts.find((p) => /^text\/calendar/i.test(p.contentType))!;
    expect(ics).toBeDefined();
    expect(ics.contentType).toMatch(/method=REQUEST/i);
    const { calendar, events } = parseCalendar(ics.body);
    expect(calendar.getFirstPropertyValue('method')).toBe('REQUEST');
    expect(events).toHaveLength(1);
    const [event] = events;
    expect(event.uid).toBe(`session-${session.id}@jalons.test`);
    expect(event.sequence).toBe(2);
    expect(event.startDate.zone?.tzid).toBe('Europe/Paris');
    expect(event.startDate.toJSDate().toISOString()).toBe('2016-02-12T13:00:00.000Z');
    expect(event.endDate.toJSDate().toISOString()).toBe('2016-02-12T16:00:00.000Z');
    expect(event.summary).toBe('Projet politique, valeurs — GES Belfort');
    expect(event.organizer).toBe(`mailto:${coordinator.email}`);
    expect(event.attendees.map((a) => String(a.getFirstValue()).toLowerCase())).toEqual([
      'mailto:marie.directrice@example.test',
    ]);

    // A user: the link to the session page; an English-speaking user: English.
    const own = mimeParts(receivedBy(coordinator.email)[0].raw).find((p) => /^text\/plain/i.test(p.contentType))!;
    expect(own.body).toContain(`La fiche de la séance dans Jalons : http://jalons.test/sessions/${session.id}`);
    const en = receivedBy(english.email)[0];
    expect(subjectOf(en.raw)).toBe('Invitation: Projet politique, valeurs — 12 February 2016');
    const enParts = mimeParts(en.raw);
    expect(enParts.find((p) => /^text\/plain/i.test(p.contentType))!.body).toMatch(
      /When: Friday,? 12 February 2016, 14:00 to 17:00 \(Paris time\)/,
    );
    expect(
      parseCalendar(enParts.find((p) => /^text\/calendar/i.test(p.contentType))!.body).events[0].description,
    ).toContain('Agenda:\nTour de table');

    // Who was invited is recorded; the guest and the contact without an address were not.
    const rows = await t.db('session_attendees').where({ session_id: session.id }).select('id', 'invitation_sent_at');
    const sent = Object.fromEntries(rows.map((r) => [String(r.id), r.invitation_sent_at !== null]));
    expect(sent).toEqual({
      [ids.coordinator]: true,
      [ids.english]: true,
      [ids.contact]: true,
      [ids.noMail]: false,
      [ids.guest]: false,
    });
    const audit = await t
      .db('audit_log')
      .where({ action: 'session.invitations_sent', entity_id: session.id })
      .first('details', 'actor_id');
    expect(String(audit.actor_id)).toBe(coordinator.id);
    const details = typeof audit.details === 'string' ? JSON.parse(audit.details) : audit.details;
    expect(details).toMatchObject({ sent: 3, without_address: 2, past: true });
  });

  it('lets the selected provider invite too, and says nothing about the past for a session to come', async () => {
    const { accId, session } = await sessionWithInvitees(new Date(Date.now() + 30 * DAY));
    const provider = await createUser(t.db, { role: 'provider' });
    await selectProvider(t.db, accId, provider.organisation_id);
    const s = await loginAs(t.app, provider.email);
    await invite(s, session.id).expect(302);
    const page = await s.agent.get('/account/calendar').expect(200);
    expect(page.text).toContain('3 invitations envoyées, 2 invités sans adresse e-mail.');
    expect(page.text).not.toContain('déjà passée');
    await t.deps.outbox.deliverDue();
    const [mail] = receivedBy('marie.directrice@example.test').slice(-1);
    const ics = mimeParts(mail.raw).find((p) => /^text\/calendar/i.test(p.contentType))!;
    expect(parseCalendar(ics.body).events[0].organizer).toBe(`mailto:${provider.email}`);
  });

  it('refuses roles that only read (403) and people outside the case (404), and sends nothing', async () => {
    const { accId, session } = await sessionWithInvitees();
    const funder = await createUser(t.db, { role: 'funder' });
    await fundAccompaniment(t.db, accId, funder.organisation_id);
    const structure = await createOrganisation(t.db, { kind: 'structure' });
    await t
      .db('accompaniment_beneficiaries')
      .insert({ accompaniment_id: accId, organisation_id: structure.id, status: 'active', joined_on: '2015-09-01' });
    const beneficiary = await createUser(t.db, { role: 'beneficiary', organisation_id: structure.id });
    const otherCoordinator = (await createCalendarCase(t.db)).coordinator;
    const lostProvider = await createUser(t.db, { role: 'provider' });
    const before = await t.db('outbox').count({ n: '*' });

    for (const [user, status] of [
      [funder, 403],
      [beneficiary, 403],
      [otherCoordinator, 404],
      [lostProvider, 404],
    ] as const) {
      const s = await loginAs(t.app, user.email);
      await invite(s, session.id).expect(status);
    }
    expect(await t.db('outbox').count({ n: '*' })).toEqual(before);
    expect(
      await t.db('session_attendees').where({ session_id: session.id }).whereNotNull('invitation_sent_at').first(),
    ).toBeUndefined();
  });

  it('says so when nobody can be e-mailed, and writes nothing', async () => {
    const { coordinator, accId } = await createCalendarCase(t.db);
    const empty = await createSession(t.db, accId);
    const guestsOnly = await createSession(t.db, accId);
    await addAttendee(t.db, guestsOnly.id, { name: 'Invité Sans Adresse' });
    const s = await loginAs(t.app, coordinator.email);
    const before = await t.db('outbox').count({ n: '*' });

    await invite(s, empty.id).expect(302);
    expect((await s.agent.get('/account/calendar')).text).toContain('Cette séance n’a pas encore d’invités');
    await invite(s, guestsOnly.id).expect(302);
    expect((await s.agent.get('/account/calendar')).text).toContain(
      'Aucun invité de cette séance n’a d’adresse e-mail',
    );
    expect(await t.db('outbox').count({ n: '*' })).toEqual(before);
  });

  it('goes back to the page it was sent from, never off the site', async () => {
    const { coordinator, session } = await sessionWithInvitees(new Date(Date.now() + 10 * DAY));
    const s = await loginAs(t.app, coordinator.email);
    const back = await s.agent
      .post(`/sessions/${session.id}/invitations`)
      .type('form')
      .send({ _csrf: s.csrf, next: '/accompaniments/1#sessions' })
      .expect(302);
    expect(back.headers.location).toBe('/accompaniments/1#sessions');
    const away = await s.agent
      .post(`/sessions/${session.id}/invitations`)
      .type('form')
      .send({ _csrf: s.csrf, next: '//evil.example' })
      .expect(302);
    expect(away.headers.location).toBe(`/sessions/${session.id}`);
  });
});

describe('the invitation button (views/calendar/_invite.ejs)', () => {
  const render = (locals: Record<string, unknown>) =>
    ejs.renderFile(path.join(VIEWS_DIR, 'calendar/_invite.ejs'), {
      t: (k: MessageKey) => translate('fr', k),
      csrfToken: 'jeton',
      ...locals,
    });

  it('posts to the invitations of the session, and asks first when the session is past', async () => {
    const future = await render({ sessionId: '42', isPast: false });
    expect(future).toContain('action="/sessions/42/invitations"');
    expect(future).toContain('name="_csrf" value="jeton"');
    expect(future).toContain('Envoyer l’invitation par e-mail aux invités');
    expect(future).not.toContain('data-confirm');
    const past = await render({ sessionId: '42', isPast: true, next: '/accompaniments/7' });
    expect(past).toContain(
      'data-confirm="Cette séance est déjà passée. Envoyer quand même l’invitation aux invités ?"',
    );
    expect(past).toContain('name="next" value="/accompaniments/7"');
  });
});
