import { ensureConsultancyAction } from '../../src/pathways/commands';
import { localToday } from '../../src/platform/dates';
import { createOrganisation, createUser } from '../factories';
import { createAccompaniment, createOperatorTeam } from '../factories/accompaniments';
import { createTestApp, loginAs, type TestApp } from '../support/app';

/**
 * The parcours pages as a user meets them: the list, the parcours with its timeline and to-dos,
 * each form (happy path, bad input kept with a French message next to the field and a 422), the
 * moves walked and logged, and who may see (404 outside scope) or change (403) a parcours.
 */
let t: TestApp;
let team: Awaited<ReturnType<typeof createOperatorTeam>>;
let acc: Awaited<ReturnType<typeof createAccompaniment>>;
let pathwayId: string;
let staff: Awaited<ReturnType<typeof loginAs>>;

beforeAll(async () => {
  t = await createTestApp();
  team = await createOperatorTeam(t.db);
  acc = await createAccompaniment(t.db, {
    operatorId: team.operator.id,
    coordinatorId: team.coordinator.id,
    structures: 1,
    intakeOn: '2026-01-05',
    title: 'Consolidation du modèle économique',
  });
  await t.db.transaction((trx) =>
    ensureConsultancyAction(trx, { accompanimentId: acc.id, organisationId: acc.structures[0].id, actorId: null }),
  );
  pathwayId = String((await t.db('pathways').where({ organisation_id: acc.structures[0].id }).first('id')).id);
  staff = await loginAs(t.app, team.coordinator.email);
});
afterAll(() => t.close());

const url = (rest = '') => `/pathways/${pathwayId}${rest}`;
const post = (path: string, body: Record<string, string>) =>
  staff.agent
    .post(path)
    .type('form')
    .send({ _csrf: staff.csrf, ...body });
const fieldError = (html: string, name: string) =>
  html.match(new RegExp(`id="field-${name}-error">([^<]*)<`))?.[1] ?? null;
const logOf = async (actionId: string) =>
  (
    await t
      .db('pathway_action_transitions')
      .where({ pathway_action_id: actionId })
      .orderBy('id')
      .select('event', 'to_status')
  ).map((r) => `${r.event}:${r.to_status}`);

describe('the list and the parcours page', () => {
  it('lists the parcours with its filters, and shows the parcours with its consultancy and to-dos', async () => {
    const list = await staff.agent.get('/pathways').expect(200);
    expect(list.text).toContain(acc.structures[0].name);
    const filtered = await staff.agent.get('/pathways?kind=orientation').expect(200);
    expect(filtered.text).not.toContain(acc.structures[0].name);
    expect(
      (await staff.agent.get('/pathways?status=open&kind=consultancy&coordinator=abc').expect(200)).text,
    ).toContain(acc.structures[0].name);
    const page = await staff.agent.get(url()).expect(200);
    expect(page.text).toContain('Consolidation du modèle économique');
    expect(page.text).toContain('Diagnostic à rédiger');
    expect(page.text).toContain('Chronologie du parcours');
  });
});

describe('the diagnostic', () => {
  it('refuses a diagnostic without findings or dated before the opening, keeping what was typed', async () => {
    const empty = await post(url('/diagnostic'), {
      mode: 'own',
      diagnosed_on: '2026-02-01',
      diagnostic_needs: 'Trésorerie',
    });
    expect(empty.status).toBe(422);
    expect(fieldError(empty.text, 'diagnostic_summary')).toBe('Ce champ est obligatoire.');
    expect(empty.text).toContain('Trésorerie');
    const early = await post(url('/diagnostic'), {
      mode: 'own',
      diagnosed_on: '2025-12-01',
      diagnostic_summary: 'Constat',
    });
    expect(early.status).toBe(422);
    expect(fieldError(early.text, 'diagnosed_on')).toBe(
      'Cette date précède l’ouverture du parcours, le 5 janvier 2026.',
    );
    const shared = await post(url('/diagnostic'), { mode: 'shared', shared_diagnostic_accompaniment_id: acc.id });
    expect(shared.status).toBe(422);
  });

  it('saves its own diagnostic', async () => {
    await post(url('/diagnostic'), {
      mode: 'own',
      diagnosed_on: '2026-02-01',
      diagnostic_summary: 'Modèle économique fragile',
    }).expect(302);
    const p = await t.db('pathways').where({ id: pathwayId }).first();
    expect(p).toMatchObject({ diagnosed_on: '2026-02-01', diagnostic_summary: 'Modèle économique fragile' });
    expect((await staff.agent.get(url()).expect(200)).text).not.toContain('Diagnostic à rédiger');
  });
});

