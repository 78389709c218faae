import { BELFORT_TITLE } from '../../seeds/belfort';
import { DEMO_PASSWORD } from '../../seeds/demo-accounts';
import { createDeliveryCase, createSession } from '../factories/sessions';
import { createDemoApp, loginAs, TestApp } from '../support/app';

// French typography as the screens show it: counts agree with their number (Intl.PluralRules),
// « de » elides before a vowel.
let t: TestApp;
beforeAll(async () => {
  t = await createDemoApp();
}, 60_000);
afterAll(() => t.close());

describe('plurals on the screens', () => {
  it('shows « 1 séance » then « 2 séances » on the attendance table, and the attendance of a session in agreement', async () => {
    const { coordinator, accId } = await createDeliveryCase(t.db);
    const first = await createSession(t.db, accId, {
      title: 'Comité de lancement',
      starts_at: new Date('2016-02-12T08:30:00Z'),
      days_consumed: '0.5',
    });
    await t.db('session_attendees').insert([{ session_id: first, name: 'Alice Martin', presence: 'present' }]);
    const { agent, csrf } = await loginAs(t.app, coordinator.email);

    const one = await agent.get(`/accompaniments/${accId}/attendance`).expect(200);
    expect(one.text).toContain('Présences d’une personne à 1 séance');
    expect(one.text).not.toContain('(s)');
    const session = await agent.get(`/sessions/${first}`).expect(200);
    expect(session.text).toContain('1 présent·e sur 1 invité·e ; 0 excusé·e, 0 absent·e.');

    const second = await createSession(t.db, accId, {
      title: 'Gouvernance',
      starts_at: new Date('2016-02-20T08:30:00Z'),
      days_consumed: '1',
    });
    await t.db('session_attendees').insert([
      { session_id: second, name: 'Alice Martin', presence: 'absent' },
      { session_id: second, name: 'Bruno Petit', presence: 'present' },
      { session_id: second, name: 'Carla Compta', presence: 'present' },
    ]);
    const two = await agent.get(`/accompaniments/${accId}/attendance`).expect(200);
    expect(two.text).toContain('Présences de 3 personnes aux 2 séances');
    expect((await agent.get(`/sessions/${second}`).expect(200)).text).toContain(
      '2 présent·es sur 3 invité·es ; 0 excusé·e, 1 absent·e.',
    );

    // The same in English: "1 session", "2 sessions".
    await agent.post('/lang').type('form').send({ _csrf: csrf, lang: 'en', next: '/' }).expect(302);
    const en = await agent.get(`/accompaniments/${accId}/attendance`).expect(200);
    expect(en.text).toContain('Attendance of 3 people at 2 sessions');
  });
});

describe('elision on the screens', () => {
  it('writes « Sortie d’Intermed » and « Sortie de Chacasol » on the withdrawal form of the Belfort case', async () => {
    const accId = String((await t.db('accompaniments').where({ title: BELFORT_TITLE }).first('id')).id);
    const orgId = async (name: string) => String((await t.db('organisations').where({ name }).first('id')).id);
    const { agent, csrf } = await loginAs(t.app, 'coordination@jalons.test', DEMO_PASSWORD);
    const intermed = await agent
      .get(`/accompaniments/${accId}/beneficiaries/${await orgId('Intermed')}/withdraw`)
      .expect(200);
    expect(intermed.text).toContain('Sortie d’Intermed');
    expect(intermed.text).not.toContain('Sortie de Intermed');
    const chacasol = await agent
      .get(`/accompaniments/${accId}/beneficiaries/${await orgId('Chacasol')}/withdraw`)
      .expect(200);
    expect(chacasol.text).toContain('Sortie de Chacasol');
    const energie = await agent
      .get(`/accompaniments/${accId}/beneficiaries/${await orgId('Energie Emploi')}/withdraw`)
      .expect(200);
    expect(energie.text).toContain('Sortie d’Energie Emploi');
    await agent.post('/lang').type('form').send({ _csrf: csrf, lang: 'en', next: '/' }).expect(302);
    const english = await agent
      .get(`/accompaniments/${accId}/beneficiaries/${await orgId('Intermed')}/withdraw`)
      .expect(200);
    expect(english.text).toContain('Withdrawal of Intermed');
  });
});
