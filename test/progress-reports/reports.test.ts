import request from 'supertest';
import { formatDate, formatNumber } from '../../src/platform/i18n';
import { createOrganisation, createUser } from '../factories';
import { createDeliverable } from '../factories/deliverables';
import { createDemoApp, loginAs, TestApp } from '../support/app';
import { getCaseTab } from '../support/case-page';
import { figuresWithRole, repeatedLandmarks } from '../support/landmarks';
import { startSmtpServer } from '../support/smtp';
import { Agent, belfortId, binary, createDraft, draftFields, loginDemo, pdfText, sha256, status } from './helpers';

// French numbers on the page are written with narrow no-break spaces: read as plain spaces.
const plain = (s: string) => s.replace(/[\u202f\u00a0]/g, ' ');

let t: TestApp;
let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
let accId: string;
let julie: Agent;

beforeAll(async () => {
  smtp = await startSmtpServer();
  t = await createDemoApp({ smtpUrl: smtp.url });
  accId = await belfortId(t.db);
  // The demo records no deliverable yet: two are expected, one accepted (titles only in the report).
  await createDeliverable(t.db, accId, { title: 'Plan d’actions du GES', status: 'accepted' });
  await createDeliverable(t.db, accId, {
    type: 'final_report',
    title: 'Rapport final de l’accompagnement',
    status: 'submitted',
  });
  // The Banque des Territoires has no account: its organisation address receives the report.
  await t
    .db('organisations')
    .where({ name: 'Banque des Territoires' })
    .update({ email: 'dla@banquedesterritoires.test' });
  julie = await loginDemo(t.app, 'coordination@jalons.test');
}, 60_000);
afterAll(async () => {
  await t.close();
  await smtp.close();
});

const pdfOf = async (s: Agent, id: string) =>
  (await status(s.agent.get(`/reports/${id}/pdf`).buffer(true).parse(binary), 200)).body as Buffer;
const send = async (s: Agent, id: string) => {
  const report = await t.db('progress_reports').where({ id }).first('lock_version');
  return s.agent
    .post(`/reports/${id}/send`)
    .type('form')
    .send({ _csrf: s.csrf, lock_version: String(report.lock_version) });
};
const outboxRows = (id: string) =>
  t
    .db('progress_report_recipients as pr')
    .join('outbox as m', 'm.id', 'pr.outbox_id')
    .where('pr.report_id', id)
    .select('m.*', 'pr.email');

