import { addPhase, addWorkingGroup, createDeliveryCase, createSession } from '../factories/sessions';
import { createTestApp, loginAs, TestApp } from '../support/app';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

describe('lists of a case’s sessions', () => {
  it('lists sessions by date with filters, attendance counts and the total of days; shows who came to what', async () => {
    const { coordinator, accId } = await createDeliveryCase(t.db);
    const phase2 = await addPhase(t.db, accId, 2, 'Réflexions stratégiques');
    const group = await addWorkingGroup(t.db, accId, 'Gouvernance');
    const copil = await createSession(t.db, accId, {
      title: 'Comité de lancement',
      starts_at: new Date('2016-02-12T08:30:00Z'),
      days_consumed: '0.5',
    });
    const wg = await createSession(t.db, accId, {
      type: 'working_group',
      title: 'Gouvernance unifiée',
      starts_at: new Date('2016-02-20T08:30:00Z'),
      days_consumed: '1',
      working_group_id: group.id,
    });
    await t.db('sessions').where({ id: wg }).update({ phase_id: phase2 });
    await t.db('session_attendees').insert([
      { session_id: copil, name: 'Alice Martin', presence: 'present' },
      { session_id: copil, name: 'Bruno Petit', presence: 'excused' },
      { session_id: wg, name: 'Alice Martin', presence: 'absent' },
      { session_id: wg, name: 'Carla Compta', presence: 'present' },
    ]);
    const { agent } = await loginAs(t.app, coordinator.email);
    const list = await agent.get(`/accompaniments/${accId}/sessions`).expect(200);
    expect(list.text.indexOf('Comité de lancement')).toBeLessThan(list.text.indexOf('Gouvernance unifiée'));
    expect(list.text).toContain('1 / 2');
    expect(list.text).toMatch(/Total des jours consommés<\/th>\s*<td class="num"><strong>1,5<\/strong>/);
    expect(list.text).toContain('1,5 j consommés sur 6 j contractés');

    const filtered = await agent
      .get(`/accompaniments/${accId}/sessions?type=working_group&phase_id=${phase2}&working_group_id=${group.id}`)
      .expect(200);
    expect(filtered.text).toContain('Gouvernance unifiée');
    expect(filtered.text).not.toContain('Comité de lancement');
    expect(filtered.text).toMatch(/Total des jours des séances affichées<\/th>\s*<td class="num"><strong>1<\/strong>/);
    const none = await agent.get(`/accompaniments/${accId}/sessions?type=interview`).expect(200);
    expect(none.text).toContain('Aucune séance ne correspond à ces filtres.');

    const matrix = await agent.get(`/accompaniments/${accId}/attendance`).expect(200);
    expect(matrix.text).toContain('<th scope="col">Personne</th>');
    expect(matrix.text).toContain('✓ présent·e ; E excusé·e ; A absent·e');
    const row = (name: string) => matrix.text.slice(matrix.text.indexOf(`<th scope="row">${name}`)).split('</tr>')[0];
    expect(row('Alice Martin')).toMatch(/>✓<.*Présent·e.*>A<.*Absent·e/s);
    expect(row('Bruno Petit')).toMatch(/>E<.*Excusé·e.*>–<.*Non invité·e/s);
    expect(row('Carla Compta')).toMatch(/>–<.*Non invité·e.*>✓<.*Présent·e/s);
  });
});
