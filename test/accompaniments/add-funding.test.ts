import request from 'supertest';
import { caseUrl } from '../../src/accompaniments/tabs';
import { formatEuros } from '../../src/platform/i18n';
import { createOrganisation, createUser } from '../factories';
import { createAccompaniment, createOperatorTeam } from '../factories/accompaniments';
import { createTestApp, loginAs, TestApp } from '../support/app';

/**
 * A funder's share of a case is recorded on its own page (the overview only links to it), with
 * the case's budget alongside; bad input comes back on that page, in French, with what was
 * typed, and nothing saved.
 */
let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

const CHOOSE = 'Choisissez un financeur dans la liste.';
const NOT_A_NUMBER = 'Saisissez un nombre, par exemple 6 ou 7 000,50.';
const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/'/g, '&#39;');

async function fundedCase() {
  const team = await createOperatorTeam(t.db);
  const acc = await createAccompaniment(t.db, {
    operatorId: team.operator.id,
    coordinatorId: team.coordinator.id,
    structures: 1,
    title: `Dossier ${Math.random().toString(36).slice(2, 8)}`,
  });
  await t.db('accompaniments').where({ id: acc.id }).update({ budget_eur: 7000 });
  const region = await createOrganisation(t.db, { kind: 'funder', name: `Région ${acc.id}` });
  const state = await createOrganisation(t.db, { kind: 'funder', name: `État ${acc.id}` });
  await t.db('accompaniment_funding').insert({ accompaniment_id: acc.id, funder_id: region.id, amount_eur: 3000 });
  const session = await loginAs(t.app, team.coordinator.email);
  return {
    ...team,
    acc,
    region,
    state,
    ...session,
    newUrl: `/accompaniments/${acc.id}/funding/new`,
    postUrl: `/accompaniments/${acc.id}/funding`,
  };
}

const shares = async (accId: string) =>
  (
    await t
      .db('accompaniment_funding')
      .where({ accompaniment_id: accId })
      .orderBy('funder_id')
      .select('funder_id', 'amount_eur')
  ).map((r) => [String(r.funder_id), r.amount_eur]);
const auditCount = async (accId: string) =>
  Number(
    (
      await t
        .db('audit_log')
        .where({ entity_type: 'accompaniment', entity_id: accId })
        .whereLike('action', 'funding.%')
        .count({ n: '*' })
    )[0].n,
  );

describe('the overview of a case', () => {
  it('links to the page that adds a funder instead of listing every funder', async () => {
    const c = await fundedCase();
    const page = await c.agent.get(`/accompaniments/${c.acc.id}`).expect(200);
    expect(page.text).toContain(c.region.name);
    expect(page.text).toContain(`<a class="button button--secondary" href="${c.newUrl}">Ajouter un financeur</a>`);
    expect(page.text).not.toContain(c.state.name);
    expect(page.text).not.toContain('name="funder_id"');
  });

  it('shows the split but no such link to the case’s funder', async () => {
    const c = await fundedCase();
    const funderUser = await createUser(t.db, { role: 'funder', organisation_id: c.region.id });
    const { agent } = await loginAs(t.app, funderUser.email);
    const page = await agent.get(`/accompaniments/${c.acc.id}`).expect(200);
    expect(page.text).toContain(c.region.name);
    expect(page.text).not.toContain(c.newUrl);
    expect(page.text).not.toContain('Ajouter un financeur');
  });
});

