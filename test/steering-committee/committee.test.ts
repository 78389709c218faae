import { createOrganisation, createUser } from '../factories';
import { createBelfortCase, createContact, withdrawStructure } from '../factories/committees';
import { createStructure } from '../factories/structures';
import { createTestApp, csrfOf, loginAs, TestApp } from '../support/app';
import { caseTabUrl, getCaseTab } from '../support/case-page';

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
    .select('id', 'name', 'role', 'user_id', 'contact_id', 'organisation_id', 'organisation_name');

const add = (
  agent: Awaited<ReturnType<typeof loginAs>>['agent'],
  csrf: string,
  accId: string,
  fields: Record<string, string>,
) =>
  agent
    .post(`/accompaniments/${accId}/steering-committee/members`)
    .type('form')
    .send({ _csrf: csrf, person: '', name: '', organisation_id: '', role: '', ...fields });

describe('steering committee of the accompaniment', () => {
  it('records the Belfort committee of ten: people of the four structures, the coordinator and the consultant, grouped by organisation', async () => {
    const c = await createBelfortCase(t.db);
    const { agent } = await loginAs(t.app, c.coordinator.email);
    // The case's delivery tab shows the committee and leads to its page, where it is composed.
    const tab = await getCaseTab(agent, c.accId, 'steering-committee').expect(200);
    expect(tab.text).toContain('Personne n’est encore inscrit au comité de pilotage.');
    expect(tab.text).toContain(`href="/accompaniments/${c.accId}/steering-committee">Composer le comité</a>`);
    expect(tab.text).not.toContain('/steering-committee/members');
    const page = await agent.get(`/accompaniments/${c.accId}/steering-committee`).expect(200);
    expect(page.text).toContain('Comité de pilotage de l’accompagnement');
    expect(page.text).toContain('Personne n’est encore inscrit au comité de pilotage.');
    // The lists offer the structures' contacts, the operator's team and the selected provider's consultant.
    expect(page.text).toContain(
      `<option value="contact:${c.contacts.energieDirector.id}">Sophie Marchal — ${c.structures.energie.name} (Direction)</option>`,
    );
    expect(page.text).toContain(
      `<option value="user:${c.coordinator.id}">Claire Vuillemin — ${c.operator.name} (Chargé·e de mission DLA)</option>`,
    );
    expect(page.text).toContain(`<option value="user:${c.consultant.id}">Hélène Rossel — ${c.provider.name}</option>`);
    const csrf = csrfOf(page.text);

    const picks: Record<string, string>[] = [
      { person: `contact:${c.contacts.energieDirector.id}` },
      { person: `contact:${c.contacts.energiePresident.id}` },
      { person: `contact:${c.contacts.intermedDirector.id}` },
      { person: `contact:${c.contacts.intermedPresident.id}` },
      { person: `contact:${c.contacts.chamoisEmployee.id}` },
      // A contact whose role on the committee differs from the one on record.
      { person: `contact:${c.contacts.chamoisBoard.id}`, role: 'president' },
      { person: `contact:${c.contacts.chacasolPresident.id}` },
      // Someone who is not a recorded contact: typed with their structure and role.
      { name: 'Lucie Boillot', organisation_id: c.structures.chacasol.id, role: 'employee' },
      { person: `user:${c.coordinator.id}` },
      { person: `user:${c.consultant.id}` },
    ];
    for (const p of picks) {
      const res = await add(agent, csrf, c.accId, p).expect(302);
      // Back to the committee page, to add the next one.
      expect(res.headers.location).toBe(`/accompaniments/${c.accId}/steering-committee`);
    }

    const rows = await membersOf(c.accId);
    expect(rows.map((m) => [m.name, m.role])).toEqual([
      ['Sophie Marchal', 'director'],
      ['Bernard Lhomme', 'president'],
      ['Nadia Belkacem', 'director'],
      ['Jean-Luc Perrin', 'president'],
      ['Karim Haddad', 'employee'],
      ['Monique Ruedin', 'president'],
      ['Gérard Monnier', 'president'],
      ['Lucie Boillot', 'employee'],
      ['Claire Vuillemin', 'coordinator'],
      ['Hélène Rossel', 'consultant'],
    ]);
    expect(rows[7]).toMatchObject({ contact_id: null, user_id: null, organisation_name: c.structures.chacasol.name });
    expect(String(rows[7].organisation_id)).toBe(c.structures.chacasol.id);
    expect(String(rows[0].contact_id)).toBe(c.contacts.energieDirector.id);
    expect(String(rows[8].user_id)).toBe(c.coordinator.id);
    expect(String(rows[9].organisation_id)).toBe(c.provider.id);
    const audits = await t
      .db('audit_log')
      .where({ action: 'steering_committee.member_add', entity_id: c.accId })
      .select('details');
    expect(audits).toHaveLength(10);

    const after = await agent.get(`/accompaniments/${c.accId}/steering-committee`).expect(200);
    expect(after.text).toContain('Hélène Rossel est ajouté·e au comité de pilotage.');
    expect(after.text).toContain('<strong>10 membres</strong>');
    // Grouped by organisation: the structures by name, then the operator, then the provider.
    const order = [
      c.structures.chacasol.name,
      c.structures.chamois.name,
      c.structures.energie.name,
      c.structures.intermed.name,
      c.operator.name,
      c.provider.name,
    ].map((n) => after.text.indexOf(`<th scope="rowgroup" colspan="3">\n            ${n}`));
    expect(order.every((i) => i > -1)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    // Inside a structure, by role then name: the president before the employee.
    expect(after.text.indexOf('Gérard Monnier')).toBeLessThan(after.text.indexOf('Lucie Boillot'));
    expect(after.text).toContain('data-confirm="Retirer Karim Haddad du comité de pilotage ?"');
    // People already on it are no longer offered.
    expect(after.text).not.toContain(`<option value="contact:${c.contacts.energieDirector.id}"`);
    expect(after.text).toContain(`<option value="contact:${c.contacts.intermedBoard.id}"`);

    expect(after.text).toContain('<h1>Comité de pilotage de l’accompagnement</h1>');
    // The case's tab lists the same ten, read-only: changes are made on the committee page.
    const onCase = await getCaseTab(agent, c.accId, 'steering-committee').expect(200);
    expect(onCase.text).toContain('<strong>10 membres</strong>');
    expect(onCase.text).toContain('Lucie Boillot');
    expect(onCase.text).not.toContain('data-confirm="Retirer Karim Haddad du comité de pilotage ?"');
  });

  it('removes a member after confirmation, only one of this case, and keeps the contact on record', async () => {
    const c = await createBelfortCase(t.db);
    const other = await createBelfortCase(t.db);
    const { agent, csrf } = await loginAs(t.app, c.coordinator.email);
    await add(agent, csrf, c.accId, { person: `contact:${c.contacts.intermedBoard.id}` }).expect(302);
    const otherAgent = await loginAs(t.app, other.coordinator.email);
    await add(otherAgent.agent, otherAgent.csrf, other.accId, { person: `user:${other.coordinator.id}` }).expect(302);
    const [mine] = await membersOf(c.accId);
    const [foreign] = await membersOf(other.accId);

    await agent
      .post(`/accompaniments/${c.accId}/steering-committee/members/${foreign.id}/delete`)
      .type('form')
      .send({ _csrf: csrf })
      .expect(404);
    await agent
      .post(`/accompaniments/${c.accId}/steering-committee/members/abc/delete`)
      .type('form')
      .send({ _csrf: csrf })
      .expect(404);
    expect(await membersOf(other.accId)).toHaveLength(1);

    const removed = await agent
      .post(`/accompaniments/${c.accId}/steering-committee/members/${mine.id}/delete`)
      .type('form')
      .send({ _csrf: csrf })
      .expect(302);
    expect(removed.headers.location).toBe(`/accompaniments/${c.accId}/steering-committee`);
    expect(await membersOf(c.accId)).toEqual([]);
    expect(await t.db('structure_contacts').where({ id: c.contacts.intermedBoard.id }).first('id')).toBeTruthy();
    const audit = await t
      .db('audit_log')
      .where({ action: 'steering_committee.member_remove', entity_id: c.accId })
      .first();
    expect(audit.details).toMatchObject({ name: 'Odile Faivre', role: 'board_member' });
    const page = await agent.get(`/accompaniments/${c.accId}/steering-committee`).expect(200);
    expect(page.text).toContain('Odile Faivre est retiré·e du comité de pilotage.');
  });

  it('refuses a member without a name, an unknown contact or a contact of another structure, in French, keeping what was typed', async () => {
    const c = await createBelfortCase(t.db);
    const outsider = await createStructure(t.db, { name: `Régie de quartier ${c.tag}` });
    const outsiderContact = await createContact(t.db, outsider.id, { name: 'Yves Outsider', role: 'director' });
    const strangerOperator = await createOrganisation(t.db, { kind: 'operator' });
    const strangerUser = await createUser(t.db, { role: 'coordinator', organisation_id: strangerOperator.id });
    const { agent, csrf } = await loginAs(t.app, c.coordinator.email);

    const none = await add(agent, csrf, c.accId, { role: 'board_member' }).expect(422);
    expect(none.text).toContain('Le membre n’a pas été ajouté : corrigez les champs signalés.');
    expect(none.text).toMatch(/id="field-name-error">Choisissez une personne dans la liste ou saisissez son nom.</);
    expect(none.text).toContain('<option value="board_member" selected>');
    expect(none.text).toContain('href="#field-name"');

    const noStructure = await add(agent, csrf, c.accId, { name: 'Lucie Boillot', role: 'employee' }).expect(422);
    expect(noStructure.text).toMatch(/id="field-organisation_id-error">Choisissez la structure de cette personne.</);
    expect(noStructure.text).toContain('value="Lucie Boillot"');

    const notBeneficiary = await add(agent, csrf, c.accId, {
      name: 'Lucie Boillot',
      organisation_id: outsider.id,
      role: 'employee',
    }).expect(422);
    expect(notBeneficiary.text).toMatch(
      /id="field-organisation_id-error">Choisissez une des structures accompagnées.</,
    );
    expect(notBeneficiary.text).toContain('value="Lucie Boillot"');

    for (const person of ['contact:999999999', `contact:${outsiderContact.id}`]) {
      const res = await add(agent, csrf, c.accId, { person, role: 'president' }).expect(422);
      expect(res.text).toMatch(/id="field-person-error">Choisissez un contact d’une des structures accompagnées.</);
      expect(res.text).toContain('<option value="president" selected>');
    }
    const foreignUser = await add(agent, csrf, c.accId, { person: `user:${strangerUser.id}` }).expect(422);
    expect(foreignUser.text).toMatch(
      /id="field-person-error">Choisissez une personne de l’opérateur DLA ou du prestataire retenu.</,
    );

    const garbage = await add(agent, csrf, c.accId, { person: 'contact:abc' }).expect(422);
    expect(garbage.text).toMatch(/id="field-person-error">Choisissez une valeur dans la liste.</);
    const badRole = await add(agent, csrf, c.accId, {
      person: `contact:${c.contacts.energieDirector.id}`,
      role: 'king',
    }).expect(422);
    expect(badRole.text).toMatch(/id="field-role-error">Choisissez une valeur dans la liste.</);
    const noRole = await add(agent, csrf, c.accId, {
      name: 'Lucie Boillot',
      organisation_id: c.structures.chacasol.id,
    }).expect(422);
    expect(noRole.text).toMatch(/id="field-role-error">Choisissez le rôle de cette personne au comité.</);
    expect(noRole.text).toContain('value="Lucie Boillot"');
    expect(noRole.text).toMatch(new RegExp(`<option value="${c.structures.chacasol.id}"\\s*selected>`));

    expect(await membersOf(c.accId)).toEqual([]);

    // The same person twice, whether picked or typed.
    await add(agent, csrf, c.accId, { person: `contact:${c.contacts.energieDirector.id}` }).expect(302);
    await add(agent, csrf, c.accId, {
      name: 'Lucie Boillot',
      organisation_id: c.structures.chacasol.id,
      role: 'employee',
    }).expect(302);
    const twice = await add(agent, csrf, c.accId, { person: `contact:${c.contacts.energieDirector.id}` }).expect(422);
    expect(twice.text).toMatch(/id="field-person-error">Sophie Marchal fait déjà partie du comité de pilotage.</);
    const typedTwice = await add(agent, csrf, c.accId, {
      name: ' lucie boillot ',
      organisation_id: c.structures.chacasol.id,
      role: 'employee',
    }).expect(422);
    expect(typedTwice.text).toMatch(/id="field-name-error">lucie boillot fait déjà partie du comité de pilotage.</);
    expect(await membersOf(c.accId)).toHaveLength(2);
  });

  it('keeps the people of a withdrawn structure, marked, and adds nobody new from it', async () => {
    const c = await createBelfortCase(t.db);
    const { agent, csrf } = await loginAs(t.app, c.coordinator.email);
    await add(agent, csrf, c.accId, { person: `contact:${c.contacts.chamoisEmployee.id}` }).expect(302);
    await withdrawStructure(t.db, c.accId, c.structures.chamois.id, '2016-11-15');

    const page = await agent.get(`/accompaniments/${c.accId}/steering-committee`).expect(200);
    expect(page.text).toContain('Karim Haddad');
    expect(page.text).toContain('Structure sortie le 15 novembre 2016');
    // Its contacts are no longer offered, and it shows as withdrawn in the structure list.
    expect(page.text).not.toContain(`<option value="contact:${c.contacts.chamoisBoard.id}"`);
    expect(page.text).toContain(
      `<option value="${c.structures.chamois.id}" disabled>${c.structures.chamois.name} (sortie de l’accompagnement)</option>`,
    );

    const byContact = await add(agent, csrf, c.accId, { person: `contact:${c.contacts.chamoisBoard.id}` }).expect(422);
    expect(byContact.text).toContain(
      `${c.structures.chamois.name} est sortie de l’accompagnement : ses membres restent dans l’historique, mais on n’en ajoute plus.`,
    );
    const byName = await add(agent, csrf, c.accId, {
      name: 'Léa Chamois',
      organisation_id: c.structures.chamois.id,
      role: 'employee',
    }).expect(422);
    expect(byName.text).toMatch(/id="field-organisation_id-error">[^<]*est sortie de l’accompagnement/);
    expect((await membersOf(c.accId)).map((m) => m.name)).toEqual(['Karim Haddad']);
  });

  it('is read by everyone in scope, names hidden from funders, and changed only by the operator’s staff', async () => {
    const c = await createBelfortCase(t.db);
    const staff = await loginAs(t.app, c.manager.email);
    await add(staff.agent, staff.csrf, c.accId, { person: `contact:${c.contacts.intermedDirector.id}` }).expect(302);
    await add(staff.agent, staff.csrf, c.accId, { person: `contact:${c.contacts.energieDirector.id}` }).expect(302);
    await add(staff.agent, staff.csrf, c.accId, { person: `user:${c.consultant.id}` }).expect(302);
    const [member] = await membersOf(c.accId);

    for (const u of [c.consultant, c.beneficiaryUser]) {
      const { agent } = await loginAs(t.app, u.email);
      const tab = await getCaseTab(agent, c.accId, 'steering-committee').expect(200);
      expect(tab.text).toContain('Nadia Belkacem');
      expect(tab.text).not.toContain('Composer le comité');
      const page = await agent.get(`/accompaniments/${c.accId}/steering-committee`).expect(200);
      expect(page.text).toContain('<strong>3 membres</strong>');
      expect(page.text).not.toContain('/steering-committee/members');
    }

    const funder = await loginAs(t.app, c.funderUser.email);
    for (const url of [caseTabUrl(c.accId, 'steering-committee'), `/accompaniments/${c.accId}/steering-committee`]) {
      const page = await funder.agent.get(url).expect(200);
      expect(page.text).toContain('<strong>3 membres</strong>');
      expect(page.text).toMatch(/<span>Direction<\/span> <strong>2<\/strong>/);
      expect(page.text).toMatch(/<span>Consultant·e<\/span> <strong>1<\/strong>/);
      expect(page.text).toContain('Les noms des membres ne sont pas communiqués aux financeurs');
      expect(page.text).not.toContain('Nadia Belkacem');
      expect(page.text).not.toContain('Hélène Rossel —');
    }

    for (const u of [c.consultant, c.funderUser, c.beneficiaryUser]) {
      const { agent, csrf } = await loginAs(t.app, u.email);
      await add(agent, csrf, c.accId, { person: `contact:${c.contacts.chacasolPresident.id}` }).expect(403);
      await agent
        .post(`/accompaniments/${c.accId}/steering-committee/members/${member.id}/delete`)
        .type('form')
        .send({ _csrf: csrf })
        .expect(403);
    }

    const stranger = await createBelfortCase(t.db);
    const { agent, csrf } = await loginAs(t.app, stranger.coordinator.email);
    await agent.get(`/accompaniments/${c.accId}/steering-committee`).expect(404);
    await add(agent, csrf, c.accId, { person: `user:${stranger.coordinator.id}` }).expect(404);
    await agent
      .post(`/accompaniments/${c.accId}/steering-committee/members/${member.id}/delete`)
      .type('form')
      .send({ _csrf: csrf })
      .expect(404);
    expect(await membersOf(c.accId)).toHaveLength(3);
  });

  it('speaks English to an English reader', async () => {
    const c = await createBelfortCase(t.db);
    const english = await createUser(t.db, { role: 'coordinator', organisation_id: c.operator.id, locale: 'en' });
    const { agent, csrf } = await loginAs(t.app, english.email);
    const res = await add(agent, csrf, c.accId, {}).expect(422);
    expect(res.text).toContain('Choose a person from the list or type their name.');
    expect(res.text).toContain('Steering committee of the accompaniment');
  });
});
