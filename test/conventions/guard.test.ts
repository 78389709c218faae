import { createOrganisation, createUser } from '../factories';
import { conventionCase } from '../factories/conventions';
import { createTestApp, loginAs, TestApp } from '../support/app';
import { conventionKit, status, type Session } from './kit';

// What a convention guards: the move to delivery, and the reminders to the parties still to sign.
let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

const { partyOf, stateOf, generate, click, generated, signAll } = conventionKit(() => t);

describe('the delivery guard', () => {
  const move = (s: Session, accId: string) =>
    s.agent
      .post(`/accompaniments/${accId}/transitions`)
      .type('form')
      .send({ _csrf: s.csrf, to: 'delivery', on_date: '2016-01-06' });

  it('keeps the case out of delivery until every party has signed the current version (two signatures where required)', async () => {
    const c = await conventionCase(t.db);
    const coord = await loginAs(t.app, c.coordinator.email);
    const none = await move(coord, c.accId).expect(422);
    expect(none.text).toContain('Générez d’abord la convention et faites-la signer par toutes les parties.');

    await generate(coord, c.accId, [c.structures[0].id]).expect(302);
    await signAll(c, coord);
    const partly = await move(coord, c.accId).expect(422);
    expect(partly.text).toContain('La convention en vigueur n’est pas encore signée par toutes les parties.');
    expect(await stateOf(c.accId)).toBe('convention');

    // The second signatory of the first structure.
    const structure = await loginAs(t.app, c.structures[0].user.email);
    await status(
      click(structure, c.accId, c.structures[0].id, { signatory_name: 'Marc Trésorier', capacity: 'Trésorier' }),
      302,
    );
    await move(coord, c.accId).expect(302);
    expect(await stateOf(c.accId)).toBe('delivery');
  });

  it('lets an admin override with a reason, recorded and audited; without a reason it is refused and the form kept', async () => {
    const { c, coord } = await generated();
    await coord.agent
      .post(`/accompaniments/${c.accId}/convention/override`)
      .type('form')
      .send({ _csrf: coord.csrf, reason: 'Urgence' })
      .expect(403);

    const adminOrg = await createOrganisation(t.db, { kind: 'operator' });
    const admin = await createUser(t.db, { role: 'admin', organisation_id: adminOrg.id, name: 'Ada Admin' });
    const s = await loginAs(t.app, admin.email);
    const page = await s.agent.get(`/accompaniments/${c.accId}/convention`).expect(200);
    expect(page.text).toContain('Autoriser la mise en œuvre sans toutes les signatures');
    const bad = await s.agent
      .post(`/accompaniments/${c.accId}/convention/override`)
      .type('form')
      .send({ _csrf: s.csrf, reason: '   ' })
      .expect(422);
    expect(bad.text).toContain('Ce champ est obligatoire.');
    expect(await stateOf(c.accId)).toBe('convention');

    const reason = 'Le prestataire signe à son retour de congé ; la première séance ne peut attendre.';
    await s.agent
      .post(`/accompaniments/${c.accId}/convention/override`)
      .type('form')
      .send({ _csrf: s.csrf, reason })
      .expect(302);
    expect(await stateOf(c.accId)).toBe('delivery');
    const override = await t.db('convention_overrides').where({ accompaniment_id: c.accId }).first();
    expect(override).toMatchObject({ reason, decided_by: admin.id });
    const audit = await t.db('audit_log').where({ action: 'convention.override', entity_id: c.accId }).first();
    expect(audit.actor_id).toBe(admin.id);
    expect(JSON.stringify(audit.details)).toContain('congé');
    const transition = await t
      .db('accompaniment_transitions')
      .where({ accompaniment_id: c.accId, to_state: 'delivery' })
      .first();
    expect(transition.comment).toBe(reason);
    const board = await coord.agent.get(`/accompaniments/${c.accId}/convention`).expect(200);
    expect(board.text).toContain('Décidé par Ada Admin');
  });
});

describe('reminding the missing signatories', () => {
  it('sends one e-mail per missing party, at most once a day, and shows the last reminder', async () => {
    const { c, coord } = await generated();
    const structure = await loginAs(t.app, c.structures[0].user.email);
    await status(click(structure, c.accId, c.structures[0].id), 302);
    // A second user of the second structure: still one e-mail for that party.
    const colleague = await createUser(t.db, { role: 'beneficiary', organisation_id: c.structures[1].id });
    const remind = () =>
      coord.agent.post(`/accompaniments/${c.accId}/convention/remind`).type('form').send({ _csrf: coord.csrf });

    const first = await remind().expect(302);
    const page1 = await coord.agent.get(first.headers.location).expect(200);
    expect(page1.text).toContain('Relance envoyée à 3 parties');
    const mails = await t
      .db('outbox')
      .where({ kind: 'convention_reminder' })
      .where('body_text', 'like', `%${c.structures[1].name}%`);
    expect(mails).toHaveLength(1);
    expect(mails[0].to_address).toContain(c.structures[1].user.email);
    expect(mails[0].to_address).toContain(colleague.email);
    expect(mails[0].subject).toContain('votre signature est attendue');
    // The structure that signed is not reminded.
    expect(
      await t
        .db('outbox')
        .where({ kind: 'convention_reminder' })
        .where('body_text', 'like', `%${c.structures[0].name}%`),
    ).toEqual([]);
    const countAfterFirst = Number((await t.db('outbox').where({ kind: 'convention_reminder' }).count('id as n'))[0].n);
    expect(page1.text).toMatch(/<td>\d{1,2} \S+ \d{4}<\/td>/);

    const second = await remind().expect(302);
    const page2 = await coord.agent.get(second.headers.location).expect(200);
    expect(page2.text).toContain('Parties déjà relancées aujourd’hui, aucun nouveau courriel');
    expect(Number((await t.db('outbox').where({ kind: 'convention_reminder' }).count('id as n'))[0].n)).toBe(
      countAfterFirst,
    );

    // The limit is per party and per day: a reminder from yesterday allows a new one today.
    const party = await partyOf(c.accId, c.structures[1].id);
    await t
      .db('convention_parties')
      .where({ id: party.id })
      .update({ last_reminded_at: new Date(Date.now() - 2 * 86_400_000) });
    await remind().expect(302);
    expect(Number((await t.db('outbox').where({ kind: 'convention_reminder' }).count('id as n'))[0].n)).toBe(
      countAfterFirst + 1,
    );

    // Not for the parties themselves.
    await structure.agent
      .post(`/accompaniments/${c.accId}/convention/remind`)
      .type('form')
      .send({ _csrf: structure.csrf })
      .expect(403);
  });
});
