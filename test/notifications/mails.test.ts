import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { addDays } from 'date-fns/addDays';
import { format } from 'date-fns/format';
import { parseISO } from 'date-fns/parseISO';
import { conventionKit } from '../conventions/kit';
import { createUser } from '../factories';
import { createDeliverable, deliveryCase } from '../factories/deliverables';
import { tinyPdf, writeDiagnostic } from '../factories/diagnostics';
import { localToday } from '../../src/platform/dates';
import { enqueueMail } from '../../src/platform/mail/outbox';
import { runMailDigests } from '../../src/platform/mail/digest';
import { createTestApp, loginAs, TestApp } from '../support/app';
import { startSmtpServer } from '../support/smtp';

let t: TestApp;
let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
let storageDir: string;
beforeAll(async () => {
  smtp = await startSmtpServer();
  storageDir = fs.mkdtempSync(path.join(os.tmpdir(), 'jalons-notifications-'));
  t = await createTestApp({ smtpUrl: smtp.url, storageDir });
});
afterAll(async () => {
  await t.close();
  await smtp.close();
  fs.rmSync(storageDir, { recursive: true, force: true });
});
const kit = conventionKit(() => t);

const mailsTo = (email: string, kind: string) =>
  t.db('outbox').where({ to_address: email, kind }).orderBy('id').select();
/** A raw MIME message with its quoted-printable soft line breaks joined. */
const plain = (raw: string) => raw.replace(/=\r?\n/g, '');
const tomorrow = () => format(addDays(parseISO(localToday()), 1), 'yyyy-MM-dd');

describe('notification mails', () => {
  it('tells the coordinator, in their language, when the provider hands a deliverable in (not when the coordinator does)', async () => {
    const c = await deliveryCase(t.db);
    await t.db('users').where({ id: c.coordinator.id }).update({ locale: 'en' });
    const id = await createDeliverable(t.db, c.acc.id, { title: 'Plan d’actions du GES' });
    const p = await loginAs(t.app, c.provider.email);
    await p.agent
      .post(`/deliverables/${id}/versions`)
      .field('_csrf', p.csrf)
      .attach('file', tinyPdf('v1'), 'plan.pdf')
      .expect(302);
    expect(await mailsTo(c.coordinator.email, 'deliverable_submitted')).toHaveLength(0); // a version alone is not handed in
    await p.agent.post(`/deliverables/${id}/submit`).type('form').send({ _csrf: p.csrf }).expect(302);
    const [mail] = await mailsTo(c.coordinator.email, 'deliverable_submitted');
    expect(mail.subject).toBe(`Deliverable handed in: “Plan d’actions du GES” (${await accTitle(c.acc.id)})`);
    expect(mail.body_text).toContain(`handed in version 1 of the deliverable`);
    expect(mail.body_text).toContain(`http://jalons.test/deliverables/${id}`);

    // Changes requested, then a new version: handed in again, told again.
    const s = await loginAs(t.app, c.coordinator.email);
    await s.agent
      .post(`/deliverables/${id}/review`)
      .type('form')
      .send({ _csrf: s.csrf, decision: 'changes', comment: 'Préciser les échéances.' })
      .expect(302);
    await p.agent
      .post(`/deliverables/${id}/versions`)
      .field('_csrf', p.csrf)
      .attach('file', tinyPdf('v2'), 'plan v2.pdf')
      .expect(302);
    const again = await mailsTo(c.coordinator.email, 'deliverable_submitted');
    expect(again).toHaveLength(2);
    expect(again[1].body_text).toContain('version 2');

    // The coordinator handing one in themself is not told.
    const own = await createDeliverable(t.db, c.acc.id, { title: 'Compte rendu' });
    await s.agent.post(`/deliverables/${own}/versions`).field('_csrf', s.csrf).attach('file', tinyPdf('cr'), 'cr.pdf');
    await s.agent.post(`/deliverables/${own}/submit`).type('form').send({ _csrf: s.csrf }).expect(302);
    expect(await mailsTo(c.coordinator.email, 'deliverable_submitted')).toHaveLength(2);
  });

  it('tells every structure and the provider that a convention version is ready to sign, each with the board', async () => {
    const { c } = await kit.generated();
    for (const to of [c.structures[0].user, c.structures[1].user, c.provider!.user]) {
      const [mail] = await mailsTo(to.email, 'convention_issued');
      expect(mail.subject).toContain('version 1 à signer');
      expect(mail.body_text).toContain('établie le 15 décembre 2015');
      expect(mail.body_text).toContain(`/accompaniments/${c.accId}/convention`);
    }
    // The operator issued it: its coordinator is not told.
    expect(await mailsTo(c.coordinator.email, 'convention_issued')).toHaveLength(0);
  });

  it('asks each active structure’s accounts for the satisfaction survey when the case enters its close-out', async () => {
    const c = await deliveryCase(t.db);
    await writeDiagnostic(t.db, c.acc.id);
    const colleague = await createUser(t.db, {
      role: 'beneficiary',
      organisation_id: c.structures[1].id,
      locale: 'en',
    });
    const s = await loginAs(t.app, c.coordinator.email);
    await t.db('sessions').insert({
      accompaniment_id: c.acc.id,
      type: 'restitution',
      title: 'Restitution',
      starts_at: new Date('2016-11-15T13:00:00Z'),
      status: 'held',
      days_consumed: 0,
    });
    const res = await s.agent
      .post(`/accompaniments/${c.acc.id}/transitions`)
      .type('form')
      .send({ _csrf: s.csrf, to: 'close_out', on_date: '2016-12-01', comment: '' });
    expect(res.status).toBe(302);
    const [fr] = await mailsTo(c.beneficiary.email, 'survey_to_answer');
    expect(fr.subject).toContain('Votre avis sur l’accompagnement');
    expect(fr.body_text).toContain(`/accompaniments/${c.acc.id}/close-out/survey/${c.structures[0].id}`);
    const [en] = await mailsTo(colleague.email, 'survey_to_answer');
    expect(en.subject).toContain('Your opinion on the accompaniment');
    expect(en.body_text).toContain(`/close-out/survey/${c.structures[1].id}`);
    // Neither the provider nor the funder is asked.
    expect(await mailsTo(c.provider.email, 'survey_to_answer')).toHaveLength(0);
    expect(await mailsTo(c.funder.email, 'survey_to_answer')).toHaveLength(0);
  });
});

