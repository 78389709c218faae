import { createTestApp, loginAs, TestApp } from '../support/app';
import { createStructure } from '../factories/structures';
import { createIntakeRow, daysBefore, intakeWorld } from './helpers';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

describe('the reminder of unanswered requests on the home page', () => {
  it('shows a coordinator their requests unanswered past the operator’s delay, the direction all of them, with what to do next', async () => {
    const w = await intakeWorld(t.db);
    const late = await createStructure(t.db, { name: `Recyclerie des Forges ${Date.now()}` });
    const recent = await createStructure(t.db, { name: `Café associatif ${Date.now()}` });
    const colleagues = await createStructure(t.db, { name: `Chantier nature ${Date.now()}` });
    const answered = await createStructure(t.db, { name: `Crèche parentale ${Date.now()}` });
    const r = await createIntakeRow(t.db, { ...w, structure: late }, { received_on: daysBefore(20) });
    await createIntakeRow(t.db, { ...w, structure: recent }, { received_on: daysBefore(10) });
    await createIntakeRow(
      t.db,
      { ...w, structure: colleagues },
      { received_on: daysBefore(40), owner_id: w.colleague.id },
    );
    await createIntakeRow(
      t.db,
      { ...w, structure: answered },
      { received_on: daysBefore(60), status: 'no_follow_up', outcome_on: daysBefore(50) },
    );

    const coordinator = await loginAs(t.app, w.coordinator.email);
    const home = (await coordinator.agent.get('/').expect(200)).text;
    expect(home).toContain('Vos demandes sans réponse depuis plus de 15 jours');
    expect(home).toContain('Prenez contact avec la structure, puis enregistrez la suite donnée');
    expect(home).toContain(`<a href="/intake/${r.id}">${late.name}</a>`);
    expect(home).toContain('depuis 20 jours');
    expect(home).not.toContain(recent.name);
    expect(home).not.toContain(colleagues.name);
    expect(home).not.toContain(answered.name);
    expect(home).toContain('href="/intake?owner=me&amp;unanswered=15"');

    const manager = await loginAs(t.app, w.manager.email);
    const direction = (await manager.agent.get('/').expect(200)).text;
    expect(direction).toContain('Demandes sans réponse depuis plus de 15 jours');
    expect(direction.indexOf(colleagues.name)).toBeLessThan(direction.indexOf(late.name));
    expect(direction).toContain('Voir la liste (2)');

    // The operator's own delay: after 30 days only.
    await manager.agent
      .post('/settings/operator')
      .type('form')
      .send({ _csrf: manager.csrf, eligibility_criteria: 'Employeur', intake_reminder_days: '30' })
      .expect(302);
    expect((await coordinator.agent.get('/').expect(200)).text).not.toContain('Vos demandes sans réponse');
    const after = (await manager.agent.get('/').expect(200)).text;
    expect(after).toContain('Demandes sans réponse depuis plus de 30 jours');
    expect(after).toContain(colleagues.name);
    expect(after).not.toContain(late.name);

    // Once answered, it leaves the home page.
    await manager.agent
      .post(
        `/intake/${(await t.db('intake_requests').where({ organisation_id: colleagues.id }).first('id')).id}/outcome`,
      )
      .type('form')
      .send({ _csrf: manager.csrf, outcome: 'no_follow_up', outcome_on: daysBefore(1), outcome_reason: 'Injoignable' })
      .expect(302);
    expect((await manager.agent.get('/').expect(200)).text).not.toContain('Demandes sans réponse');
  });

  it('shows nothing to other operators or other roles', async () => {
    const w = await intakeWorld(t.db);
    await createIntakeRow(t.db, w, { received_on: daysBefore(90), owner_id: null });
    const other = await intakeWorld(t.db);
    const { agent } = await loginAs(t.app, other.manager.email);
    expect((await agent.get('/').expect(200)).text).not.toContain('Demandes sans réponse');
  });
});
