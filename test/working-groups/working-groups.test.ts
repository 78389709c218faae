import { caseUrl } from '../../src/accompaniments/tabs';
import {
  createBelfortCase,
  createActionItem,
  addGroupMember,
  createSession,
  createWorkingGroup,
  withdrawStructure,
} from '../factories/committees';
import { createStructure } from '../factories/structures';
import { createTestApp, csrfOf, loginAs, TestApp } from '../support/app';
import { getCaseTab } from '../support/case-page';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

type Agent = Awaited<ReturnType<typeof loginAs>>['agent'];

const groupsOf = (accId: string) =>
  t.db('working_groups').where({ accompaniment_id: accId }).orderBy('id').select('id', 'theme', 'name', 'aim');
const structuresOf = async (groupId: string) =>
  (
    await t
      .db('working_group_structures')
      .where({ working_group_id: groupId })
      .orderBy('organisation_id')
      .select('organisation_id')
  ).map((r) => String(r.organisation_id));
const membersOf = (groupId: string) =>
  t
    .db('working_group_members')
    .where({ working_group_id: groupId })
    .orderBy('id')
    .select('id', 'name', 'user_id', 'contact_id', 'organisation_id', 'organisation_name');

const addMember = (agent: Agent, csrf: string, groupId: string, fields: Record<string, string>) =>
  agent
    .post(`/working-groups/${groupId}/members`)
    .type('form')
    .send({ _csrf: csrf, person: '', name: '', organisation_id: '', organisation_name: '', ...fields });

