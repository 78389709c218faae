import { caseUrl } from '../../src/accompaniments/tabs';
import { rowsOfPhases } from '../../src/phases/schemas';
import { createUser } from '../factories';
import { addBid, addFunder, addStructure, createCase, createPhase } from '../factories/phases';
import { createTestApp, csrfOf, loginAs, TestApp } from '../support/app';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

const BELFORT_PHASES = [
  'Projet politique et organisation stratégique',
  'Réflexions stratégiques en groupes de travail thématiques',
  'Mise en place opérationnelle',
];

const phasesOf = (accId: string) =>
  t
    .db('phases')
    .where({ accompaniment_id: accId })
    .orderBy('position')
    .select('id', 'position', 'name', 'planned_start', 'planned_end', 'actual_start', 'actual_end', 'status');

/** The edit form's rows as a posted body: p0_name, p0_planned_start… */
function editBody(csrf: string, rows: Record<string, string>[]) {
  const body: Record<string, string> = { _csrf: csrf, row_count: String(rows.length) };
  rows.forEach((r, i) => {
    for (const [k, v] of Object.entries(r)) body[`p${i}_${k}`] = v;
  });
  return body;
}

/** The version of the case's phases an edit form would carry (optimistic locking). */
const lockOf = async (accId: string) =>
  String((await t.db('accompaniments').where({ id: accId }).first('phases_lock_version')).phases_lock_version);

// The edit form posts one row per phase, as the page renders them.
const rowOf = (p: Parameters<typeof rowsOfPhases>[0][number]) => rowsOfPhases([p])[0];

describe('phases from the template', () => {
  it('offers the default template on a case without phases and creates the three Belfort phases', async () => {
    const { acc, coordinator } = await createCase(t.db);
    const { agent } = await loginAs(t.app, coordinator.email);
    const page = await agent.get(`/accompaniments/${acc.id}`).expect(200);
    expect(page.text).toContain('Aucune phase n’est encore définie pour cet accompagnement.');
    expect(page.text).toContain('Créer les phases depuis le modèle');
    const template = await t.db('phase_templates').where({ is_default: true }).first('id');
    expect(page.text).toMatch(
      new RegExp(`<option value="${template.id}"\\s*selected>Accompagnement collectif en trois phases \\(3 phases\\)`),
    );

    const res = await agent
      .post(`/accompaniments/${acc.id}/phases/from-template`)
      .type('form')
      .send({ _csrf: csrfOf(page.text), template_id: template.id })
      .expect(302);
    expect(res.headers.location).toBe(caseUrl(acc.id, 'phases'));
    const phases = await phasesOf(acc.id);
    expect(phases.map((p) => [p.position, p.name, p.status])).toEqual(
      BELFORT_PHASES.map((n, i) => [i + 1, n, 'planned']),
    );
    const audit = await t.db('audit_log').where({ action: 'phases.from_template', entity_id: acc.id }).first();
    expect(String(audit.actor_id)).toBe(coordinator.id);

    const after = await agent.get(`/accompaniments/${acc.id}`).expect(200);
    expect(after.text).toContain('3 phases créées depuis le modèle : renseignez maintenant leurs dates.');
    for (const name of BELFORT_PHASES) expect(after.text).toContain(name);
    expect(after.text).not.toContain('Créer les phases depuis le modèle');
    expect(after.text).toContain('Modifier les phases');
  });

  it('never creates a second set of phases', async () => {
    const { acc, coordinator } = await createCase(t.db);
    await createPhase(t.db, acc.id, { name: 'Phase existante' });
    const { agent, csrf } = await loginAs(t.app, coordinator.email);
    const template = await t.db('phase_templates').where({ is_default: true }).first('id');
    await agent
      .post(`/accompaniments/${acc.id}/phases/from-template`)
      .type('form')
      .send({ _csrf: csrf, template_id: template.id })
      .expect(302);
    expect((await phasesOf(acc.id)).map((p) => p.name)).toEqual(['Phase existante']);
    const page = await agent.get(`/accompaniments/${acc.id}`).expect(200);
    expect(page.text).toContain('Cet accompagnement a déjà des phases');
  });

  it('refuses an unknown template', async () => {
    const { acc, coordinator } = await createCase(t.db);
    const { agent, csrf } = await loginAs(t.app, coordinator.email);
    await agent
      .post(`/accompaniments/${acc.id}/phases/from-template`)
      .type('form')
      .send({ _csrf: csrf, template_id: '999999' })
      .expect(302);
    expect(await phasesOf(acc.id)).toEqual([]);
    const page = await agent.get(`/accompaniments/${acc.id}`).expect(200);
    expect(page.text).toContain('Choisissez un modèle de phases dans la liste.');
  });
});

