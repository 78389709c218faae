import { localToday } from '../../src/platform/dates';
import { formatDate } from '../../src/platform/i18n';
import { buildReportContent, type ReportAccompaniment } from '../../src/progress-reports/content';
import { builtTitle } from '../../src/progress-reports/title';
import { createDemoApp, TestApp } from '../support/app';
import { createDeliverable } from '../factories/deliverables';
import { Agent, belfortId, binary, createDraft, loginDemo, pdfText, sha256, status } from './helpers';

/**
 * The Belfort report as of its « situation arrêtée au » day. Facts of the case
 * (seeds/data/belfort-ges-case.json): kick-off on 1 December 2015 (1 day, phase 1), eight steering
 * committees of half a day from 12 February to 13 September 2016 (phase 2), the restitution on
 * 15 November 2016 (1 day, phase 3), 6 days and 7,000 € contracted; phases actually ran
 * 1 Dec 2015 – 31 Jan 2016, 12 Feb – 13 Sep 2016, 15 Nov 2016 – 30 Jun 2017; Chamois withdrew on
 * 15 November 2016.
 */
let t: TestApp;
let accId: string;
let acc: ReportAccompaniment;
let julie: Agent;

beforeAll(async () => {
  t = await createDemoApp();
  accId = await belfortId(t.db);
  const row = await t
    .db('accompaniments')
    .where({ id: accId })
    .first('id', 'title', 'kind', 'state', 'planned_start', 'planned_end', 'budget_days', 'budget_eur');
  acc = { ...row, id: accId, operator_name: 'MIFE 90', coordinator_name: null };
  julie = await loginDemo(t.app, 'coordination@jalons.test');
}, 60_000);
afterAll(() => t.close());

const spaces = (s: string) => s.replace(/[\u00a0\u202f]/g, ' ').replace(/\s+/g, ' ');
const pdfOf = async (s: Agent, id: string) =>
  (await status(s.agent.get(`/reports/${id}/pdf`).buffer(true).parse(binary), 200)).body as Buffer;
const reportHtml = (html: string) => html.slice(html.indexOf('<article class="report"'), html.indexOf('</article>'));
const PHASE_LABEL = { planned: 'À venir', in_progress: 'En cours', done: 'Terminée' };