describe('actions', () => {
  it('records an appui-conseil with its hours, and refuses a future date or a bad number next to the field', async () => {
    const bad = await post(url('/actions'), {
      mode: 'record',
      kind: 'advice',
      title: 'Budget prévisionnel',
      happened_on: `${Number(localToday().slice(0, 4)) + 1}-01-01`,
      hours: 'deux',
    });
    expect(bad.status).toBe(422);
    expect(fieldError(bad.text, 'happened_on')).toContain('futur');
    expect(fieldError(bad.text, 'hours')).toBe('Saisissez un nombre, par exemple 6 ou 7 000,50.');
    expect(bad.text).toContain('Budget prévisionnel');
    await post(url('/actions'), {
      mode: 'record',
      kind: 'advice',
      title: 'Budget prévisionnel',
      happened_on: '2026-02-10',
      hours: '1,5',
    }).expect(302);
    const a = await t.db('pathway_actions').where({ pathway_id: pathwayId, kind: 'advice' }).first();
    expect(a).toMatchObject({ status: 'done', started_on: '2026-02-10', ended_on: '2026-02-10', hours: '1.50' });
    expect(await logOf(String(a.id))).toEqual(['create:done']);
  });

  it('plans an orientation, walks it planned → in progress → done, then records its outcome; a cancel needs a reason', async () => {
    const noPartner = await post(url('/actions'), {
      mode: 'plan',
      kind: 'orientation',
      title: 'Prêt',
      target_on: '2026-03-01',
    });
    expect(noPartner.status).toBe(422);
    expect(fieldError(noPartner.text, 'partner')).toBe('Ce champ est obligatoire.');
    await post(url('/actions'), {
      mode: 'plan',
      kind: 'orientation',
      title: 'Prêt d’honneur',
      partner: 'France Active',
      target_on: '2026-03-01',
    }).expect(302);
    const a = await t.db('pathway_actions').where({ pathway_id: pathwayId, kind: 'orientation' }).first();
    expect(a.status).toBe('planned');
    const move = (body: Record<string, string>) => post(url(`/actions/${a.id}/transitions`), body);
    const noReason = await move({ event: 'cancel', happened_on: '2026-03-02' });
    expect(noReason.status).toBe(422);
    expect(fieldError(noReason.text, 'reason')).toBe('Indiquez le motif.');
    await move({ event: 'start', happened_on: '2026-03-02' }).expect(302);
    const beforeStart = await move({ event: 'complete', happened_on: '2026-03-01' });
    expect(beforeStart.status).toBe(422);
    expect(fieldError(beforeStart.text, 'happened_on')).toBe(
      'Cette date précède le début de l’action, le 2 mars 2026.',
    );
    await move({ event: 'complete', happened_on: '2026-03-05' }).expect(302);
    expect(await logOf(String(a.id))).toEqual(['create:planned', 'start:in_progress', 'complete:done']);
    expect((await staff.agent.get(url()).expect(200)).text).toContain(
      'Résultat de l’orientation vers France Active à noter.',
    );
    await post(url(`/actions/${a.id}/outcome`), { outcome: 'Prêt accordé', outcome_on: '2026-04-01' }).expect(302);
    expect((await t.db('pathway_actions').where({ id: a.id }).first()).outcome).toBe('Prêt accordé');
    // A consultancy follows its case: it is not moved from here.
    const consultancy = await t.db('pathway_actions').where({ pathway_id: pathwayId, kind: 'consultancy' }).first();
    const refused = await move({ event: 'start', happened_on: '2026-03-02' }).then(() =>
      post(url(`/actions/${consultancy.id}/transitions`), { event: 'start', happened_on: '2026-03-02' }),
    );
    expect(refused.status).toBe(422);
  });
});

describe('checkpoints and closure', () => {
  it('offers checkpoints after the last action’s end and records one with its headcounts', async () => {
    const page = await staff.agent.get(url()).expect(200);
    expect(page.text).toContain('À 6 mois : dû le');
    await staff.agent.get(url('/checkpoints/6')).expect(200);
    await staff.agent.get(url('/checkpoints/7')).expect(404);
    const bad = await post(url('/checkpoints/6'), {
      held_on: '2026-09-10',
      employees: '10',
      employees_in_insertion: '12',
    });
    expect(bad.status).toBe(422);
    expect(fieldError(bad.text, 'employees_in_insertion')).toBe('Ce nombre dépasse celui des salarié·es.');
    await post(url('/checkpoints/6'), { held_on: '2026-09-10', employees: '14', employees_in_insertion: '9' }).expect(
      302,
    );
    expect(await t.db('pathway_checkpoints').where({ pathway_id: pathwayId }).first()).toMatchObject({
      offset_months: 6,
      held_on: '2026-09-10',
      employees: 14,
    });
  });

  it('closes with a reason and a day, and reopens; each move logged', async () => {
    const noReason = await post(url('/close'), { happened_on: localToday() });
    expect(noReason.status).toBe(422);
    expect(fieldError(noReason.text, 'reason')).toBe('Ce champ est obligatoire.');
    await post(url('/close'), { happened_on: '2026-10-01', reason: 'Parcours achevé' }).expect(302);
    expect(await t.db('pathways').where({ id: pathwayId }).first()).toMatchObject({
      status: 'closed',
      closed_on: '2026-10-01',
    });
    const early = await post(url('/reopen'), { happened_on: '2026-09-01', reason: 'Nouvelle demande' });
    expect(early.status).toBe(422);
    await post(url('/reopen'), { happened_on: '2026-10-15', reason: 'Nouvelle demande' }).expect(302);
    const log = await t.db('pathway_transitions').where({ pathway_id: pathwayId }).orderBy('id').pluck('event');
    expect(log).toEqual(['open', 'close', 'reopen']);
  });
});