describe('themed working groups', () => {
  it('creates, edits and composes a group: theme, aim, structures concerned, members', async () => {
    const c = await createBelfortCase(t.db);
    const { agent } = await loginAs(t.app, c.coordinator.email);
    const acc = await getCaseTab(agent, c.accId, 'working-groups').expect(200);
    expect(acc.text).toContain('Aucun groupe de travail pour l’instant.');
    expect(acc.text).toContain(`href="/accompaniments/${c.accId}/working-groups/new"`);

    const form = await agent.get(`/accompaniments/${c.accId}/working-groups/new`).expect(200);
    expect(form.text).toContain('list="theme-suggestions"');
    for (const theme of [
      'Comptabilité',
      'Communication',
      'Achats',
      'Gouvernance',
      'RH',
      'Juridique',
      'Trésorerie',
      'Développement',
    ]) {
      expect(form.text).toContain(`<option value="${theme}"></option>`);
    }
    const csrf = csrfOf(form.text);
    const created = await agent
      .post(`/accompaniments/${c.accId}/working-groups`)
      .type('form')
      .send({
        _csrf: csrf,
        theme: 'Comptabilité',
        name: 'Service comptable commun',
        aim: 'Service comptable commun et outils de prévision.',
        structure_ids: [c.structures.energie.id, c.structures.intermed.id, c.structures.chacasol.id],
      })
      .expect(302);
    const [group] = await groupsOf(c.accId);
    expect(group).toMatchObject({
      theme: 'Comptabilité',
      name: 'Service comptable commun',
      aim: 'Service comptable commun et outils de prévision.',
    });
    expect(created.headers.location).toBe(`/working-groups/${group.id}`);
    expect(await structuresOf(group.id)).toEqual(
      [c.structures.energie.id, c.structures.intermed.id, c.structures.chacasol.id].sort(
        (a, b) => Number(a) - Number(b),
      ),
    );
    expect(
      await t
        .db('audit_log')
        .where({ action: 'working_group.create', entity_id: String(group.id) })
        .first(),
    ).toBeTruthy();

    const page = await agent.get(`/working-groups/${group.id}`).expect(200);
    expect(page.text).toContain('Le groupe « Service comptable commun » est créé.');
    expect(page.text).toContain('<h1>Service comptable commun</h1>');
    expect(page.text).toContain(c.structures.intermed.name);
    expect(page.text).not.toContain(`<li>${c.structures.chamois.name}`);
    expect(page.text).toContain('Aucune séance de ce groupe n’est encore enregistrée.');

    // Members: a contact, the consultant, a typed employee of a structure, and a guest of another organisation (the ETTI of the case sheet).
    const picks: Record<string, string>[] = [
      { person: `contact:${c.contacts.energieDirector.id}` },
      { person: `user:${c.consultant.id}` },
      { name: 'Lucie Boillot', organisation_id: c.structures.chacasol.id },
      { name: 'Marc Invité', organisation_name: 'ETTI du Territoire' },
    ];
    for (const fields of picks) {
      const res = await addMember(agent, csrf, String(group.id), fields).expect(302);
      expect(res.headers.location).toBe(`/working-groups/${group.id}#members`);
    }
    const members = await membersOf(String(group.id));
    expect(members.map((m) => [m.name, m.organisation_name])).toEqual([
      ['Sophie Marchal', c.structures.energie.name],
      ['Hélène Rossel', c.provider.name],
      ['Lucie Boillot', c.structures.chacasol.name],
      ['Marc Invité', 'ETTI du Territoire'],
    ]);
    expect(members[3].organisation_id).toBeNull();
    const withMembers = await agent.get(`/working-groups/${group.id}`).expect(200);
    expect(withMembers.text).toContain('<strong>4 membres</strong>');
    expect(withMembers.text).toContain('ETTI du Territoire');
    expect(withMembers.text).toContain('data-confirm="Retirer Marc Invité du groupe « Service comptable commun » ?"');

    await agent
      .post(`/working-groups/${group.id}/members/${members[3].id}/delete`)
      .type('form')
      .send({ _csrf: csrf })
      .expect(302);
    expect((await membersOf(String(group.id))).map((m) => m.name)).toEqual([
      'Sophie Marchal',
      'Hélène Rossel',
      'Lucie Boillot',
    ]);

    // Edit: the form comes filled in; a new name and one structure fewer.
    const edit = await agent.get(`/working-groups/${group.id}/edit`).expect(200);
    expect(edit.text).toContain('value="Service comptable commun"');
    expect(edit.text).toMatch(new RegExp(`value="${c.structures.intermed.id}"\\s*checked`));
    await agent
      .post(`/working-groups/${group.id}`)
      .type('form')
      .send({
        _csrf: csrf,
        theme: 'Comptabilité',
        name: 'Comptabilité commune',
        aim: '',
        structure_ids: [c.structures.energie.id, c.structures.intermed.id],
        lock_version: edit.text.match(/name="lock_version" value="(\d+)"/)![1],
      })
      .expect(302);
    expect((await groupsOf(c.accId))[0]).toMatchObject({ name: 'Comptabilité commune', aim: null });
    expect(await structuresOf(String(group.id))).toEqual(
      [c.structures.energie.id, c.structures.intermed.id].sort((a, b) => Number(a) - Number(b)),
    );
    const audit = await t
      .db('audit_log')
      .where({ action: 'working_group.update', entity_id: String(group.id) })
      .first();
    expect(audit.details.before).toMatchObject({ name: 'Service comptable commun' });

    // The accompaniment page lists it with its counts and a link to its sessions.
    const section = await getCaseTab(agent, c.accId, 'working-groups').expect(200);
    expect(section.text).toContain(`<a href="/working-groups/${group.id}">Comptabilité commune</a>`);
    expect(section.text).toContain(
      `href="/accompaniments/${c.accId}/sessions?working_group_id=${group.id}">Aucune séance`,
    );
    const list = await agent.get(`/accompaniments/${c.accId}/working-groups`).expect(200);
    expect(list.text).toContain('Comptabilité commune');

    // Deleting a group that never met.
    const del = await agent.post(`/working-groups/${group.id}/delete`).type('form').send({ _csrf: csrf }).expect(302);
    expect(del.headers.location).toBe(caseUrl(c.accId, 'working-groups'));
    expect(await groupsOf(c.accId)).toEqual([]);
    expect(
      await t
        .db('audit_log')
        .where({ action: 'working_group.delete', entity_id: String(group.id) })
        .first(),
    ).toBeTruthy();
  });

  it('refuses a group without theme or name, or with structures that are not (or no longer) in the case, keeping what was typed', async () => {
    const c = await createBelfortCase(t.db);
    const outsider = await createStructure(t.db, { name: `Régie ${c.tag}` });
    await withdrawStructure(t.db, c.accId, c.structures.chamois.id, '2016-11-15');
    const { agent, csrf } = await loginAs(t.app, c.coordinator.email);

    const empty = await agent
      .post(`/accompaniments/${c.accId}/working-groups`)
      .type('form')
      .send({
        _csrf: csrf,
        theme: ' ',
        name: '',
        aim: 'Achats groupés : pouvoir de négociation.',
        structure_ids: [c.structures.intermed.id],
      })
      .expect(422);
    expect(empty.text).toContain('Le formulaire contient des erreurs');
    expect(empty.text).toMatch(/id="field-theme-error">Ce champ est obligatoire.</);
    expect(empty.text).toMatch(/id="field-name-error">Ce champ est obligatoire.</);
    expect(empty.text).toContain('Achats groupés : pouvoir de négociation.</textarea>');
    expect(empty.text).toMatch(new RegExp(`value="${c.structures.intermed.id}"\\s*checked`));

    const foreign = await agent
      .post(`/accompaniments/${c.accId}/working-groups`)
      .type('form')
      .send({ _csrf: csrf, theme: 'Achats', name: 'Achats groupés', structure_ids: [outsider.id] })
      .expect(422);
    expect(foreign.text).toMatch(/id="field-structure_ids-error">Choisissez parmi les structures accompagnées.</);
    expect(foreign.text).toContain('value="Achats groupés"');

    // A withdrawn structure is shown, not offered, and refused when posted anyway.
    const form = await agent.get(`/accompaniments/${c.accId}/working-groups/new`).expect(200);
    expect(form.text).toMatch(new RegExp(`value="${c.structures.chamois.id}"\\s*disabled`));
    expect(form.text).toContain('sortie le 15 novembre 2016');
    const withdrawn = await agent
      .post(`/accompaniments/${c.accId}/working-groups`)
      .type('form')
      .send({
        _csrf: csrf,
        theme: 'Achats',
        name: 'Achats groupés',
        structure_ids: [c.structures.intermed.id, c.structures.chamois.id],
      })
      .expect(422);
    expect(withdrawn.text).toContain(
      `${c.structures.chamois.name} est sortie de l’accompagnement : elle ne peut plus être ajoutée à un groupe de travail.`,
    );
    expect(await groupsOf(c.accId)).toEqual([]);
  });

  it('keeps a withdrawn structure and its people on the groups they were in, marked', async () => {
    const c = await createBelfortCase(t.db);
    const group = await createWorkingGroup(t.db, c.accId, {
      theme: 'Gouvernance',
      name: 'Structure chapeau',
      structureIds: [c.structures.chamois.id, c.structures.intermed.id],
    });
    await addGroupMember(t.db, group.id, {
      name: 'Karim Haddad',
      organisation_id: c.structures.chamois.id,
      contact_id: c.contacts.chamoisEmployee.id,
    });
    await withdrawStructure(t.db, c.accId, c.structures.chamois.id, '2016-11-15');
    const { agent, csrf } = await loginAs(t.app, c.coordinator.email);

    const page = await agent.get(`/working-groups/${group.id}`).expect(200);
    expect(page.text).toContain('Karim Haddad');
    expect(page.text).toContain('Structure sortie le 15 novembre 2016');
    expect(page.text).toContain('sortie le 15 novembre 2016');

    // Editing the group keeps the withdrawn structure it already had.
    await agent
      .post(`/working-groups/${group.id}`)
      .type('form')
      .send({
        _csrf: csrf,
        theme: 'Gouvernance',
        name: 'Structure chapeau commune',
        structure_ids: [c.structures.chamois.id, c.structures.intermed.id],
        lock_version: String((await t.db('working_groups').where({ id: group.id }).first('lock_version')).lock_version),
      })
      .expect(302);
    expect(await structuresOf(group.id)).toContain(c.structures.chamois.id);

    // Its people may still be invited to working groups (Chamois "reste invitée aux groupes de travail").
    await addMember(agent, csrf, group.id, { person: `contact:${c.contacts.chamoisBoard.id}` }).expect(302);
    expect((await agent.get(`/working-groups/${group.id}`).expect(200)).text).toContain(
      'Structure sortie le 15 novembre 2016',
    );
    const noOrg = await addMember(agent, csrf, group.id, { name: 'Léa Sans-Structure' }).expect(422);
    expect(noOrg.text).toMatch(
      /id="field-organisation_id-error">Choisissez la structure de cette personne, ou saisissez son organisation.</,
    );
    expect(noOrg.text).toContain('value="Léa Sans-Structure"');
    const nobody = await addMember(agent, csrf, group.id, {}).expect(422);
    expect(nobody.text).toMatch(/id="field-name-error">Choisissez une personne dans la liste ou saisissez son nom.</);
    const twice = await addMember(agent, csrf, group.id, {
      name: 'karim haddad',
      organisation_id: c.structures.intermed.id,
    });
    expect(twice.status).toBe(302); // same name in another structure: another person
    expect((await membersOf(group.id)).map((m) => m.name)).toEqual(['Karim Haddad', 'Monique Ruedin', 'karim haddad']);
  });

  it('lists the group’s sessions and open action items, and refuses to delete a group that met', async () => {
    const c = await createBelfortCase(t.db);
    const group = await createWorkingGroup(t.db, c.accId, { theme: 'Trésorerie', name: 'Apports de trésorerie' });
    const other = await createWorkingGroup(t.db, c.accId, { theme: 'Achats', name: 'Achats groupés' });
    const s1 = await createSession(t.db, c.accId, {
      working_group_id: group.id,
      title: 'Partie financière',
      starts_at: '2016-09-01T09:30:00+02:00',
    });
    await createSession(t.db, c.accId, {
      working_group_id: group.id,
      title: 'Convention de trésorerie',
      starts_at: '2016-09-13T14:00:00+02:00',
      status: 'planned',
    });
    await createSession(t.db, c.accId, { title: 'Comité de pilotage', starts_at: '2016-02-12T09:30:00+01:00' });
    await createActionItem(t.db, c.accId, {
      working_group_id: group.id,
      session_id: s1.id,
      what: 'Rédiger la convention d’apports de trésorerie',
      owner_name: 'Nadia Belkacem',
      due_on: '2016-10-15',
    });
    await createActionItem(t.db, c.accId, { working_group_id: group.id, what: 'Comparer les banques', status: 'done' });
    await createActionItem(t.db, c.accId, { working_group_id: other.id, what: 'Lister les fournisseurs communs' });
    const { agent, csrf } = await loginAs(t.app, c.coordinator.email);

    const acc = await getCaseTab(agent, c.accId, 'working-groups').expect(200);
    expect(acc.text).toContain(`href="/accompaniments/${c.accId}/sessions?working_group_id=${group.id}">2 séances`);
    expect(acc.text).toContain(`href="/accompaniments/${c.accId}/sessions?working_group_id=${other.id}">Aucune séance`);

    const page = await agent.get(`/working-groups/${group.id}`).expect(200);
    expect(page.text).toContain('1er septembre 2016 à 09:30');
    expect(page.text).toContain(`<a href="/sessions/${s1.id}">Partie financière</a>`);
    expect(page.text).toContain('Convention de trésorerie');
    expect(page.text).not.toContain('Comité de pilotage</a>');
    expect(page.text).toContain('Rédiger la convention d’apports de trésorerie');
    expect(page.text).toContain('Nadia Belkacem');
    expect(page.text).toContain('15 octobre 2016');
    expect(page.text).not.toContain('Comparer les banques');
    expect(page.text).not.toContain('Lister les fournisseurs communs');

    await agent.post(`/working-groups/${group.id}/delete`).type('form').send({ _csrf: csrf }).expect(302);
    expect(await t.db('working_groups').where({ id: group.id }).first('id')).toBeTruthy();
    expect(
      await t.db('audit_log').where({ action: 'working_group.delete_refused', entity_id: group.id }).first(),
    ).toBeTruthy();
    const refused = await agent.get(`/working-groups/${group.id}`).expect(200);
    expect(refused.text).toContain(
      'Ce groupe a déjà 2 séances : il ne peut pas être supprimé, pour garder son historique.',
    );
  });

  it('is reached only through its accompaniment’s scope, changed only by the operator’s staff, names hidden from funders', async () => {
    const c = await createBelfortCase(t.db);
    const group = await createWorkingGroup(t.db, c.accId, {
      theme: 'Communication',
      name: 'Marques et communication',
      structureIds: [c.structures.energie.id],
    });
    const member = await addGroupMember(t.db, group.id, {
      name: 'Sophie Marchal',
      organisation_id: c.structures.energie.id,
      contact_id: c.contacts.energieDirector.id,
    });
    await createActionItem(t.db, c.accId, {
      working_group_id: group.id,
      what: 'Charte graphique commune',
      owner_name: 'Bernard Lhomme',
    });

    for (const u of [c.consultant, c.beneficiaryUser]) {
      const { agent } = await loginAs(t.app, u.email);
      const page = await agent.get(`/working-groups/${group.id}`).expect(200);
      expect(page.text).toContain('Sophie Marchal');
      expect(page.text).not.toContain(`/working-groups/${group.id}/edit`);
      expect(page.text).not.toContain(`action="/working-groups/${group.id}/members"`);
    }
    const funder = await loginAs(t.app, c.funderUser.email);
    const fpage = await funder.agent.get(`/working-groups/${group.id}`).expect(200);
    expect(fpage.text).toContain('Marques et communication');
    expect(fpage.text).toContain('<strong>1 membre</strong>');
    expect(fpage.text).toContain('Les noms des membres ne sont pas communiqués aux financeurs.');
    expect(fpage.text).not.toContain('Sophie Marchal');
    expect(fpage.text).toContain('Charte graphique commune');
    expect(fpage.text).not.toContain('Bernard Lhomme');

    for (const u of [c.consultant, c.funderUser, c.beneficiaryUser]) {
      const { agent, csrf } = await loginAs(t.app, u.email);
      await agent.get(`/accompaniments/${c.accId}/working-groups/new`).expect(403);
      await agent
        .post(`/accompaniments/${c.accId}/working-groups`)
        .type('form')
        .send({ _csrf: csrf, theme: 'RH', name: 'RH' })
        .expect(403);
      await agent.get(`/working-groups/${group.id}/edit`).expect(403);
      await agent
        .post(`/working-groups/${group.id}`)
        .type('form')
        .send({ _csrf: csrf, theme: 'RH', name: 'RH' })
        .expect(403);
      await agent.post(`/working-groups/${group.id}/delete`).type('form').send({ _csrf: csrf }).expect(403);
      await addMember(agent, csrf, group.id, { person: `contact:${c.contacts.intermedDirector.id}` }).expect(403);
      await agent
        .post(`/working-groups/${group.id}/members/${member.id}/delete`)
        .type('form')
        .send({ _csrf: csrf })
        .expect(403);
    }

    const stranger = await createBelfortCase(t.db);
    const { agent, csrf } = await loginAs(t.app, stranger.coordinator.email);
    await agent.get(`/working-groups/${group.id}`).expect(404);
    await agent.get(`/working-groups/${group.id}/edit`).expect(404);
    await agent.get(`/accompaniments/${c.accId}/working-groups`).expect(404);
    await agent
      .post(`/accompaniments/${c.accId}/working-groups`)
      .type('form')
      .send({ _csrf: csrf, theme: 'RH', name: 'RH' })
      .expect(404);
    await agent
      .post(`/working-groups/${group.id}`)
      .type('form')
      .send({ _csrf: csrf, theme: 'RH', name: 'RH' })
      .expect(404);
    await agent.post(`/working-groups/${group.id}/delete`).type('form').send({ _csrf: csrf }).expect(404);
    await addMember(agent, csrf, group.id, { person: `user:${stranger.coordinator.id}` }).expect(404);
    await agent
      .post(`/working-groups/${group.id}/members/${member.id}/delete`)
      .type('form')
      .send({ _csrf: csrf })
      .expect(404);
    await agent.get('/working-groups/abc').expect(404);
    await agent.get('/working-groups/999999999').expect(404);
    // The stranger's own group does not reach members of another group.
    const own = await createWorkingGroup(t.db, stranger.accId, { name: 'Le mien' });
    await agent
      .post(`/working-groups/${own.id}/members/${member.id}/delete`)
      .type('form')
      .send({ _csrf: csrf })
      .expect(404);

    expect((await groupsOf(c.accId)).map((g) => g.name)).toEqual(['Marques et communication']);
    expect((await membersOf(group.id)).map((m) => m.name)).toEqual(['Sophie Marchal']);
  });
});