describe('the phases picture', () => {
  it('draws planned and actual bars with today’s marker, and says the same in a table', async () => {
    const { acc, coordinator } = await createCase(t.db);
    const start = new Date();
    start.setMonth(start.getMonth() - 2);
    const iso = (d: Date) => d.toISOString().slice(0, 10);
    const later = new Date();
    later.setMonth(later.getMonth() + 3);
    await createPhase(t.db, acc.id, {
      position: 1,
      name: 'Projet politique',
      planned_start: '2015-11-01',
      planned_end: '2015-12-31',
      actual_start: '2015-11-01',
      actual_end: '2016-01-10',
      status: 'done',
    });
    await createPhase(t.db, acc.id, {
      position: 2,
      name: 'Groupes de travail',
      planned_start: iso(start),
      planned_end: iso(later),
      actual_start: iso(start),
      status: 'in_progress',
    });
    await createPhase(t.db, acc.id, {
      position: 3,
      name: 'Mise en place',
      planned_start: '2015-12-01',
      planned_end: '2016-01-15',
      status: 'planned',
    });
    const { agent } = await loginAs(t.app, coordinator.email);
    const page = await agent.get(`/accompaniments/${acc.id}`).expect(200);
    expect(page.text).toMatch(/<svg class="phase-chart__svg"[^>]*role="img"/);
    expect(page.text).toContain('Calendrier des phases : prévu et réel');
    expect(page.text).toContain('class="phase-chart__today"');
    expect(page.text).toContain('phase-chart__actual phase-chart__actual--done');
    expect(page.text).toContain('phase-chart__actual--in_progress phase-chart__bar--open');
    expect(page.text).not.toMatch(/<script(?![^>]*src=)/); // no inline script (CSP)
    expect(page.text).not.toMatch(/<(rect|line|text|circle)[^>]*style=/); // no inline style either
    // The text equivalent
    expect(page.text).toContain('du 1er novembre 2015 au 10 janvier 2016');
    expect(page.text).toMatch(
      /<th scope="row">Groupes de travail<\/th>[\s\S]*?depuis le \d+ \S+ \d{4} \(en cours\)[\s\S]*?En cours/,
    );
    expect(page.text).toContain('Terminée');
    // Phase 3 should have ended by now and is not done: flagged late.
    expect(page.text).toMatch(
      /<th scope="row">Mise en place<\/th>[\s\S]*?À venir<\/span>\s*<span class="badge phase-status phase-status--late">En retard/,
    );
  });

  it('is shown to everyone in scope, without the edit controls', async () => {
    const { acc } = await createCase(t.db);
    await createPhase(t.db, acc.id, {
      name: 'Projet politique',
      planned_start: '2015-11-01',
      planned_end: '2015-12-31',
    });
    const { user: funderUser } = await addFunder(t.db, acc.id);
    const { user: beneficiaryUser } = await addStructure(t.db, acc.id);
    const { user: providerUser } = await addBid(t.db, acc.id, { status: 'selected' });
    for (const u of [funderUser, beneficiaryUser, providerUser]) {
      const { agent } = await loginAs(t.app, u.email);
      const page = await agent.get(`/accompaniments/${acc.id}`).expect(200);
      expect(page.text).toContain('Projet politique');
      expect(page.text).toContain('phase-chart__planned');
      expect(page.text).not.toContain(`/accompaniments/${acc.id}/phases/edit`);
    }
  });
});