describe('the page that adds a funder’s share', () => {
  it('shows the budget and the shares so far, records the share and goes back to the case', async () => {
    const c = await fundedCase();
    const page = await c.agent.get(c.newUrl).expect(200);
    expect(page.text).toContain('<h1>Ajouter la part d’un financeur</h1>');
    expect(page.text).toMatch(new RegExp(`<p class="breadcrumb"><a href="${caseUrl(c.acc.id, 'funding')}">Dossier`));
    expect(page.text).toContain(
      `Budget de l’accompagnement : ${formatEuros('fr', 7000)}. Parts déjà enregistrées : ${formatEuros('fr', 3000)}.`,
    );
    expect(page.text).toContain(`<option value="${c.state.id}">${c.state.name}</option>`);
    expect(page.text).toContain(
      `<option value="${c.region.id}">${c.region.name} (part actuelle : ${formatEuros('fr', 3000)})</option>`,
    );
    expect(page.text).toContain(`<a href="${caseUrl(c.acc.id, 'funding')}">Annuler</a>`);

    const res = await c.agent
      .post(c.postUrl)
      .type('form')
      .send({ _csrf: c.csrf, funder_id: c.state.id, amount_eur: '4 000' })
      .expect(302);
    expect(res.headers.location).toBe(caseUrl(c.acc.id, 'funding'));
    const after = await c.agent.get(res.headers.location.split('#')[0]).expect(200);
    expect(after.text).toContain('Part de financement enregistrée.');
    expect(after.text).toContain(c.state.name);
    expect(await shares(c.acc.id)).toEqual([
      [c.region.id, '3000.00'],
      [c.state.id, '4000.00'],
    ]);
  });

  it('answers bad input on the same page (422), in French, with what was typed, and saves nothing', async () => {
    const c = await fundedCase();
    const structure = c.acc.structures[0];
    const before = { shares: await shares(c.acc.id), audit: await auditCount(c.acc.id) };
    const post = (body: Record<string, unknown>) =>
      c.agent
        .post(c.postUrl)
        .type('form')
        .send({ _csrf: c.csrf, ...body })
        .expect(422);

    // A negative amount: said at the amount, the funder still selected, the amount kept.
    const negative = await post({ funder_id: c.state.id, amount_eur: '-5' });
    expect(negative.text).toContain('data-focus-on-load');
    expect(negative.text).toContain(`<p class="field-error" id="field-amount_eur-error">${NOT_A_NUMBER}</p>`);
    expect(negative.text).toContain(`<option value="${c.state.id}" selected>`);
    expect(negative.text).toContain('value="-5"');
    expect(negative.text).toContain('<h1>Ajouter la part d’un financeur</h1>');

    // No funder, no amount.
    const none = await post({ funder_id: '', amount_eur: '' });
    expect(none.text).toContain(`<p class="field-error" id="field-funder_id-error">${CHOOSE}</p>`);
    expect(none.text).toContain('<p class="field-error" id="field-amount_eur-error">Ce champ est obligatoire.</p>');

    // Too much, garbage, a structure posted as the funder, a list.
    const big = await post({ funder_id: c.state.id, amount_eur: '99 999 999' });
    expect(big.text).toContain('value="99 999 999"');
    expect(big.text).not.toContain(CHOOSE);
    for (const body of [
      { funder_id: 'x', amount_eur: '10' },
      { funder_id: structure.id, amount_eur: '10' },
      { funder_id: [c.state.id, c.region.id], amount_eur: '10' },
    ]) {
      const res = await post(body);
      expect(res.text).toContain(CHOOSE);
      expect(res.text).toContain('value="10"');
    }
    expect({ shares: await shares(c.acc.id), audit: await auditCount(c.acc.id) }).toEqual(before);
  });

  it('says when there is no funder to choose, and that the budget is not recorded', async () => {
    const team = await createOperatorTeam(t.db);
    const acc = await createAccompaniment(t.db, { operatorId: team.operator.id, coordinatorId: team.coordinator.id });
    const { agent } = await loginAs(t.app, team.coordinator.email);
    // Every funder set aside for this one read, then put back.
    const active = await t.db('organisations').where({ kind: 'funder', active: true }).pluck('id');
    await t.db('organisations').whereIn('id', active).update({ active: false });
    try {
      const page = await agent.get(`/accompaniments/${acc.id}/funding/new`).expect(200);
      expect(page.text).toContain('Aucun financeur n’est enregistré pour l’instant');
      expect(page.text).toContain(
        `Le budget de l’accompagnement n’est pas renseigné. Parts déjà enregistrées : ${formatEuros('fr', 0)}.`,
      );
      expect(page.text).not.toContain('name="funder_id"');
      expect(page.text).toContain(`href="${caseUrl(acc.id, 'funding')}"`);
    } finally {
      await t.db('organisations').whereIn('id', active).update({ active: true });
    }
  });

  it('speaks English to an English reader', async () => {
    const c = await fundedCase();
    const english = await createUser(t.db, { role: 'manager', organisation_id: c.operator.id, locale: 'en' });
    const { agent, csrf } = await loginAs(t.app, english.email);
    const page = await agent.get(c.newUrl).expect(200);
    expect(page.text).toContain(`<h1>${esc("Add a funder's share")}</h1>`);
    const bad = await agent
      .post(c.postUrl)
      .type('form')
      .send({ _csrf: csrf, funder_id: '', amount_eur: 'beaucoup' })
      .expect(422);
    expect(bad.text).toContain('Choose a funder from the list.');
    expect(bad.text).toContain('value="beaucoup"');
    expect(bad.text).not.toContain(CHOOSE);
  });

  it('is closed to those who may not change the case: 403 in the case, 404 outside it', async () => {
    const c = await fundedCase();
    const before = await shares(c.acc.id);
    const cases = [
      { user: await createUser(t.db, { role: 'funder', organisation_id: c.region.id }), status: 403 },
      { user: await createUser(t.db, { role: 'beneficiary', organisation_id: c.acc.structures[0].id }), status: 403 },
      { user: (await createOperatorTeam(t.db)).coordinator, status: 404 },
      { user: await createUser(t.db, { role: 'provider' }), status: 404 },
    ];
    for (const { user, status } of cases) {
      const { agent, csrf } = await loginAs(t.app, user.email);
      expect([user.role, (await agent.get(c.newUrl)).status]).toEqual([user.role, status]);
      const res = await agent
        .post(c.postUrl)
        .type('form')
        .send({ _csrf: csrf, funder_id: c.state.id, amount_eur: '1' });
      expect([user.role, res.status]).toEqual([user.role, status]);
    }
    expect((await request(t.app).get(c.newUrl).expect(302)).headers.location).toMatch(/^\/login/);
    expect(await shares(c.acc.id)).toEqual(before);
  });
});