describe('who sees and who changes a parcours', () => {
  it('answers 404 out of scope, 403 to readers who may not change it', async () => {
    const other = await createOperatorTeam(t.db);
    const outsiders = [
      await createUser(t.db, { role: 'provider' }),
      await createUser(t.db, { role: 'funder' }),
      await createUser(t.db, { role: 'beneficiary' }),
      await createUser(t.db, { role: 'relay' }),
      other.coordinator,
    ];
    for (const u of outsiders) {
      const { agent } = await loginAs(t.app, u.email);
      await agent.get(url()).expect(404);
    }
    for (const role of ['provider', 'funder'] as const) {
      const { agent } = await loginAs(t.app, (await createUser(t.db, { role })).email);
      await agent.get('/pathways').expect(403);
    }
    // The structure itself reads its parcours, and may not change it.
    const own = await createUser(t.db, { role: 'beneficiary', organisation_id: acc.structures[0].id });
    const b = await loginAs(t.app, own.email);
    const page = await b.agent.get(url()).expect(200);
    expect(page.text).toContain('lecture seule');
    expect(page.text).not.toContain(`action="${url('/close')}"`);
    await b.agent.get(url('/diagnostic')).expect(403);
    const otherStructure = await createAccompaniment(t.db, { operatorId: team.operator.id, structures: 1 });
    await t.db.transaction((trx) =>
      ensureConsultancyAction(trx, {
        accompanimentId: otherStructure.id,
        organisationId: otherStructure.structures[0].id,
        actorId: null,
      }),
    );
    const ownList = await b.agent.get('/pathways').expect(200);
    expect(ownList.text).toContain(acc.structures[0].name);
    expect(ownList.text).not.toContain(otherStructure.structures[0].name);
    await b.agent
      .post(url('/close'))
      .type('form')
      .send({ _csrf: b.csrf, happened_on: '2026-10-20', reason: 'x' })
      .expect(403);
    // A relay reads the parcours of a structure of a case handed to it.
    const relay = await createOrganisation(t.db, { kind: 'relay' });
    await t
      .db('handoffs')
      .insert({ accompaniment_id: acc.id, relay_id: relay.id, summary: 'Suivi', handed_off_on: '2026-09-01' });
    const r = await loginAs(t.app, (await createUser(t.db, { role: 'relay', organisation_id: relay.id })).email);
    await r.agent.get(url()).expect(200);
    await r.agent.get(url('/checkpoints/6')).expect(403);
  });
});

describe('links from the structure and the case', () => {
  it('shows the parcours on the structure page and links it from the case page, for readers in scope only', async () => {
    const structurePage = await staff.agent.get(`/structures/${acc.structures[0].id}`).expect(200);
    expect(structurePage.text).toContain(`href="/pathways/${pathwayId}"`);
    expect(structurePage.text).toContain('Prêt d’honneur');
    const casePage = await staff.agent.get(`/accompaniments/${acc.id}`).expect(200);
    expect(casePage.text).toContain(`href="/pathways/${pathwayId}"`);
    const funder = await createUser(t.db, { role: 'funder' });
    await t
      .db('accompaniment_funding')
      .insert({ accompaniment_id: acc.id, funder_id: funder.organisation_id, amount_eur: 1000 });
    const f = await loginAs(t.app, funder.email);
    const asFunder = await f.agent.get(`/accompaniments/${acc.id}`).expect(200);
    expect(asFunder.text).not.toContain('/pathways/');
  });

  it('« Créer l’accompagnement » opens the case form with the structure ticked', async () => {
    const form = await staff.agent.get(`/accompaniments/new?structure_id=${acc.structures[0].id}`).expect(200);
    expect(form.text).toMatch(new RegExp(`value="${acc.structures[0].id}"\\s+checked`));
  });
});