describe('the Belfort report as of its date', () => {
  it('as of 31 March 2016: the four sessions held by then, 2.5 days, Chamois active, phases as they were', async () => {
    const c = await buildReportContent(t.db, acc, '2016-03-31');
    expect(c.sessionsHeld.map((s) => s.title)).toEqual([
      'Séance de lancement',
      'Comité de pilotage — Projet politique',
      'Comité de pilotage — Gouvernance unifiée',
      'Comité de pilotage — Organisation RH et structurelle',
    ]);
    const allSessions = Number((await t.db('sessions').where({ accompaniment_id: accId }).count({ n: '*' }))[0].n);
    expect(c.sessionsPlanned).toBe(allSessions - 4);
    expect(c.days).toMatchObject({ contracted: 6, consumed: 2.5, consumedEur: 2916.67, over: false });
    expect(c.daysByPhase.map((p) => p.days)).toEqual([1, 1.5, 0]);
    expect(c.phases.map((p) => [p.status, p.actual_start, p.actual_end])).toEqual([
      ['done', '2015-12-01', '2016-01-31'],
      ['in_progress', '2016-02-12', null],
      ['planned', null, null],
    ]);
    expect(c.beneficiaries.map((b) => [b.name, b.status, b.withdrawn_on])).toEqual(
      ['Chacasol', 'Chamois', 'Energie Emploi', 'Intermed'].map((n) => [n, 'active', null]),
    );
    expect(c.beneficiaries.every((b) => b.withdrawal_reasons === null)).toBe(true);
    expect(c.withdrawals).toEqual([]);
    const notices = await t
      .db('notices')
      .where({ accompaniment_id: accId })
      .where('on_date', '<=', '2016-03-31')
      .orderBy('on_date')
      .pluck('on_date');
    expect(c.notices.map((n) => n.on_date)).toEqual(notices);
    // Action items: the one of 20 February was closed on 14 March; the tax one was raised on 30 April.
    expect(c.actionsOpen!.every((a) => a.raised_on <= '2016-03-31')).toBe(true);
    expect(c.actionsOpen!.map((a) => a.what)).not.toContain(
      'Recenser les administrateurs communs et les mandats de chaque conseil d’administration',
    );
    expect(c.actionsOpen!.map((a) => a.what)).not.toContain(
      'Interroger un expert-comptable sur la fiscalité de Chacasol au sein du groupe',
    );
    const april = await buildReportContent(t.db, acc, '2016-04-30');
    expect(april.actionsOpen!.map((a) => a.what)).toContain(
      'Interroger un expert-comptable sur la fiscalité de Chacasol au sein du groupe',
    );

    // What the coordinator and the funders read: the page and the PDF say the same.
    const id = await createDraft(julie, accId, { milestone: 'phase_done', title: '', period_end: '2016-03-31' });
    expect((await t.db('progress_reports').where({ id }).first('title')).title).toBe(
      'Rapport d’étape — Fin de phase — 31 mars 2016',
    );
    const page = spaces(reportHtml((await status(julie.agent.get(`/reports/${id}`), 200)).text));
    const pdf = spaces(await pdfText(await pdfOf(julie, id)));
    for (const text of [page, pdf]) {
      expect(text).toContain('Situation arrêtée au 31 mars 2016');
      expect(text).toMatch(/2,5 jours? consommés? sur 6/);
      expect(text).toContain('2 917 € consommés sur un budget de 7 000 €');
      expect(text).toContain('Chamois');
      expect(text).not.toContain('Sortie le');
      expect(text).not.toContain('Recherchait avant tout une direction partagée');
      expect(text).not.toContain('Restitution : bilan');
      expect(text).not.toContain('Diagnostic fiscal');
      for (const label of Object.values(PHASE_LABEL)) expect(text).toContain(label);
    }
    expect(pdf).toContain('Rapport d’étape — Fin de phase — 31 mars 2016');
  });

  it('as of 31 January 2016: the kick-off only, the first phase done that day, the others to come', async () => {
    const c = await buildReportContent(t.db, acc, '2016-01-31');
    expect(c.sessionsHeld.map((s) => s.title)).toEqual(['Séance de lancement']);
    expect(c.days).toMatchObject({ consumed: 1, consumedEur: 1166.67 });
    expect(c.phases.map((p) => p.status)).toEqual(['done', 'planned', 'planned']);
    expect(c.phases[1]).toMatchObject({ actual_start: null, actual_end: null });
    expect(c.beneficiaries.every((b) => b.status === 'active')).toBe(true);
    expect(c.withdrawals).toEqual([]);
    const id = await createDraft(julie, accId, { milestone: 'convention_signed', title: '', period_end: '2016-01-31' });
    const pdf = spaces(await pdfText(await pdfOf(julie, id)));
    expect(pdf).toContain('Situation arrêtée au 31 janvier 2016');
    expect(pdf).toMatch(/1 jour consommé sur 6/);
    expect(pdf).not.toContain('Sortie le');
    expect(pdf).not.toContain('Comité de pilotage —');
    expect(pdf).not.toMatch(/6 jours consommés/);
  });

  it('after the withdrawal: Chamois withdrawn on 15 November 2016 with its reasons, the six days, the last phase in progress', async () => {
    const c = await buildReportContent(t.db, acc, '2016-12-01');
    expect(c.days).toMatchObject({ consumed: 6, consumedEur: 7000 });
    expect(c.sessionsHeld).toHaveLength(10);
    expect(c.phases.map((p) => p.status)).toEqual(['done', 'done', 'in_progress']);
    expect(c.withdrawals.map((w) => [w.name, w.withdrawn_on])).toEqual([['Chamois', '2016-11-15']]);
    expect(c.withdrawals[0].withdrawal_reasons).toContain('direction partagée');
    // The day before, it was still in the process.
    const before = await buildReportContent(t.db, acc, '2016-11-14');
    expect(before.withdrawals).toEqual([]);
    expect(before.phases.map((p) => p.status)).toEqual(['done', 'done', 'planned']);
  });

  it("reads each deliverable's status on the day from its versions and reviews", async () => {
    const deliverableId = await createDeliverable(t.db, accId, {
      title: 'Analyse des domaines d’activité',
      type: 'strategic_area_analysis',
      expected_on: '2016-05-31',
    });
    const version = async (n: number, on: string) => {
      const [{ id: documentId }] = await t
        .db('documents')
        .insert({
          accompaniment_id: accId,
          purpose: 'deliverable',
          filename: `das-v${n}.pdf`,
          mime_type: 'application/pdf',
          size_bytes: 10,
          sha256: 'a'.repeat(63) + n,
          storage_key: `as-of-test-${n}-${Date.now()}`,
        })
        .returning('id');
      await t.db('deliverable_versions').insert({
        deliverable_id: deliverableId,
        version: n,
        document_id: documentId,
        sha256: 'a'.repeat(63) + n,
        uploaded_at: `${on}T10:00:00+02:00`,
        submitted_on: on,
      });
    };
    const review = (decision: string, on: string) =>
      t.db('deliverable_comments').insert({
        deliverable_id: deliverableId,
        decision,
        body: 'À reprendre',
        decided_on: on,
        created_at: `${on}T11:00:00+02:00`,
      });
    await version(1, '2016-05-02');
    await review('changes_requested', '2016-05-10');
    await version(2, '2016-05-20');
    await review('accepted', '2016-05-20');
    await t.db('deliverables').where({ id: deliverableId }).update({ status: 'accepted' });
    const statusOn = async (day: string) =>
      (await buildReportContent(t.db, acc, day)).deliverables.find(
        (d) => d.title === 'Analyse des domaines d’activité',
      )!.status;
    expect(await statusOn('2016-04-30')).toBe('expected');
    expect(await statusOn('2016-05-05')).toBe('submitted');
    expect(await statusOn('2016-05-15')).toBe('changes_requested');
    // Submitted and accepted the same day: accepted, the decision came after.
    expect(await statusOn('2016-05-20')).toBe('accepted');
    await t.db('deliverables').where({ id: deliverableId }).delete();
  });

  it('builds the title from the milestone and the date unless the coordinator typed another', async () => {
    const form = await status(julie.agent.get(`/accompaniments/${accId}/reports/new`), 200);
    const proposed = builtTitle('on_demand', localToday());
    expect(proposed).toBe(`Rapport d’étape — À la demande — ${formatDate('fr', localToday())}`);
    expect(form.text).toContain(`name="proposed_title" value="${proposed}"`);
    expect(form.text).toMatch(new RegExp(`name="title"[^>]*value="${proposed}"`));

    // Left as proposed, then the milestone and the date changed: the title follows them.
    const kept = await createDraft(julie, accId, {
      milestone: 'restitution',
      period_end: '2016-11-30',
      title: proposed,
      proposed_title: proposed,
    });
    expect((await t.db('progress_reports').where({ id: kept }).first('title')).title).toBe(
      'Rapport d’étape — Restitution — 30 novembre 2016',
    );
    const typed = await createDraft(julie, accId, {
      milestone: 'restitution',
      period_end: '2016-11-30',
      title: 'Bilan pour la DDETS',
      proposed_title: proposed,
    });
    expect((await t.db('progress_reports').where({ id: typed }).first('title')).title).toBe('Bilan pour la DDETS');

    // Editing: the stored built title is proposed again and follows a new date; a typed one stays.
    const edit = await status(julie.agent.get(`/reports/${kept}/edit`), 200);
    expect(edit.text).toContain('name="proposed_title" value="Rapport d’étape — Restitution — 30 novembre 2016"');
    const post = (id: string, over: Record<string, string>) =>
      julie.agent
        .post(`/reports/${id}`)
        .type('form')
        .send({
          _csrf: julie.csrf,
          milestone: 'restitution',
          next_steps: '',
          risks: '',
          comment: '',
          lock_version: '0',
          ...over,
        });
    await status(
      post(kept, {
        title: 'Rapport d’étape — Restitution — 30 novembre 2016',
        proposed_title: 'Rapport d’étape — Restitution — 30 novembre 2016',
        period_end: '2016-12-15',
      }),
      302,
    );
    expect((await t.db('progress_reports').where({ id: kept }).first('title')).title).toBe(
      'Rapport d’étape — Restitution — 15 décembre 2016',
    );
    await status(
      post(typed, {
        title: 'Bilan pour la DDETS',
        proposed_title: 'Rapport d’étape — Restitution — 30 novembre 2016',
        period_end: '2016-12-15',
      }),
      302,
    );
    expect((await t.db('progress_reports').where({ id: typed }).first('title')).title).toBe('Bilan pour la DDETS');
    await t.db('progress_reports').whereIn('id', [kept, typed]).delete();
  });
});

