import nodemailer, { SendMailOptions, Transporter } from 'nodemailer';
import { createUser } from '../factories';
import { createTestApp, loginAs, TestApp } from '../support/app';
import { startSmtpServer } from '../support/smtp';
import { createLogger } from '../../src/platform/logger';
import { createOutbox, enqueueMail } from '../../src/platform/mail/outbox';

let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
let t: TestApp;
beforeAll(async () => {
  smtp = await startSmtpServer();
  // The app itself has no SMTP: only the outboxes built below deliver, as "processes" would.
  t = await createTestApp({ smtpUrl: undefined });
});
afterAll(async () => {
  await t.close();
  await smtp.close();
});

let seq = 0;
async function queueMail(subject: string) {
  const to = `crash-${Date.now().toString(36)}-${seq++}@example.test`;
  const id = await t.db.transaction((trx) =>
    enqueueMail(trx, { to, subject, text: `Corps de « ${subject} ».`, kind: 'test' }),
  );
  return { id, to };
}

const messageIdHeader = (raw: string) => /^Message-ID:\s*(.*)$/im.exec(raw)?.[1].trim();

/**
 * A transport that hands the message to the real SMTP server and then never comes back, as a
 * process killed right after the server said 250 and before the row was marked 'sent'.
 */
function dyingTransport() {
  const real = nodemailer.createTransport(smtp.url);
  let accepted: () => void;
  const acceptedByServer = new Promise<void>((resolve) => (accepted = resolve));
  const transport = {
    sendMail: async (mail: SendMailOptions) => {
      await real.sendMail(mail);
      accepted();
      return new Promise(() => {}); // the process is gone: no answer, no 'sent' mark
    },
    close: () => real.close(),
  } as unknown as Transporter;
  return { transport, acceptedByServer };
}

const outboxOf = (transport?: Transporter) =>
  createOutbox({
    db: t.db,
    transport,
    smtpUrl: transport ? undefined : smtp.url,
    from: t.deps.config.mailFrom,
    logger: createLogger('silent'),
  });

describe('a crash between the SMTP server accepting a message and the outbox marking it sent', () => {
  it('never sends it a second time by itself: the row becomes uncertain, other mail keeps flowing', async () => {
    const crashed = await queueMail('Convocation au comité de pilotage');
    const dying = dyingTransport();
    void outboxOf(dying.transport).deliverDue(); // never settles
    await dying.acceptedByServer;
    expect(smtp.receivedBy(crashed.to)).toHaveLength(1);
    expect(await t.db('outbox').where({ id: crashed.id }).first('status')).toEqual({ status: 'sending' });

    // The process restarts at once: a recent claim may be another process mid-send; it is left alone.
    const later = await queueMail('Compte rendu de séance');
    const restarted = outboxOf();
    try {
      expect(await restarted.deliverDue()).toBe(1);
      expect(smtp.receivedBy(later.to)).toHaveLength(1);
      expect(await t.db('outbox').where({ id: crashed.id }).first('status')).toEqual({ status: 'sending' });

      // Fifteen minutes later the claim is stale: the send is declared uncertain, not retried.
      await t
        .db('outbox')
        .where({ id: crashed.id })
        .update({ claimed_at: t.db.raw(`now() - interval '16 minutes'`) });
      expect(await restarted.deliverDue()).toBe(0);
      const row = await t.db('outbox').where({ id: crashed.id }).first('status', 'sent_at', 'last_error');
      expect(row.status).toBe('unknown');
      expect(row.sent_at).toBeNull();
      expect(row.last_error).toContain('interrupted');
      expect(await restarted.deliverDue()).toBe(0);
      expect(smtp.receivedBy(crashed.to)).toHaveLength(1);
    } finally {
      await restarted.stop();
      dying.transport.close();
    }
  });

  it('gives every message a Message-ID derived from its outbox row', async () => {
    const a = await queueMail('Premier');
    const b = await queueMail('Second');
    const outbox = outboxOf();
    try {
      await outbox.deliverDue();
    } finally {
      await outbox.stop();
    }
    expect(messageIdHeader(smtp.receivedBy(a.to)[0].raw)).toBe(`<outbox-${a.id}@jalons.local>`);
    expect(messageIdHeader(smtp.receivedBy(b.to)[0].raw)).toBe(`<outbox-${b.id}@jalons.local>`);
  });
});

describe('the admin and an uncertain message', () => {
  async function uncertainMessage() {
    const m = await queueMail('Invitation à signer la convention');
    await t
      .db('outbox')
      .where({ id: m.id })
      .update({
        status: 'unknown',
        attempts: 1,
        claimed_at: t.db.raw(`now() - interval '20 minutes'`),
        last_error: 'interrupted while sending: the mail server may have accepted it',
      });
    return m;
  }

  it('sees it as uncertain with an explanation, and resends it knowingly (audited, same Message-ID)', async () => {
    const m = await uncertainMessage();
    const admin = await createUser(t.db, { role: 'admin' });
    const { agent, csrf } = await loginAs(t.app, admin.email);

    const list = await agent.get('/outbox?status=unknown').expect(200);
    expect(list.text).toContain(m.to);
    expect(list.text).toContain('Envoi incertain');
    const page = await agent.get(`/outbox/${m.id}`).expect(200);
    expect(page.text).toContain('le serveur de messagerie l’a peut-être déjà accepté');
    expect(page.text).toContain('>Renvoyer</button>');
    expect(page.text).toContain(`&lt;outbox-${m.id}@jalons.local&gt;`);

    await agent.post(`/outbox/${m.id}/retry`).type('form').send({ _csrf: csrf }).expect(302);
    expect(await t.db('outbox').where({ id: m.id }).first('status')).toEqual({ status: 'pending' });
    const audit = await t.db('audit_log').where({ action: 'outbox.resend', entity_id: m.id });
    expect(audit).toHaveLength(1);
    expect(String(audit[0].actor_id)).toBe(admin.id);
    // A second click (page left open) changes nothing more.
    await agent.post(`/outbox/${m.id}/retry`).type('form').send({ _csrf: csrf }).expect(302);
    expect(await t.db('audit_log').where({ action: 'outbox.resend', entity_id: m.id })).toHaveLength(1);

    const outbox = outboxOf();
    try {
      expect(await outbox.deliverDue()).toBe(1);
    } finally {
      await outbox.stop();
    }
    const received = smtp.receivedBy(m.to);
    expect(received).toHaveLength(1);
    expect(messageIdHeader(received[0].raw)).toBe(`<outbox-${m.id}@jalons.local>`);
    expect(await t.db('outbox').where({ id: m.id }).first('status')).toEqual({ status: 'sent' });
  });

  it.each(['coordinator', 'manager'] as const)('refuses the resend to a %s', async (role) => {
    const m = await uncertainMessage();
    const user = await createUser(t.db, { role });
    const { agent, csrf } = await loginAs(t.app, user.email);
    await agent.post(`/outbox/${m.id}/retry`).type('form').send({ _csrf: csrf }).expect(403);
    expect(await t.db('outbox').where({ id: m.id }).first('status')).toEqual({ status: 'unknown' });
  });
});