describe('editing the phases', () => {
  it('saves every phase at once: dates, status, a new phase, a removal and a new order', async () => {
    const { acc, coordinator } = await createCase(t.db);
    const p1 = await createPhase(t.db, acc.id, { position: 1, name: 'Projet politique' });
    const p2 = await createPhase(t.db, acc.id, { position: 2, name: 'Réflexions stratégiques' });
    const p3 = await createPhase(t.db, acc.id, { position: 3, name: 'Phase en trop' });
    const { agent } = await loginAs(t.app, coordinator.email);
    const form = await agent.get(`/accompaniments/${acc.id}/phases/edit`).expect(200);
    expect(form.text).toContain('value="Projet politique"');
    expect(form.text).toContain('name="row_count" value="4"'); // three phases and an empty row
    expect(form.text).toContain('Phase 4 (nouvelle)');

    const res = await agent
      .post(`/accompaniments/${acc.id}/phases/edit`)
      .type('form')
      .send({
        lock_version: form.text.match(/name="lock_version" value="(\d+)"/)![1],
        ...editBody(csrfOf(form.text), [
          {
            id: p1.id,
            position: '2',
            name: 'Projet politique et organisation stratégique',
            planned_start: '2015-11-01',
            planned_end: '2015-12-31',
            actual_start: '2015-11-01',
            actual_end: '2016-01-05',
            status: 'done',
          },
          {
            id: p2.id,
            position: '3',
            name: 'Réflexions stratégiques',
            planned_start: '2016-01-01',
            planned_end: '2016-09-30',
            actual_start: '2016-01-05',
            actual_end: '',
            status: 'in_progress',
          },
          { id: p3.id, position: '4', name: 'Phase en trop', status: 'planned', remove: '1' },
          {
            id: '',
            position: '1',
            name: 'Lancement',
            planned_start: '2015-10-15',
            planned_end: '2015-10-31',
            status: 'planned',
          },
        ]),
      })
      .expect(302);
    expect(res.headers.location).toBe(caseUrl(acc.id, 'phases'));
    const phases = await phasesOf(acc.id);
    expect(phases.map((p) => [p.position, p.name, p.status, p.actual_start, p.actual_end])).toEqual([
      [1, 'Lancement', 'planned', null, null],
      [2, 'Projet politique et organisation stratégique', 'done', '2015-11-01', '2016-01-05'],
      [3, 'Réflexions stratégiques', 'in_progress', '2016-01-05', null],
    ]);
    expect(String(phases[1].id)).toBe(p1.id);
    const audit = await t.db('audit_log').where({ action: 'phases.update', entity_id: acc.id }).first();
    expect(audit.details).toMatchObject({ added: 1, updated: 2, removed: 1 });
  });

  it('adds an empty row on demand without saving anything', async () => {
    const { acc, coordinator } = await createCase(t.db);
    const p1 = await createPhase(t.db, acc.id, { name: 'Projet politique' });
    const { agent, csrf } = await loginAs(t.app, coordinator.email);
    const res = await agent
      .post(`/accompaniments/${acc.id}/phases/edit`)
      .type('form')
      .send({
        ...editBody(csrf, [
          { ...rowOf(p1), name: 'Nom modifié' },
          { name: 'Nouvelle', status: 'planned' },
        ]),
        action: 'add_row',
      })
      .expect(200);
    expect(res.text).toContain('name="row_count" value="3"');
    expect(res.text).toContain('value="Nom modifié"');
    expect(res.text).toContain('value="Nouvelle"');
    expect((await phasesOf(acc.id)).map((p) => p.name)).toEqual(['Projet politique']);
  });

  it('refuses an end before the start, in French next to that row’s field, keeping what was typed', async () => {
    const { acc, coordinator } = await createCase(t.db);
    const p1 = await createPhase(t.db, acc.id, {
      position: 1,
      name: 'Projet politique',
      planned_start: '2015-11-01',
      planned_end: '2015-12-31',
    });
    const p2 = await createPhase(t.db, acc.id, { position: 2, name: 'Réflexions stratégiques' });
    const { agent, csrf } = await loginAs(t.app, coordinator.email);
    const res = await agent
      .post(`/accompaniments/${acc.id}/phases/edit`)
      .type('form')
      .send(
        editBody(csrf, [
          { ...rowOf(p1), name: 'Projet politique renommé' },
          { ...rowOf(p2), planned_start: '2016-09-30', planned_end: '2016-01-01' },
          { name: 'Phase ajoutée', planned_start: '2017-01-01', status: 'planned' },
        ]),
      )
      .expect(422);
    expect(res.text).toContain('Le formulaire contient des erreurs');
    expect(res.text).toMatch(
      /<p class="field-error" id="field-p1_planned_end-error">La date de fin doit suivre la date de début.<\/p>/,
    );
    expect(res.text).toMatch(
      /id="field-p1_planned_end" name="p1_planned_end" type="date"\s+value="2016-01-01"[\s\S]*?aria-invalid="true"/,
    );
    expect(res.text).not.toContain('id="field-p0_planned_end-error"');
    expect(res.text).toContain('Phase 2 — Fin prévue : La date de fin doit suivre la date de début.');
    // Everything typed is still there, including the other rows.
    expect(res.text).toContain('value="Projet politique renommé"');
    expect(res.text).toContain('value="Phase ajoutée"');
    expect(res.text).toContain('value="2016-09-30"');
    // Nothing saved.
    expect((await phasesOf(acc.id)).map((p) => [p.name, p.planned_start])).toEqual([
      ['Projet politique', '2015-11-01'],
      ['Réflexions stratégiques', null],
    ]);
  });

  it('requires a name, an actual end for a finished phase and an actual start for one in progress', async () => {
    const { acc, coordinator } = await createCase(t.db);
    const p1 = await createPhase(t.db, acc.id, { position: 1, name: 'Projet politique' });
    const p2 = await createPhase(t.db, acc.id, { position: 2, name: 'Réflexions stratégiques' });
    const p3 = await createPhase(t.db, acc.id, { position: 3, name: 'Mise en place' });
    const { agent, csrf } = await loginAs(t.app, coordinator.email);
    const res = await agent
      .post(`/accompaniments/${acc.id}/phases/edit`)
      .type('form')
      .send(
        editBody(csrf, [
          { ...rowOf(p1), status: 'done', actual_start: '2015-11-01', actual_end: '' },
          { ...rowOf(p2), status: 'in_progress', actual_start: '' },
          { ...rowOf(p3), name: '   ' },
        ]),
      )
      .expect(422);
    expect(res.text).toMatch(/id="field-p0_actual_end-error">Une phase terminée doit avoir une date de fin réelle.</);
    expect(res.text).toMatch(
      /id="field-p1_actual_start-error">Une phase en cours doit avoir une date de début réelle.</,
    );
    expect(res.text).toMatch(/id="field-p2_name-error">Ce champ est obligatoire.</);
    expect(res.text).toMatch(/<option value="done"\s*selected>Terminée/);
    expect((await phasesOf(acc.id)).map((p) => p.status)).toEqual(['planned', 'planned', 'planned']);
  });

  it('does not check a phase being removed, and leaves other cases’ phases alone', async () => {
    const { acc, coordinator } = await createCase(t.db);
    const other = await createCase(t.db);
    const foreign = await createPhase(t.db, other.acc.id, { name: 'Phase d’un autre cas' });
    const p1 = await createPhase(t.db, acc.id, { name: 'À supprimer' });
    const { agent, csrf } = await loginAs(t.app, coordinator.email);
    await agent
      .post(`/accompaniments/${acc.id}/phases/edit`)
      .type('form')
      .send({
        ...editBody(csrf, [
          { ...rowOf(p1), name: '', status: 'done', remove: '1' },
          { ...rowOf(foreign), name: 'Renommée' },
        ]),
        lock_version: await lockOf(acc.id),
      })
      .expect(302);
    // The removal applied; the foreign id did not touch the other case (the row became a phase of this one, as typed).
    expect((await phasesOf(acc.id)).map((p) => p.name)).toEqual(['Renommée']);
    expect((await phasesOf(other.acc.id)).map((p) => [String(p.id), p.name])).toEqual([
      [foreign.id, 'Phase d’un autre cas'],
    ]);
  });
});