describe('a sent report', () => {
  it('never changes afterwards; a funder without an e-mail address is warned of, then recorded as told by letter', async () => {
    const id = await createDraft(julie, accId, { milestone: 'phase_done', title: '', period_end: '2016-03-31' });
    const funders = await t
      .db('accompaniment_funding as f')
      .join('organisations as o', 'o.id', 'f.funder_id')
      .where('f.accompaniment_id', accId)
      .select('o.id', 'o.name', 'o.email');
    // The Banque des Territoires has no account and no address in the demo.
    const bdt = funders.find((f) => f.name === 'Banque des Territoires')!;
    expect(bdt.email).toBeNull();
    const confirm = spaces((await status(julie.agent.get(`/reports/${id}/send`), 200)).text);
    expect(confirm).toContain('Sans adresse e-mail (ne recevront pas le rapport par e-mail) : Banque des Territoires');
    expect(confirm).toContain('notez sur la page du rapport comment et quand chacun a été informé');
    const { lock_version } = await t.db('progress_reports').where({ id }).first('lock_version');
    await status(
      julie.agent
        .post(`/reports/${id}/send`)
        .type('form')
        .send({ _csrf: julie.csrf, lock_version: String(lock_version) }),
      302,
    );
    const sent = await t.db('progress_reports').where({ id }).first();
    const before = reportHtml((await status(julie.agent.get(`/reports/${id}`), 200)).text);
    const pdfBefore = await pdfOf(julie, id);
    expect(sha256(pdfBefore)).toBe(sent.sha256);

    // The record changes afterwards: a session of March 2016 logged late, a structure's exit back-dated.
    const [{ id: lateSession }] = await t
      .db('sessions')
      .insert({
        accompaniment_id: accId,
        type: 'steering_committee',
        title: 'Séance saisie après coup',
        starts_at: '2016-03-20T09:30:00+01:00',
        status: 'held',
        days_consumed: 1,
      })
      .returning('id');
    const draftNow = await buildReportContent(t.db, acc, '2016-03-31');
    expect(draftNow.days.consumed).toBe(3.5);
    const after = reportHtml((await status(julie.agent.get(`/reports/${id}`), 200)).text);
    expect(after).toBe(before);
    expect(after).not.toContain('Séance saisie après coup');
    expect(sha256(await pdfOf(julie, id))).toBe(sent.sha256);
    await expect(t.db('progress_reports').where({ id }).update({ title: 'Autre titre' })).rejects.toThrow(
      /cannot change/,
    );
    await t.db('sessions').where({ id: lateSession }).delete();

    // Its delivery: the DDETS by e-mail, the Banque des Territoires not told yet.
    const rows = await t
      .db('progress_report_recipients')
      .where({ report_id: id })
      .select('id', 'funder_id', 'email', 'outbox_id', 'notified_channel');
    const other = rows.find((r) => String(r.funder_id) === String(bdt.id))!;
    expect(other).toMatchObject({ email: null, outbox_id: null, notified_channel: null });
    expect(rows.filter((r) => r.email).length).toBeGreaterThan(0);
    const show = spaces((await status(julie.agent.get(`/reports/${id}`), 200)).text);
    expect(show).toContain('Pas d’adresse e-mail');
    expect(show).toContain('Non informé');
    const url = `/reports/${id}/recipients/${other.id}/notified`;
    expect(show).toContain(`href="${url}"`);

    const form = await status(julie.agent.get(url), 200);
    expect(form.text).toContain(`value="${localToday()}"`);
    const post = (body: Record<string, string>) =>
      julie.agent
        .post(url)
        .type('form')
        .send({ _csrf: julie.csrf, ...body });
    const noChannel = await status(post({ channel: '', notified_on: localToday() }), 422);
    expect(noChannel.text).toMatch(/field-error[^>]*>[^<]+</);
    expect(noChannel.text).toContain(`value="${localToday()}"`);
    const future = await status(post({ channel: 'letter', notified_on: '2099-01-01' }), 422);
    expect(future.text).toContain('value="2099-01-01"');
    expect(future.text).toMatch(/id="field-notified_on-error"[^>]*>[^<]+</);
    const dayBefore = new Date(Date.parse(`${localToday()}T12:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
    const early = await status(post({ channel: 'letter', notified_on: dayBefore }), 422);
    expect(spaces(early.text)).toContain(`Le rapport a été envoyé le ${formatDate('fr', localToday())}`);
    expect(early.text).toContain(`value="${dayBefore}"`);
    expect(
      await t.db('progress_report_recipients').where({ id: other.id }).first('notified_channel', 'notified_on'),
    ).toEqual({ notified_channel: null, notified_on: null });

    // Forbidden: the funder reads the report but records nothing; a provider does not see it.
    const funder = await loginDemo(t.app, 'financeur@jalons.test');
    await status(funder.agent.get(url), 403);
    await status(
      funder.agent.post(url).type('form').send({ _csrf: funder.csrf, channel: 'letter', notified_on: localToday() }),
      403,
    );
    const provider = await loginDemo(t.app, 'prestataire@jalons.test');
    await status(provider.agent.get(url), 404);
    // A recipient reached by e-mail is not told another way.
    const byMail = rows.find((r) => r.email)!;
    await status(julie.agent.get(`/reports/${id}/recipients/${byMail.id}/notified`), 404);

    await status(post({ channel: 'letter', notified_on: localToday() }), 302);
    expect(
      await t.db('progress_report_recipients').where({ id: other.id }).first('notified_channel', 'notified_on'),
    ).toEqual({ notified_channel: 'letter', notified_on: localToday() });
    const audit = await t
      .db('audit_log')
      .where({ action: 'progress_report.notified_other' })
      .orderBy('id', 'desc')
      .first();
    expect(typeof audit.details === 'string' ? JSON.parse(audit.details) : audit.details).toMatchObject({
      report_id: String(id),
      channel: 'letter',
      notified_on: localToday(),
    });
    const told = spaces((await status(julie.agent.get(`/reports/${id}`), 200)).text);
    expect(told).toContain(`Courrier, le ${formatDate('fr', localToday())}`);
    expect(told).not.toContain('Non informé');
    // The report itself did not move.
    expect(reportHtml(told)).toBe(spaces(before));
    // The timeline has it, on the day it happened.
    const timeline = spaces(
      (await status(julie.agent.get(`/accompaniments/${accId}/timeline?order=desc&kinds=reports`), 200)).text,
    );
    expect(timeline).toContain('Rapport d’étape adressé par courrier à Banque des Territoires');
  });
});
