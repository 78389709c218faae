import { createDemoApp, TestApp } from '../support/app';
import { startSmtpServer } from '../support/smtp';
import { Agent, belfortId, createDraft, loginDemo, status } from './helpers';

let t: TestApp;
let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
let accId: string;
let julie: Agent;

beforeAll(async () => {
  smtp = await startSmtpServer({ refusing: true });
  t = await createDemoApp({ smtpUrl: smtp.url });
  accId = await belfortId(t.db);
  julie = await loginDemo(t.app, 'coordination@jalons.test');
}, 60_000);
afterAll(async () => {
  await t.close();
  await smtp.close();
});

const mailOf = async (reportId: string) =>
  t
    .db('progress_report_recipients as pr')
    .join('outbox as m', 'm.id', 'pr.outbox_id')
    .where('pr.report_id', reportId)
    .first('pr.id as recipient_id', 'm.id', 'm.status', 'm.attempts', 'm.last_error');
const sendReport = async (title: string) => {
  const id = await createDraft(julie, accId, { title });
  const { lock_version } = await t.db('progress_reports').where({ id }).first('lock_version');
  await status(
    julie.agent
      .post(`/reports/${id}/send`)
      .type('form')
      .send({ _csrf: julie.csrf, lock_version: String(lock_version) }),
    302,
  );
  await t.deps.outbox.deliverDue();
  return id;
};
const deliveredTo = (address: string) => smtp.state.received.filter((m) => m.to.includes(address));

describe('delivery of a sent report when the mail server fails', () => {
  it('keeps the mail pending with its error, visible to the coordinator, and delivers it once the server is back', async () => {
    smtp.state.refusing = true;
    const id = await sendReport('Rapport pendant la panne');
    const failed = await mailOf(id);
    expect(failed.status).toBe('pending');
    expect(failed.attempts).toBe(1);
    expect(failed.last_error).toMatch(/Mailbox unavailable/);
    const page = await status(julie.agent.get(`/reports/${id}`), 200);
    expect(page.text).toContain('Mailbox unavailable');
    expect(page.text).toContain('Renvoyer');
    expect((await status(julie.agent.get(`/accompaniments/${accId}/reports`), 200)).text).toContain('1 en échec');

    // Later, the server answers again; the retry comes due and the worker delivers it, once.
    smtp.state.refusing = false;
    await t
      .db('outbox')
      .where({ id: failed.id })
      .update({ next_attempt_at: t.db.raw("now() - interval '1 second'") });
    await t.deps.outbox.deliverDue();
    await t.deps.outbox.deliverDue();
    const delivered = await mailOf(id);
    expect(delivered.status).toBe('sent');
    expect(delivered.attempts).toBe(2);
    expect(deliveredTo('financeur@jalons.test')).toHaveLength(1);
    expect(deliveredTo('financeur@jalons.test')[0].raw).toMatch(/Content-Type: application\/pdf/i);
    expect((await status(julie.agent.get(`/reports/${id}`), 200)).text).toContain('Distribué');

    // "Renvoyer" on a delivered mail sends nothing more.
    await status(
      julie.agent
        .post(`/reports/${id}/recipients/${delivered.recipient_id}/retry`)
        .type('form')
        .send({ _csrf: julie.csrf }),
      302,
    );
    await t.deps.outbox.deliverDue();
    expect(deliveredTo('financeur@jalons.test')).toHaveLength(1);
  });

  it('lets the coordinator send a failed mail again ("Renvoyer"), audited', async () => {
    smtp.state.refusing = true;
    const before = deliveredTo('financeur@jalons.test').length;
    const id = await sendReport('Rapport dont l’envoi échoue');
    const first = await mailOf(id);
    // After its last attempt the outbox gives up: the mail is failed.
    await t
      .db('outbox')
      .where({ id: first.id })
      .update({ attempts: 7, next_attempt_at: t.db.raw("now() - interval '1 second'") });
    await t.deps.outbox.deliverDue();
    expect((await mailOf(id)).status).toBe('failed');
    const page = await status(julie.agent.get(`/reports/${id}`), 200);
    expect(page.text).toContain('Échec');

    // Only the operator's staff may retry.
    const funder = await loginDemo(t.app, 'financeur@jalons.test');
    await status(
      funder.agent
        .post(`/reports/${id}/recipients/${first.recipient_id}/retry`)
        .type('form')
        .send({ _csrf: funder.csrf }),
      403,
    );

    smtp.state.refusing = false;
    await status(
      julie.agent
        .post(`/reports/${id}/recipients/${first.recipient_id}/retry`)
        .type('form')
        .send({ _csrf: julie.csrf }),
      302,
    );
    await t.deps.outbox.deliverDue();
    await t.deps.outbox.deliverDue();
    expect((await mailOf(id)).status).toBe('sent');
    expect(deliveredTo('financeur@jalons.test')).toHaveLength(before + 1);
    const audit = await t.db('audit_log').where({ action: 'progress_report.retry' }).orderBy('id', 'desc').first();
    expect(audit.details).toMatchObject({ report_id: id, email: 'financeur@jalons.test' });
  });
});