describe('immediate mails or a daily digest', () => {
  it('is each person’s own choice on « Mes e-mails », immediate by default, a bad value refused in French', async () => {
    const user = await createUser(t.db, { role: 'coordinator' });
    const s = await loginAs(t.app, user.email);
    const page = await s.agent.get('/account/mail').expect(200);
    expect(page.text).toContain('<h1>Mes e-mails</h1>');
    expect(page.text).toMatch(/value="immediate"[^>]*checked/);
    expect(page.text).toContain('href="/account/mail" aria-current="page"');

    const bad = await s.agent
      .post('/account/mail')
      .type('form')
      .send({ _csrf: s.csrf, mail_delivery: 'weekly' })
      .expect(422);
    expect(bad.text).toContain('id="field-mail_delivery-error"');
    expect(bad.text).toContain('Le formulaire contient des erreurs');
    expect((await t.db('users').where({ id: user.id }).first()).mail_delivery).toBe('immediate');
    // Without the form's token, nothing changes.
    await s.agent.post('/account/mail').type('form').send({ mail_delivery: 'digest' }).expect(403);

    await s.agent.post('/account/mail').type('form').send({ _csrf: s.csrf, mail_delivery: 'digest' }).expect(302);
    expect((await t.db('users').where({ id: user.id }).first()).mail_delivery).toBe('digest');
    expect(await t.db('audit_log').where({ action: 'user.mail_delivery', entity_id: user.id })).toHaveLength(1);
    expect((await s.agent.get('/account/mail').expect(200)).text).toMatch(/value="digest"[^>]*checked/);
  });

  it('holds a digest user’s notifications for one daily mail through SMTP, while immediate users get each mail', async () => {
    const { c } = await kit.generated();
    const [digestUser, immediateUser] = c.structures.map((s) => s.user);
    // The structures' convention mails went out at once (both immediate then).
    await t.deps.outbox.deliverDue();
    expect(smtp.receivedBy(immediateUser.email)).toHaveLength(1);

    const s = await loginAs(t.app, digestUser.email);
    await s.agent.post('/account/mail').type('form').send({ _csrf: s.csrf, mail_delivery: 'digest' }).expect(302);
    const before = smtp.receivedBy(digestUser.email).length;
    await t.db.transaction(async (trx) => {
      for (const to of [digestUser.email, immediateUser.email]) {
        await enqueueMail(trx, { to, kind: 'deliverable_submitted', subject: 'Livrable remis : A', text: 'Texte A' });
        await enqueueMail(trx, { to, kind: 'survey_to_answer', subject: 'Votre avis : B', text: 'Texte B' });
      }
      // A password link is never held.
      await enqueueMail(trx, { to: digestUser.email, kind: 'password_reset', subject: 'Mot de passe', text: 'Lien' });
    });
    await t.deps.outbox.deliverDue();
    expect(smtp.receivedBy(immediateUser.email)).toHaveLength(3);
    const rightAway = smtp.receivedBy(digestUser.email).slice(before);
    expect(rightAway).toHaveLength(1);
    expect(rightAway[0].raw).toContain('Subject: Mot de passe');
    expect(
      (await t.db('outbox').where({ to_address: digestUser.email, status: 'held' })).map((m) => m.subject),
    ).toEqual(['Livrable remis : A', 'Votre avis : B']);
    const page = await s.agent.get('/account/mail').expect(200);
    expect(page.text).toContain('2 messages attendent votre prochain résumé.');

    // Today's job leaves today's mails for tomorrow's digest; tomorrow's sends one, once.
    expect(await runMailDigests(t.deps, localToday())).toBe(0);
    expect(await runMailDigests(t.deps, tomorrow())).toBe(1);
    expect(await runMailDigests(t.deps, tomorrow())).toBe(0);
    await t.deps.outbox.deliverDue();
    const digests = smtp.receivedBy(digestUser.email).slice(before + 1);
    expect(digests).toHaveLength(1);
    const text = plain(digests[0].raw);
    expect(text).toContain('Texte A');
    expect(text).toContain('Texte B');
    expect(text).toContain('http://jalons.test/account/mail');
    const [digest] = await t.db('outbox').where({ to_address: digestUser.email, kind: 'digest' });
    expect(digest.status).toBe('sent');
    expect(digest.subject).toBe('Jalons : votre résumé (2 messages)');
    expect(
      (await t.db('outbox').where({ digest_id: digest.id }).orderBy('id')).map((m) => [m.subject, m.status]),
    ).toEqual([
      ['Livrable remis : A', 'digested'],
      ['Votre avis : B', 'digested'],
    ]);
    // The immediate user got no digest.
    expect(await mailsTo(immediateUser.email, 'digest')).toHaveLength(0);
  });

  it('sends what was held at once when the person goes back to immediate mails', async () => {
    const user = await createUser(t.db, { role: 'beneficiary' });
    const s = await loginAs(t.app, user.email);
    await s.agent.post('/account/mail').type('form').send({ _csrf: s.csrf, mail_delivery: 'digest' }).expect(302);
    await t.db.transaction((trx) =>
      enqueueMail(trx, { to: user.email, kind: 'survey_to_answer', subject: 'Votre avis', text: 'Texte' }),
    );
    expect((await mailsTo(user.email, 'survey_to_answer'))[0].status).toBe('held');
    await s.agent.post('/account/mail').type('form').send({ _csrf: s.csrf, mail_delivery: 'immediate' }).expect(302);
    await t.deps.outbox.deliverDue();
    expect((await mailsTo(user.email, 'survey_to_answer'))[0].status).toBe('sent');
    expect(smtp.receivedBy(user.email)).toHaveLength(1);
  });
});

async function accTitle(id: string) {
  return String((await t.db('accompaniments').where({ id }).first('title')).title);
}