describe('who may change the phases', () => {
  it('refuses the funder, the selected provider, the beneficiary and the administrator (403)', async () => {
    const { acc } = await createCase(t.db);
    const p1 = await createPhase(t.db, acc.id, { name: 'Projet politique' });
    const { user: funderUser } = await addFunder(t.db, acc.id);
    const { user: beneficiaryUser } = await addStructure(t.db, acc.id);
    const { user: providerUser } = await addBid(t.db, acc.id, { status: 'selected' });
    const admin = await createUser(t.db, { role: 'admin' });
    const template = await t.db('phase_templates').where({ is_default: true }).first('id');
    for (const u of [funderUser, beneficiaryUser, providerUser, admin]) {
      const { agent, csrf } = await loginAs(t.app, u.email);
      await agent.get(`/accompaniments/${acc.id}/phases/edit`).expect(403);
      await agent
        .post(`/accompaniments/${acc.id}/phases/edit`)
        .type('form')
        .send(editBody(csrf, [{ ...rowOf(p1), name: 'Piraté' }]))
        .expect(403);
      await agent
        .post(`/accompaniments/${acc.id}/phases/from-template`)
        .type('form')
        .send({ _csrf: csrf, template_id: template.id })
        .expect(403);
    }
    expect((await phasesOf(acc.id)).map((p) => p.name)).toEqual(['Projet politique']);
  });

  it('answers 404 to another operator’s coordinator, and to a provider that was not selected', async () => {
    const { acc } = await createCase(t.db);
    const p1 = await createPhase(t.db, acc.id, { name: 'Projet politique' });
    const stranger = await createCase(t.db);
    const { user: loser } = await addBid(t.db, acc.id, { status: 'not_selected' });
    const template = await t.db('phase_templates').where({ is_default: true }).first('id');
    for (const u of [stranger.coordinator, loser]) {
      const { agent, csrf } = await loginAs(t.app, u.email);
      await agent.get(`/accompaniments/${acc.id}/phases/edit`).expect(404);
      await agent
        .post(`/accompaniments/${acc.id}/phases/edit`)
        .type('form')
        .send(editBody(csrf, [{ ...rowOf(p1), name: 'Piraté' }]))
        .expect(404);
      await agent
        .post(`/accompaniments/${acc.id}/phases/from-template`)
        .type('form')
        .send({ _csrf: csrf, template_id: template.id })
        .expect(404);
    }
    expect((await phasesOf(acc.id)).map((p) => p.name)).toEqual(['Projet politique']);
  });

  it('lets the operator’s manager edit too', async () => {
    const { acc, operator } = await createCase(t.db);
    const manager = await createUser(t.db, { role: 'manager', organisation_id: operator.id });
    const { agent } = await loginAs(t.app, manager.email);
    await agent.get(`/accompaniments/${acc.id}/phases/edit`).expect(200);
  });
});
