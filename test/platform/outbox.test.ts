import net, { AddressInfo } from 'node:net';
import { createUser } from '../factories';
import { createTestApp, loginAs, TestApp } from '../support/app';
import { startSmtpServer } from '../support/smtp';
import { createLogger } from '../../src/platform/logger';
import { createOutbox } from '../../src/platform/mail/outbox';

type Received = { from: string; to: string[]; subject: string; body: string };
let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
let smtpUrl: string;

beforeAll(async () => {
  smtp = await startSmtpServer();
  smtpUrl = smtp.url;
});
afterAll(() => smtp.close());

/** What the server received, decoded. */
const decoded = (): Received[] => smtp.received.map((m) => ({ from: m.from, to: m.to, ...parseMessage(m.raw) }));
const receivedBy = (address: string) => decoded().filter((m) => m.to.includes(address));

/** Subject and text of a single-part message, whatever transfer encoding nodemailer chose. */
function parseMessage(raw: string) {
  const split = raw.indexOf('\r\n\r\n');
  const head = raw.slice(0, split).replace(/\r\n[ \t]+/g, ' ');
  const header = (name: string) => head.match(new RegExp(`^${name}:[ \\t]*(.*)$`, 'im'))?.[1] ?? '';
  const qp = (s: string) =>
    Buffer.from(
      s.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/gi, (_m, h: string) => String.fromCharCode(parseInt(h, 16))),
      'latin1',
    ).toString('utf8');
  let body = raw.slice(split + 4);
  const encoding = header('Content-Transfer-Encoding').toLowerCase();
  if (encoding === 'quoted-printable') body = qp(body);
  else if (encoding === 'base64') body = Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8');
  const subject = header('Subject')
    .replace(/\?=\s+=\?/g, '?==?')
    .replace(/=\?utf-8\?([QB])\?([^?]*)\?=/gi, (_m, enc: string, text: string) =>
      enc.toUpperCase() === 'B' ? Buffer.from(text, 'base64').toString('utf8') : qp(text.replace(/_/g, ' ')),
    );
  return { subject, body: body.replace(/\r\n/g, '\n') };
}

/** A port on the loopback where nothing listens: connections are refused at once. */
async function closedPort() {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

let seq = 0;
const uniqueEmail = (prefix: string) => `${prefix}-${Date.now().toString(36)}-${seq++}@example.test`;

/** An admin session on the app, and a function inviting one person through the real form. */
async function adminOf(t: TestApp) {
  const admin = await createUser(t.db, { role: 'admin' });
  const session = await loginAs(t.app, admin.email);
  const invite = async (email: string, status = 302) => {
    await session.agent
      .post('/users')
      .type('form')
      .send({
        _csrf: session.csrf,
        name: 'Inès Invitée',
        email,
        organisation_id: admin.organisation_id,
        role: 'coordinator',
        locale: 'fr',
      })
      .expect(status);
    const row = await t.db('outbox').where({ to_address: email }).orderBy('id', 'desc').first();
    return (
      row && { ...row, link: String(row.body_text).match(/http:\/\/jalons\.test\/invitation\/[A-Za-z0-9_-]+/)?.[0] }
    );
  };
  return { admin, session, invite };
}

describe('with a working SMTP server', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ smtpUrl });
  });
  afterAll(() => t.close());

  it('delivers an invitation once, and records it as sent', async () => {
    expect(t.deps.outbox.enabled).toBe(true);
    const { invite, session } = await adminOf(t);
    const email = uniqueEmail('smtp-ok');
    const queued = await invite(email);
    expect(queued.link).toBeDefined();

    await t.deps.outbox.deliverDue();
    const messages = receivedBy(email);
    expect(messages).toHaveLength(1);
    expect(messages[0].to).toEqual([email]);
    expect(messages[0].from).toBe('no-reply@jalons.local');
    expect(messages[0].subject).toBe('Votre invitation à Jalons');
    expect(messages[0].body).toContain('Bonjour Inès Invitée');
    expect(messages[0].body).toContain(queued.link);

    const row = await t.db('outbox').where({ id: queued.id }).first('status', 'sent_at', 'attempts', 'last_error');
    expect(row.status).toBe('sent');
    expect(row.sent_at).not.toBeNull();
    expect(row.attempts).toBe(1);
    expect(row.last_error).toBeNull();

    // Delivering again sends nothing more.
    expect(await t.deps.outbox.deliverDue()).toBe(0);
    expect(receivedBy(email)).toHaveLength(1);

    const page = await session.agent.get('/outbox').expect(200);
    expect(page.text).toContain('Les e-mails partent par le serveur SMTP configuré');
    expect(page.text).toContain(email);
    expect(page.text).toContain('Envoyé');
  });

  it('sends nothing for a refused change', async () => {
    const { admin, invite } = await adminOf(t);
    const before = smtp.received.length;
    await invite(admin.email, 422); // the address is taken: no account, no mail
    await t.deps.outbox.deliverDue();
    expect(smtp.received.length).toBe(before);
    expect(receivedBy(admin.email)).toHaveLength(0);
  });
});