describe('the Belfort progress report', () => {
  it('reads back from the draft PDF exactly what the record holds', async () => {
    const id = await createDraft(julie, accId);
    const page = await status(julie.agent.get(`/reports/${id}`), 200);
    const pdf = await pdfOf(julie, id);
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    const text = (await pdfText(pdf)).replace(/\s+/g, ' ');
    expect(text).toContain('BROUILLON');

    // Structures and their status: four, Chamois withdrawn with its reasons.
    const structures = await t
      .db('accompaniment_beneficiaries as b')
      .join('organisations as o', 'o.id', 'b.organisation_id')
      .where('b.accompaniment_id', accId)
      .select('o.name', 'b.status', 'b.withdrawn_on', 'b.withdrawal_reasons', 'b.may_rejoin');
    expect(structures).toHaveLength(4);
    for (const s of structures) expect(text).toContain(s.name);
    const chamois = structures.find((s) => s.status === 'withdrawn')!;
    expect(chamois.name).toBe('Chamois');
    expect(text).toContain(`Sortie le ${formatDate('fr', chamois.withdrawn_on)}`);
    for (const line of String(chamois.withdrawal_reasons).split('\n'))
      expect(text).toContain(line.trim().slice(0, 40).replace(/\s+/g, ' '));
    expect(text).toContain(String(chamois.may_rejoin).slice(0, 30));

    // The three phases, sessions held with their count, days and euros against the budget.
    const phases = await t.db('phases').where({ accompaniment_id: accId }).orderBy('position').pluck('name');
    expect(phases).toHaveLength(3);
    for (const p of phases) expect(text).toContain(p.slice(0, 30));
    const sessions = await t
      .db('sessions')
      .where({ accompaniment_id: accId })
      .select('title', 'days_consumed', 'status');
    expect(sessions).toHaveLength(10);
    const held = sessions.filter((s) => s.status !== 'planned').length;
    expect(text).toContain(`${held} ${held > 1 ? 'séances tenues' : 'séance tenue'}`);
    const days = sessions.reduce((sum, s) => sum + Number(s.days_consumed), 0);
    expect(days).toBe(6);
    expect(text).toContain('6 jours consommés sur 6 contractualisés (100 %)');
    expect(text).toContain('7 000 € consommés sur un budget de 7 000 €');

    // Deliverables by title and status only; the two notices; the typed texts.
    expect(text).toContain('Plan d’actions du GES');
    expect(text).toContain('Rapport final de l’accompagnement');
    expect(text).toContain('Validé');
    const notices = await t
      .db('notices')
      .where({ accompaniment_id: accId })
      .orderBy('on_date')
      .select('on_date', 'recipients');
    expect(notices).toHaveLength(2);
    for (const n of notices) expect(text).toContain(formatDate('fr', n.on_date));
    expect(text).toContain(notices[0].recipients);
    const typed = draftFields();
    for (const k of ['next_steps', 'risks', 'comment'] as const) expect(text).toContain(typed[k]);

    // The HTML preview shows the same figures, with both pictures and their tables.
    expect(page.text).toContain('6 jours consommés sur 6 contractualisés (100 %)');
    expect(plain(page.text)).toContain('7 000 € consommés sur un budget de 7 000 €');
    expect(page.text).toContain('class="phase-chart__svg"');
    expect(page.text).toMatch(/class="days-bar days-bar--large/);
    expect(page.text).toContain('Chamois');
    expect(page.text).toContain(formatNumber('fr', 6));
  });

  // A title left empty is built from the milestone and the date (as-of.test.ts): the date is the required field.
  it('draws the days chart as a plain figure (no role overriding it) and names its landmarks apart (issue 21)', async () => {
    const id = await createDraft(julie, accId);
    const html = (await status(julie.agent.get(`/reports/${id}`), 200)).text;
    expect(html).toContain('<figure class="report-days"');
    expect(figuresWithRole(html)).toEqual([]);
    expect(repeatedLandmarks(html)).toEqual([]);
  });

  it('refuses a form without a date or with an unknown milestone, in French, keeping what was typed', async () => {
    const before = await t.db('progress_reports').count<{ count: string }[]>('* as count');
    const empty = await status(
      julie.agent
        .post(`/accompaniments/${accId}/reports`)
        .type('form')
        .send({ _csrf: julie.csrf, ...draftFields({ period_end: '  ' }) }),
      422,
    );
    expect(empty.text).toContain('Ce champ est obligatoire');
    expect(empty.text).toContain('Mettre en place le comité de direction commun.');
    const unknown = await status(
      julie.agent
        .post(`/accompaniments/${accId}/reports`)
        .type('form')
        .send({ _csrf: julie.csrf, ...draftFields({ milestone: 'whenever' }) }),
      422,
    );
    expect(unknown.text).toMatch(/field-error[^>]*>[^<]+</);
    expect(unknown.text).toContain('Point d’étape après la restitution');
    expect(await t.db('progress_reports').count<{ count: string }[]>('* as count')).toEqual(before);
  });

  it('saves a draft edited by the coordinator, and refuses a stale copy with 409 keeping the text', async () => {
    const id = await createDraft(julie, accId, { title: 'À relire' });
    const form = await status(julie.agent.get(`/reports/${id}/edit`), 200);
    expect(form.text).toContain('À relire');
    await status(
      julie.agent
        .post(`/reports/${id}`)
        .type('form')
        .send({
          _csrf: julie.csrf,
          ...draftFields({ title: 'Relu', risks: 'Aucun risque nouveau.' }),
          lock_version: '0',
        }),
      302,
    );
    expect(await t.db('progress_reports').where({ id }).first('title', 'risks', 'lock_version')).toEqual({
      title: 'Relu',
      risks: 'Aucun risque nouveau.',
      lock_version: 1,
    });
    const stale = await status(
      julie.agent
        .post(`/reports/${id}`)
        .type('form')
        .send({ _csrf: julie.csrf, ...draftFields({ title: 'Copie périmée' }), lock_version: '0' }),
      409,
    );
    expect(stale.text).toContain('modifié par quelqu’un d’autre');
    expect(stale.text).toContain('Copie périmée');
    expect((await t.db('progress_reports').where({ id }).first('title')).title).toBe('Relu');
    await t.db('progress_reports').where({ id }).delete(); // a draft may still be removed; keeps the next tests' lists short
  });

  it('offers a new report with a title made of the milestone and the date', async () => {
    const page = await status(julie.agent.get(`/accompaniments/${accId}/reports/new`), 200);
    expect(page.text).toContain('À la demande — ');
    const acc = await status(getCaseTab(julie.agent, accId, 'progress-reports'), 200);
    expect(acc.text).toContain(`/accompaniments/${accId}/reports/new`);
  });

  it('sends: stores the PDF with its hash, mails it attached to every funder address, once', async () => {
    const id = await createDraft(julie, accId, { title: 'Rapport de clôture' });
    const confirm = await status(julie.agent.get(`/reports/${id}/send`), 200);
    expect(confirm.text).toContain('financeur@jalons.test');
    expect(confirm.text).toContain('dla@banquedesterritoires.test');

    await status(send(julie, id), 302);
    const report = await t.db('progress_reports').where({ id }).first();
    expect(report.status).toBe('sent');
    expect(report.sha256).toMatch(/^[0-9a-f]{64}$/);
    const doc = await t.db('documents').where({ id: report.document_id }).first();
    expect(doc).toMatchObject({ purpose: 'progress_report', mime_type: 'application/pdf', sha256: report.sha256 });

    // The bytes served are the stored ones, by the report route and by the document route.
    const served = await pdfOf(julie, id);
    expect(sha256(served)).toBe(report.sha256);
    const downloaded = (await status(julie.agent.get(`/documents/${doc.id}/download`).buffer(true).parse(binary), 200))
      .body as Buffer;
    expect(sha256(downloaded)).toBe(report.sha256);
    expect(await pdfText(served)).not.toContain('BROUILLON');
    const page = await status(julie.agent.get(`/reports/${id}`), 200);
    expect(page.text).toContain(report.sha256);

    // One mail per address, delivered by the real SMTP server with the PDF attached.
    await t.deps.outbox.deliverDue();
    const rows = await outboxRows(id);
    expect(rows.map((r) => r.email).sort()).toEqual(['dla@banquedesterritoires.test', 'financeur@jalons.test']);
    expect(rows.every((r) => r.status === 'sent' && String(r.attachment_document_id) === String(doc.id))).toBe(true);
    for (const address of ['financeur@jalons.test', 'dla@banquedesterritoires.test']) {
      const mails = smtp.receivedBy(address);
      expect(mails).toHaveLength(1);
      expect(mails[0].raw).toMatch(/Content-Type: application\/pdf/i);
      expect(mails[0].raw).toContain(`rapport-etape-${id}.pdf`);
      expect(mails[0].raw.replace(/=\r?\n/g, '')).toContain(report.sha256); // quoted-printable wraps long lines
    }
    const audit = await t.db('audit_log').where({ action: 'progress_report.send' }).orderBy('id', 'desc').first();
    expect(JSON.stringify(audit.details)).toContain(report.sha256);
    expect((await status(julie.agent.get(`/accompaniments/${accId}/reports`), 200)).text).toContain(
      '2 distribués sur 2',
    );

    // A second click changes nothing and sends nothing.
    const again = await status(send(julie, id), 409);
    expect(again.text).toContain('déjà été envoyé');
    await t.deps.outbox.deliverDue();
    expect(await outboxRows(id)).toHaveLength(2);
    expect(smtp.receivedBy('financeur@jalons.test')).toHaveLength(1);
    // One stored PDF per sent report (the demo may have sent one already), none left by the second click.
    const count = async (q: ReturnType<typeof t.db>) =>
      Number((await q.count<{ count: string }[]>('* as count'))[0].count);
    expect(await count(t.db('documents').where({ purpose: 'progress_report' }))).toBe(
      await count(t.db('progress_reports').where({ status: 'sent' })),
    );

    // Frozen: the edit pages refuse, and the database refuses a direct change.
    const edit = await status(julie.agent.get(`/reports/${id}/edit`), 409);
    expect(edit.text).toContain('ne peut plus être modifié');
    await status(
      julie.agent
        .post(`/reports/${id}`)
        .type('form')
        .send({ _csrf: julie.csrf, ...draftFields(), lock_version: String(report.lock_version) }),
      409,
    );
    await expect(t.db('progress_reports').where({ id }).update({ comment: 'changé' })).rejects.toThrow(/cannot change/);
    await expect(t.db('progress_reports').where({ id }).delete()).rejects.toThrow(/cannot change/);
    expect((await t.db('progress_reports').where({ id }).first()).title).toBe('Rapport de clôture');

    // The page of a sent report shows what was sent, not what the record says today.
    await t.db('notices').insert({
      accompaniment_id: accId,
      kind: 'funders_informed',
      on_date: '2016-11-20',
      recipients: 'Instance informée après envoi',
      content: 'x',
    });
    expect((await status(julie.agent.get(`/reports/${id}`), 200)).text).not.toContain('Instance informée après envoi');
    const later = await createDraft(julie, accId, { title: 'Rapport suivant' });
    expect((await status(julie.agent.get(`/reports/${later}`), 200)).text).toContain('Instance informée après envoi');

    // The timeline shows it was sent.
    const timeline = await status(julie.agent.get(`/accompaniments/${accId}/timeline?order=desc`), 200);
    expect(timeline.text).toContain('Rapport d’étape « Rapport de clôture » envoyé aux financeurs');
  });

  it('lets the funder read sent reports of what it funds, and nobody else anything', async () => {
    const draft = await createDraft(julie, accId, { title: 'Brouillon interne' });
    const sent = await t.db('progress_reports').where({ accompaniment_id: accId, status: 'sent' }).first();
    expect(sent).toBeDefined();
    const funder = await loginDemo(t.app, 'financeur@jalons.test');
    const list = await status(funder.agent.get(`/accompaniments/${accId}/reports`), 200);
    expect(list.text).toContain(sent.title);
    expect(list.text).not.toContain('Brouillon interne');
    await status(funder.agent.get(`/reports/${sent.id}`), 200);
    const pdf = (await status(funder.agent.get(`/reports/${sent.id}/pdf`).buffer(true).parse(binary), 200))
      .body as Buffer;
    expect(sha256(pdf)).toBe(sent.sha256);
    await status(funder.agent.get(`/documents/${sent.document_id}/download`), 200);
    await status(funder.agent.get(`/reports/${draft}`), 404);
    await status(funder.agent.get(`/reports/${draft}/pdf`), 404);
    await status(funder.agent.get(`/accompaniments/${accId}/reports/new`), 403);
    await status(funder.agent.post(`/reports/${sent.id}/send`).type('form').send({ _csrf: funder.csrf }), 403);

    const provider = await loginDemo(t.app, 'prestataire@jalons.test');
    const beneficiary = await loginDemo(t.app, 'structure@jalons.test');
    const otherOperator = await createOrganisation(t.db, { kind: 'operator' });
    const otherCoordinator = await loginAs(
      t.app,
      (await createUser(t.db, { role: 'coordinator', organisation_id: otherOperator.id })).email,
    );
    const otherFunder = await loginAs(t.app, (await createUser(t.db, { role: 'funder' })).email);
    for (const s of [provider, beneficiary, otherCoordinator, otherFunder]) {
      for (const id of [sent.id, draft]) {
        await status(s.agent.get(`/reports/${id}`), 404);
        await status(s.agent.get(`/reports/${id}/pdf`), 404);
        await status(s.agent.post(`/reports/${id}/send`).type('form').send({ _csrf: s.csrf }), 404);
      }
      await status(
        s.agent.get(`/documents/${sent.document_id}/download`),
        s === provider || s === beneficiary ? 403 : 404,
      );
    }
    await status(provider.agent.get(`/accompaniments/${accId}/reports/new`), 403);
    const admin = await loginDemo(t.app, 'admin@jalons.test');
    await status(admin.agent.get(`/reports/${draft}`), 200);
    await status(admin.agent.get(`/reports/${sent.id}/pdf`), 200);
    await status(admin.agent.get(`/accompaniments/${accId}/reports/new`), 403);
    await status(request(t.app).get(`/reports/${sent.id}`), 302);
  });

  it('refuses to send when the case has no funder, in French', async () => {
    const acc = await t.db('accompaniments').where({ id: accId }).first('operator_id');
    const [{ id: otherAcc }] = await t
      .db('accompaniments')
      .insert({
        operator_id: acc.operator_id,
        title: 'Sans financeur',
        kind: 'individual',
        state: 'delivery',
        intake_on: '2026-01-05',
        department: '90',
      })
      .returning('id');
    const id = await createDraft(julie, String(otherAcc));
    const page = await status(julie.agent.get(`/reports/${id}/send`), 422);
    expect(page.text).toContain('Aucun destinataire');
    await status(send(julie, id), 422);
    expect((await t.db('progress_reports').where({ id }).first()).status).toBe('draft');
    expect(await t.db('documents').where({ accompaniment_id: otherAcc }).first()).toBeUndefined();
  });

  it('freezes a report whose only funder has no address: nothing is e-mailed, the funder is to be told another way', async () => {
    const funderOrg = await createOrganisation(t.db, { kind: 'funder' });
    const acc = await t.db('accompaniments').where({ id: accId }).first('operator_id');
    const [{ id: otherAcc }] = await t
      .db('accompaniments')
      .insert({
        operator_id: acc.operator_id,
        title: 'Sans financeur joignable',
        kind: 'individual',
        state: 'delivery',
        intake_on: '2026-01-05',
        department: '90',
      })
      .returning('id');
    await t
      .db('accompaniment_funding')
      .insert({ accompaniment_id: otherAcc, funder_id: funderOrg.id, amount_eur: 1000 });
    const id = await createDraft(julie, String(otherAcc));
    const page = await status(julie.agent.get(`/reports/${id}/send`), 200);
    expect(page.text).toContain(`ne recevront pas le rapport par e-mail) : ${funderOrg.name}`);
    expect(page.text).toContain('rien ne partira par e-mail');
    const sent = await status(send(julie, id), 302);
    expect((await t.db('progress_reports').where({ id }).first()).status).toBe('sent');
    const rows = await t
      .db('progress_report_recipients')
      .where({ report_id: id })
      .select('funder_id', 'email', 'outbox_id');
    expect(rows).toEqual([{ funder_id: funderOrg.id, email: null, outbox_id: null }]);
    const shown = await status(julie.agent.get(String(sent.headers.location)), 200);
    expect(shown.text).toContain('Rapport figé. Notez ci-dessous comment et quand chaque financeur en a été informé.');
    expect(shown.text).toContain('Non informé');
  });
});
