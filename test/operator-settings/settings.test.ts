import {
  DEFAULT_ELIGIBILITY_CRITERIA,
  operatorSettings,
  isCommitteeExempt,
} from '../../src/operator-settings/settings';
import { createOrganisation, createUser } from '../factories';
import { createTestApp, loginAs, TestApp } from '../support/app';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

async function operatorWith() {
  const operator = await createOrganisation(t.db, { kind: 'operator' });
  const [manager, coordinator, admin] = await Promise.all([
    createUser(t.db, { role: 'manager', organisation_id: operator.id }),
    createUser(t.db, { role: 'coordinator', organisation_id: operator.id }),
    createUser(t.db, { role: 'admin', organisation_id: operator.id }),
  ]);
  return { operator, manager, coordinator, admin };
}

const form = (csrf: string, overrides: Record<string, unknown> = {}) => ({
  _csrf: csrf,
  eligibility_criteria: 'Association employeuse\nSiège dans le Territoire de Belfort',
  intake_reminder_days: '10',
  committee_exempt_kinds: 'individual',
  ...overrides,
});

describe('the operator settings page', () => {
  it('offers the French defaults before the first save, and creates the row on the first save (audited)', async () => {
    const { operator, manager } = await operatorWith();
    expect(await operatorSettings(t.db, operator.id)).toEqual({
      eligibility_criteria: [...DEFAULT_ELIGIBILITY_CRITERIA],
      intake_reminder_days: 15,
      committee_exempt_kinds: [],
      saved: false,
    });
    const { agent, csrf } = await loginAs(t.app, manager.email);
    const page = await agent.get('/settings/operator').expect(200);
    expect(page.text).toContain('Structure d’utilité sociale employeuse');
    expect(page.text).toContain('Siège sur le territoire du DLA');
    expect(page.text).toContain('Besoin relevant du DLA');
    expect(page.text).toContain('value="15"');
    expect(page.text).toContain('les valeurs proposées par défaut s’appliquent');

    await agent
      .post('/settings/operator')
      .type('form')
      .send(form(csrf))
      .expect(302, /settings\/operator/);
    expect(await operatorSettings(t.db, operator.id)).toEqual({
      eligibility_criteria: ['Association employeuse', 'Siège dans le Territoire de Belfort'],
      intake_reminder_days: 10,
      committee_exempt_kinds: ['individual'],
      saved: true,
    });
    expect(await isCommitteeExempt(t.db, operator.id, 'individual')).toBe(true);
    expect(await isCommitteeExempt(t.db, operator.id, 'collective')).toBe(false);
    const after = await agent.get('/settings/operator').expect(200);
    expect(after.text).toContain('Réglages enregistrés.');
    expect(after.text).toContain('Association employeuse');

    // A second save updates the same row; both kinds ticked, then none.
    await agent
      .post('/settings/operator')
      .type('form')
      .send(form(csrf, { committee_exempt_kinds: ['individual', 'collective'] }))
      .expect(302);
    await agent
      .post('/settings/operator')
      .type('form')
      .send(form(csrf, { committee_exempt_kinds: undefined }))
      .expect(302);
    expect(await t.db('operator_settings').where({ operator_id: operator.id })).toHaveLength(1);
    expect((await operatorSettings(t.db, operator.id)).committee_exempt_kinds).toEqual([]);
    const audit = await t
      .db('audit_log')
      .where({ entity_type: 'organisation', entity_id: operator.id })
      .orderBy('id')
      .select('action', 'details');
    expect(audit.map((a) => a.action)).toEqual([
      'operator_settings.create',
      'operator_settings.update',
      'operator_settings.update',
    ]);
    expect(audit[0].details).toMatchObject({ after: { intake_reminder_days: 10 } });
  });

  it('lets an admin of the operator edit, a coordinator read only, and refuses everyone else', async () => {
    const { operator, admin, coordinator } = await operatorWith();
    const asAdmin = await loginAs(t.app, admin.email);
    await asAdmin.agent.post('/settings/operator').type('form').send(form(asAdmin.csrf)).expect(302);

    const asCoordinator = await loginAs(t.app, coordinator.email);
    const read = await asCoordinator.agent.get('/settings/operator').expect(200);
    expect(read.text).toContain('Association employeuse');
    expect(read.text).toContain('Relance des demandes sans réponse après 10 jours.');
    expect(read.text).toContain('Accompagnements individuels dispensés du comité d’appui');
    expect(read.text).not.toContain('name="eligibility_criteria"');
    await asCoordinator.agent
      .post('/settings/operator')
      .type('form')
      .send(form(asCoordinator.csrf, { intake_reminder_days: '3' }))
      .expect(403);

    for (const role of ['provider', 'funder', 'relay', 'beneficiary'] as const) {
      const user = await createUser(t.db, { role });
      const { agent, csrf } = await loginAs(t.app, user.email);
      await agent.get('/settings/operator').expect(403);
      await agent.post('/settings/operator').type('form').send(form(csrf)).expect(403);
    }
    expect((await operatorSettings(t.db, operator.id)).intake_reminder_days).toBe(10);
  });

  it('refuses an empty checklist and a delay out of range next to their fields, keeping the input (422)', async () => {
    const { operator, manager } = await operatorWith();
    const { agent, csrf } = await loginAs(t.app, manager.email);
    const res = await agent
      .post('/settings/operator')
      .type('form')
      .send(form(csrf, { eligibility_criteria: '  \n ', intake_reminder_days: '400', committee_exempt_kinds: 'group' }))
      .expect(422);
    expect(res.text).toMatch(/id="field-eligibility_criteria-error">Indiquez au moins un critère d’éligibilité.</);
    expect(res.text).toMatch(/id="field-intake_reminder_days-error">Saisissez un nombre de jours entre 1 et 365.</);
    expect(res.text).toContain('value="400"');
    expect(res.text).toContain('Choisissez une valeur dans la liste.');
    expect(await t.db('operator_settings').where({ operator_id: operator.id })).toEqual([]);
  });
});