describe('when the SMTP server is down', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ smtpUrl: `smtp://127.0.0.1:${await closedPort()}` });
  });
  afterAll(() => t.close());

  it('keeps the message pending with the error, then a working server delivers it exactly once', async () => {
    const { invite, session } = await adminOf(t);
    const email = uniqueEmail('smtp-down');
    const queued = await invite(email);
    await t.deps.outbox.deliverDue();
    // Stop the app's own worker (waiting for its run to end) so that only the outbox below delivers.
    await t.deps.outbox.stop();

    const failed = await t
      .db('outbox')
      .where({ id: queued.id })
      .first('status', 'attempts', 'last_error', 'sent_at', 'body_text');
    expect(failed.status).toBe('pending');
    expect(failed.attempts).toBe(1);
    expect(failed.last_error).toEqual(expect.any(String));
    expect(failed.last_error.length).toBeGreaterThan(0);
    expect(failed.sent_at).toBeNull();
    expect(failed.body_text).toContain(queued.link);
    const later = await t.db('outbox').where({ id: queued.id }).whereRaw('next_attempt_at > now()').first('id');
    expect(later).toBeDefined();
    expect(receivedBy(email)).toHaveLength(0);

    const page = await session.agent.get(`/outbox/${queued.id}`).expect(200);
    expect(page.text).toContain('En attente');
    expect(page.text).toContain('Dernière erreur');

    // The server is back; the retry time has come.
    await t.db('outbox').where({ id: queued.id }).update({ next_attempt_at: t.db.fn.now() });
    const outbox = createOutbox({ db: t.db, smtpUrl, from: t.deps.config.mailFrom, logger: createLogger('silent') });
    try {
      expect(await outbox.deliverDue()).toBe(1);
      const messages = receivedBy(email);
      expect(messages).toHaveLength(1);
      expect(messages[0].body).toContain(queued.link);
      const sent = await t.db('outbox').where({ id: queued.id }).first('status', 'attempts', 'last_error', 'sent_at');
      expect(sent.status).toBe('sent');
      expect(sent.attempts).toBe(2);
      expect(sent.last_error).toBeNull();
      expect(sent.sent_at).not.toBeNull();

      expect(await outbox.deliverDue()).toBe(0);
      expect(receivedBy(email)).toHaveLength(1);
    } finally {
      await outbox.stop();
    }
  });
});

describe('without SMTP', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ smtpUrl: undefined });
  });
  afterAll(() => t.close());

  it('keeps every message pending and shows it to the admin', async () => {
    expect(t.deps.outbox.enabled).toBe(false);
    const { invite, session } = await adminOf(t);
    const email = uniqueEmail('sans-smtp');
    const queued = await invite(email);
    expect(await t.deps.outbox.deliverDue()).toBe(0);
    const row = await t.db('outbox').where({ id: queued.id }).first('status', 'attempts', 'sent_at');
    expect(row).toEqual({ status: 'pending', attempts: 0, sent_at: null });

    const list = await session.agent.get('/outbox').expect(200);
    expect(list.text).toContain('Boîte d’envoi');
    expect(list.text).toContain('Aucun serveur SMTP n’est configuré');
    expect(list.text).toContain(email);
    expect(list.text).toContain(`<a href="/outbox/${queued.id}">Votre invitation à Jalons</a>`);
    expect(list.text).toContain('En attente');

    const filtered = await session.agent.get('/outbox?status=sent').expect(200);
    expect(filtered.text).not.toContain(email);
    expect(filtered.text).toContain('Aucun message.');

    const show = await session.agent.get(`/outbox/${queued.id}`).expect(200);
    expect(show.text).toContain('Votre invitation à Jalons');
    expect(show.text).toContain('Bonjour Inès Invitée');
    expect(show.text).toContain(queued.link);
  });

  it('answers 404 for messages that do not exist', async () => {
    const { session } = await adminOf(t);
    for (const id of ['999999999', 'abc', '99999999999999999999']) await session.agent.get(`/outbox/${id}`).expect(404);
  });

  it.each(['coordinator', 'manager', 'provider'] as const)('refuses the outbox to a %s', async (role) => {
    const { invite } = await adminOf(t);
    const queued = await invite(uniqueEmail(`cache-${role}`));
    const user = await createUser(t.db, { role });
    const { agent } = await loginAs(t.app, user.email);
    const res = await agent.get('/outbox').expect(403);
    expect(res.text).toContain('Accès refusé');
    await agent.get(`/outbox/${queued.id}`).expect(403);
  });
});
