import { createOperatorTeam } from '../factories/accompaniments';
import { de } from '../../src/platform/i18n/elide';
import { createAccompanimentOf } from '../factories/structures';
import { createTestApp, loginAs, TestApp } from '../support/app';
import { getCaseTab } from '../support/case-page';
import { closeOutCase, createRelay, handOff, handoffForm } from './fixture';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ followUpOffsetsMonths: [6, 12, 18] });
});
afterAll(() => t.close());

const outboxTo = (address: string, kind: string) =>
  t.db('outbox').where({ to_address: address, kind }).select('subject', 'body_text');

describe('handing off the follow-up', () => {
  it('offers the form at close-out, prefilled from the record, with the relays and their users', async () => {
    const c = await closeOutCase(t);
    const { relay, users } = await createRelay(t.db);
    const s = await loginAs(t.app, c.coordinator.email);
    const page = await getCaseTab(s.agent, c.accId, 'handoffs').expect(200);
    expect(page.text).toContain(`/accompaniments/${c.accId}/handoff`);
    const form = await s.agent.get(`/accompaniments/${c.accId}/handoff`).expect(200);
    expect(form.text).toContain('Passer le relais du suivi');
    expect(form.text).toContain('Accompagner le regroupement de 4 structures.'); // objectives, in the summary
    expect(form.text).toContain(relay.name);
    for (const u of users) expect(form.text).toContain(`value="${u.id}"`);
  });

  it('refuses the form before close-out (403) and to people outside the operator', async () => {
    const team = await createOperatorTeam(t.db);
    const acc = await createAccompanimentOf(t.db, team.operator.id, { state: 'delivery' });
    const s = await loginAs(t.app, team.coordinator.email);
    await s.agent.get(`/accompaniments/${acc.id}/handoff`).expect(403);
    await s.agent.post(`/accompaniments/${acc.id}/handoff`).type('form').send({ _csrf: s.csrf }).expect(403);
    const c = await closeOutCase(t);
    const provider = await loginAs(t.app, c.consultant.email);
    await provider.agent.get(`/accompaniments/${c.accId}/handoff`).expect(403);
  });

  it('says what is wrong in French and keeps the input (no relay, empty summary, bad key date); nothing saved', async () => {
    const c = await closeOutCase(t);
    const { users } = await createRelay(t.db);
    const s = await loginAs(t.app, c.coordinator.email);
    const res = await s.agent
      .post(`/accompaniments/${c.accId}/handoff`)
      .type('form')
      .send(
        handoffForm(s.csrf, '', [users[0].id], { summary: '   ', key_date_on_0: '2017-02-30', key_date_label_1: '' }),
      )
      .expect(422);
    expect(res.text).toContain('Choisissez le relais à qui confier le suivi.');
    expect(res.text).toContain('Ce champ est obligatoire.'); // the summary, and the second key date's label
    expect(res.text).toContain('Saisissez une date valide (jj/mm/aaaa).');
    expect(res.text).toContain('Statuts de la nouvelle association support'); // workstreams kept
    expect(res.text).toContain('value="Association support créée"');
    expect(res.text).toContain('value="2017-02-30"');
    expect(res.text).toMatch(new RegExp(`value="${users[0].id}" checked`));
    expect(await t.db('handoffs').where({ accompaniment_id: c.accId }).first()).toBeUndefined();
    expect((await t.db('accompaniments').where({ id: c.accId }).first('state')).state).toBe('close_out');
  });

  it('refuses no relay user ticked, or a user of another relay', async () => {
    const c = await closeOutCase(t);
    const { relay } = await createRelay(t.db);
    const other = await createRelay(t.db, ['Paul Autre']);
    const s = await loginAs(t.app, c.coordinator.email);
    const none = await s.agent
      .post(`/accompaniments/${c.accId}/handoff`)
      .type('form')
      .send(handoffForm(s.csrf, relay.id, []))
      .expect(422);
    expect(none.text).toContain('Cochez au moins une personne du relais.');
    const wrong = await s.agent
      .post(`/accompaniments/${c.accId}/handoff`)
      .type('form')
      .send(handoffForm(s.csrf, relay.id, [other.users[0].id]))
      .expect(422);
    expect(wrong.text).toContain(`Cochez uniquement des personnes ${de(relay.name)}.`);
    expect(await t.db('handoffs').where({ accompaniment_id: c.accId }).first()).toBeUndefined();
  });

  it('records the handoff, moves the case to follow-up, schedules the checkpoints and mails the relay users named', async () => {
    const c = await closeOutCase(t);
    const { relay, users } = await createRelay(t.db, ['Karim Benali', 'Lucie Girardot', 'Non Choisi']);
    const { id } = await handOff(t, c, relay.id, [users[0].id, users[1].id]);
    const h = await t.db('handoffs').where({ id }).first();
    expect(h).toMatchObject({
      relay_id: relay.id,
      handed_off_on: '2016-12-01',
      workstreams: ['Comptabilité commune', 'Fusion des logiciels', 'Statuts de la nouvelle association support'],
    });
    expect(h.acknowledged_at).toBeNull();
    expect((await t.db('handoff_members').where({ handoff_id: id }).pluck('user_id')).map(String).sort()).toEqual(
      [users[0].id, users[1].id].sort(),
    );
    expect((await t.db('accompaniments').where({ id: c.accId }).first('state')).state).toBe('follow_up');
    const moved = await t
      .db('accompaniment_transitions')
      .where({ accompaniment_id: c.accId, to_state: 'follow_up' })
      .first();
    expect(moved).toMatchObject({ from_state: 'close_out', on_date: '2016-12-01' });
    // Counted from the close-out (15 Nov. 2016), not from the handoff.
    const checkpoints = await t
      .db('follow_up_checkpoints')
      .where({ accompaniment_id: c.accId })
      .orderBy('offset_months')
      .select('offset_months', 'due_on');
    expect(checkpoints).toEqual([
      { offset_months: 6, due_on: '2017-05-15' },
      { offset_months: 12, due_on: '2017-11-15' },
      { offset_months: 18, due_on: '2018-05-15' },
    ]);
    for (const u of users.slice(0, 2)) {
      const [mail, ...more] = await outboxTo(u.email, 'handoff_new');
      expect(more).toHaveLength(0);
      expect(mail.body_text).toContain(`http://jalons.test/handoffs/${id}`);
    }
    expect(await outboxTo(users[2].email, 'handoff_new')).toHaveLength(0);
    expect(await t.db('audit_log').where({ action: 'handoff.create', entity_id: id }).first()).toBeDefined();
    // One handoff per case: the form now leads to the package.
    const again = await loginAs(t.app, c.coordinator.email);
    const res = await again.agent.get(`/accompaniments/${c.accId}/handoff`).expect(302);
    expect(res.headers.location).toBe(`/handoffs/${id}`);
  });

  it('assembles the package from the record: structures (withdrawn Chamois may rejoin), contacts, open actions, key dates, consented documents', async () => {
    const c = await closeOutCase(t);
    const { relay, users } = await createRelay(t.db);
    const { id } = await handOff(t, c, relay.id, [users[0].id]);
    const r = await loginAs(t.app, users[0].email);
    const res = await r.agent.get(`/handoffs/${id}`).expect(200);
    const html = res.text;
    for (const s of Object.values(c.structures)) expect(html).toContain(s.name);
    expect(html).toContain('Sortie le 15 novembre 2016');
    expect(html).toContain('Retour possible : En partie (le chantier d’insertion) une fois structurée');
    for (const contact of Object.values(c.contacts)) expect(html).toContain(contact.name);
    expect(html).toContain('Rédiger les statuts de l’association support');
    expect(html).toContain('Choisir un logiciel de paie commun');
    expect(html).not.toContain('Présenter le texte fédérateur en AG'); // done
    expect(html).not.toContain('Recruter un directeur général'); // dropped
    expect(html).not.toContain('Action d’un plan non accepté'); // plan not accepted yet
    expect(html).toContain('30 juin 2017');
    expect(html).toContain('(date approximative)');
    expect(html).toContain('Démarrage effectif du GES');
    expect(html).toContain('Fusion des logiciels');
    expect(html).toContain('Les deux directrices, les trois président·es');
    expect(html).toContain(`/documents/${c.sharedDoc}/download`);
    expect(html).not.toContain(`/documents/${c.confidentialDoc}/download`);
    expect(html).not.toContain('Diagnostic fiscal');
    await r.agent.get(`/documents/${c.sharedDoc}/download`).expect(200).expect('Content-Type', /pdf/);
    await r.agent.get(`/documents/${c.confidentialDoc}/download`).expect(403);
  });
});
