import { createContact, createBelfortCase, withdrawStructure } from '../factories/committees';
import { createTestApp, csrfOf, loginAs, TestApp } from '../support/app';

// « Ajouter tous les contacts des structures »: every contact of the structures still in the case
// joins the committee in one step, with the role of their record; those already on it are skipped.
let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

const membersOf = (accId: string) =>
  t
    .db('steering_committee_members')
    .where({ accompaniment_id: accId })
    .orderBy('id')
    .select<{ name: string; role: string; contact_id: string | null }[]>('name', 'role', 'contact_id');

const url = (accId: string) => `/accompaniments/${accId}/steering-committee/members/contacts`;

describe('every contact of the structures in one step', () => {
  it('adds the contacts not yet members (a withdrawn structure’s aside), says how many, and adds nobody twice', async () => {
    const c = await createBelfortCase(t.db);
    await withdrawStructure(t.db, c.accId, c.structures.chamois.id);
    // One contact is already a member, with another role than the one on record: it stays as it is.
    await t.db('steering_committee_members').insert({
      accompaniment_id: c.accId,
      contact_id: c.contacts.energieDirector.id,
      name: c.contacts.energieDirector.name,
      organisation_id: c.structures.energie.id,
      role: 'other',
    });
    const { agent } = await loginAs(t.app, c.coordinator.email);
    const page = await agent.get(`/accompaniments/${c.accId}/steering-committee`).expect(200);
    // Five contacts to add (Chamois left the case: its two are not offered); the button asks first.
    expect(page.text).toContain('5 contacts des structures ne sont pas encore au comité\u00a0:');
    expect(page.text).toContain('data-confirm="Ajouter 5 contacts au comité de pilotage\u00a0?"');
    expect(page.text).toContain('Ajouter tous les contacts des structures</button>');
    const csrf = csrfOf(page.text);

    const res = await agent.post(url(c.accId)).type('form').send({ _csrf: csrf }).expect(302);
    expect(res.headers.location).toBe(`/accompaniments/${c.accId}/steering-committee`);
    const after = await agent.get(res.headers.location).expect(200);
    expect(after.text).toContain('5 contacts des structures ajoutés au comité de pilotage.');
    expect(after.text).toContain('Tous les contacts des structures font déjà partie du comité.');
    const rows = await membersOf(c.accId);
    expect(rows.map((m) => [m.name, m.role])).toEqual([
      ['Sophie Marchal', 'other'],
      ['Bernard Lhomme', 'president'],
      ['Nadia Belkacem', 'director'],
      ['Jean-Luc Perrin', 'president'],
      ['Odile Faivre', 'board_member'],
      ['Gérard Monnier', 'president'],
    ]);
    const audit = await t
      .db('audit_log')
      .where({ action: 'steering_committee.contacts_add', entity_id: c.accId })
      .first<{ details: { count: number } }>('details');
    expect(audit?.details.count).toBe(5);

    // Again (a second click, or a stale page): nobody twice, and it says so.
    const again = await agent.post(url(c.accId)).type('form').send({ _csrf: csrf }).expect(302);
    const said = await agent.get(again.headers.location).expect(200);
    expect(said.text).toContain('Aucun contact ajouté\u00a0: tous ceux des structures font déjà partie du comité.');
    expect(await membersOf(c.accId)).toHaveLength(6);

    // A contact recorded later is offered, and taken alone.
    await createContact(t.db, c.structures.intermed.id, { name: 'Yves Cuenot', role: 'employee' });
    await agent.post(url(c.accId)).type('form').send({ _csrf: csrf }).expect(302);
    const one = await agent.get(`/accompaniments/${c.accId}/steering-committee`).expect(200);
    expect(one.text).toContain('1 contact des structures ajouté au comité de pilotage.');
    expect((await membersOf(c.accId)).map((m) => m.name)).toContain('Yves Cuenot');
  });

  it('is refused to whoever may not compose the committee, and to a coordinator of another operator', async () => {
    const c = await createBelfortCase(t.db);
    const other = await createBelfortCase(t.db);
    for (const [email, status] of [
      [c.consultant.email, 403],
      [c.funderUser.email, 403],
      [c.beneficiaryUser.email, 403],
      [other.coordinator.email, 404],
    ] as const) {
      const { agent, csrf } = await loginAs(t.app, email);
      await agent.post(url(c.accId)).type('form').send({ _csrf: csrf }).expect(status);
    }
    // Reading the committee, a consultant sees no such button.
    const { agent } = await loginAs(t.app, c.consultant.email);
    const page = await agent.get(`/accompaniments/${c.accId}/steering-committee`).expect(200);
    expect(page.text).not.toContain('/steering-committee/members/contacts');
    expect(await membersOf(c.accId)).toEqual([]);
  });
});
