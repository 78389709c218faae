import { addDays } from 'date-fns/addDays';
import { format } from 'date-fns/format';
import { localToday } from '../../src/platform/dates';
import { deliveryCase } from '../factories/deliverables';
import { createTestApp, csrfOf, loginAs, TestApp } from '../support/app';

// A satisfaction survey carries the day the structure answered (entered after the fact on a past case).
let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

const answers = (o: Partial<Record<string, string>> = {}) => ({
  score_quality: '4',
  score_listening: '5',
  score_deliverables: '3',
  score_overall: '4',
  comment: 'Très bon accompagnement.',
  ...o,
});
const surveyUrl = (accId: string, orgId: string) => `/accompaniments/${accId}/close-out/survey/${orgId}`;
const tomorrow = () => format(addDays(new Date(`${localToday()}T12:00:00`), 1), 'yyyy-MM-dd');

describe('the day a survey was answered', () => {
  it('is offered as today, kept as entered, and shown with the day it was recorded', async () => {
    const c = await deliveryCase(t.db);
    const { agent } = await loginAs(t.app, c.coordinator.email);
    const form = await agent.get(surveyUrl(c.acc.id, c.structures[0].id)).expect(200);
    expect(form.text).toMatch(new RegExp(`name="answered_on" type="date"\\s+value="${localToday()}"`));
    await agent
      .post(surveyUrl(c.acc.id, c.structures[0].id))
      .type('form')
      .send({ _csrf: csrfOf(form.text), lock_version: '', ...answers(), answered_on: '2016-12-05' })
      .expect(302);
    expect(
      (await t.db('satisfaction_surveys').where({ accompaniment_id: c.acc.id }).first('answered_on')).answered_on,
    ).toBe('2016-12-05');
    const page = (await agent.get(`/accompaniments/${c.acc.id}/close-out`).expect(200)).text;
    expect(page).toContain('5 décembre 2016');
    expect(page).toContain('saisi le');
    // Edited later: the day entered stays what it was.
    const edit = await agent.get(surveyUrl(c.acc.id, c.structures[0].id)).expect(200);
    expect(edit.text).toContain('value="2016-12-05"');
  });

  it('refuses a day in the future or before the intake, in French next to the field, the answers kept', async () => {
    const c = await deliveryCase(t.db); // intake on 1 July 2015
    const { agent, csrf } = await loginAs(t.app, c.coordinator.email);
    const future = await agent
      .post(surveyUrl(c.acc.id, c.structures[0].id))
      .type('form')
      .send({ _csrf: csrf, lock_version: '', ...answers(), answered_on: tomorrow() })
      .expect(422);
    expect(future.text).toContain('Cette date est dans le futur');
    expect(future.text).toContain('Très bon accompagnement.');
    const early = await agent
      .post(surveyUrl(c.acc.id, c.structures[0].id))
      .type('form')
      .send({ _csrf: csrf, lock_version: '', ...answers(), answered_on: '2015-06-30' })
      .expect(422);
    expect(early.text).toContain('Cette date précède l’accueil de l’accompagnement (1er juillet 2015).');
    expect(early.text).toContain('id="field-answered_on-error"');
    expect(early.text).toContain('value="2015-06-30"');
    expect(await t.db('satisfaction_surveys').where({ accompaniment_id: c.acc.id })).toHaveLength(0);
  });

  it('a structure that withdrew afterwards keeps its answers on the close-out page, marked « sortie le … »', async () => {
    const c = await deliveryCase(t.db);
    const { agent, csrf } = await loginAs(t.app, c.coordinator.email);
    await agent
      .post(surveyUrl(c.acc.id, c.structures[0].id))
      .type('form')
      .send({
        _csrf: csrf,
        lock_version: '',
        ...answers({ comment: 'Réponses avant la sortie.' }),
        answered_on: '2016-11-10',
      })
      .expect(302);
    await t
      .db('accompaniment_beneficiaries')
      .where({ accompaniment_id: c.acc.id, organisation_id: c.structures[0].id })
      .update({ status: 'withdrawn', withdrawn_on: '2016-11-15', withdrawal_reasons: 'Projet propre.' });
    const page = (await agent.get(`/accompaniments/${c.acc.id}/close-out`).expect(200)).text;
    expect(page).toContain('Réponses avant la sortie.');
    expect(page).toContain('sortie le 15 novembre 2016');
    expect(page).toContain('10 novembre 2016');
  });

  it('a funder cannot answer', async () => {
    const c = await deliveryCase(t.db);
    const { agent, csrf } = await loginAs(t.app, c.funder.email);
    await agent
      .post(surveyUrl(c.acc.id, c.structures[0].id))
      .type('form')
      .send({ _csrf: csrf, ...answers(), answered_on: '2016-12-05' })
      .expect(403);
    expect(await t.db('satisfaction_surveys').where({ accompaniment_id: c.acc.id })).toHaveLength(0);
  });
});
