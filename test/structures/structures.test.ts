import { createOrganisation, createUser } from '../factories';
import { createStructure, validSiret } from '../factories/structures';
import { createTestApp, csrfOf, loginAs, TestApp } from '../support/app';

let t: TestApp;
let coordinator: Awaited<ReturnType<typeof loginAs>>;

beforeAll(async () => {
  t = await createTestApp();
  const operator = await createOrganisation(t.db, { kind: 'operator', name: 'MIFE 90' });
  const user = await createUser(t.db, { role: 'coordinator', organisation_id: operator.id });
  coordinator = await loginAs(t.app, user.email);
});
afterAll(() => t.close());

const countRows = async (table: string) => Number((await t.db(table).count<{ n: string }[]>('* as n'))[0].n);

const EMPTY_FORM = {
  name: '',
  legal_form: '',
  siret: '',
  department: '',
  email: '',
  siae_type: '',
  sector: '',
  activities: '',
  employees: '',
  employees_in_insertion: '',
  networks: '',
  address: '',
  postcode: '',
  city: '',
};

/** Posts the structure form as the coordinator, with every field present as a browser sends it. */
function postStructure(fields: Record<string, string>, path = '/structures') {
  return coordinator.agent
    .post(path)
    .type('form')
    .send({ _csrf: coordinator.csrf, ...EMPTY_FORM, ...fields });
}

/** A refused submission writes nothing: no organisation, no structure, no audit entry. */
async function expectRefused(fields: Record<string, string>, path?: string) {
  const before = [await countRows('organisations'), await countRows('structures'), await countRows('audit_log')];
  const res = await postStructure(fields, path).expect(422);
  expect(res.text).toContain('Le formulaire contient des erreurs');
  expect(res.text).toContain('aria-invalid="true"');
  expect([await countRows('organisations'), await countRows('structures'), await countRows('audit_log')]).toEqual(
    before,
  );
  return res;
}

const idFrom = (location: string) => {
  const m = location.match(/^\/structures\/(\d+)$/);
  if (!m) throw new Error(`unexpected redirect ${location}`);
  return m[1];
};

describe('recording a structure', () => {
  it('records Chacasol exactly as in the Belfort case, through the form', async () => {
    const form = await coordinator.agent.get('/structures/new').expect(200);
    expect(form.text).toContain('Nouvelle structure');
    expect(form.text).toContain('Association loi 1901');
    expect(form.text).toContain('Pas une SIAE');

    const res = await postStructure({
      name: 'Chacasol',
      legal_form: 'association',
      siret: '',
      department: '90',
      siae_type: 'ACI',
      taxable: '1',
      sector: 'Insertion par l’activité économique',
      activities: 'Restauration\r\nÉpicerie\r\nEntretien\r\nLocation\r\n',
      employees: '15',
      employees_in_insertion: '13',
      networks: 'COORACE',
      city: 'Belfort',
      postcode: '90000',
    }).expect(302);
    const id = idFrom(res.headers.location);

    const org = await t.db('organisations').where({ id }).first();
    expect(org).toMatchObject({ kind: 'structure', name: 'Chacasol', department: '90', siret: null });
    const row = await t.db('structures').where({ organisation_id: id }).first();
    expect(row).toMatchObject({
      legal_form: 'association',
      siae_type: 'ACI',
      taxable: true,
      activities: ['Restauration', 'Épicerie', 'Entretien', 'Location'],
      employees: 15,
      employees_in_insertion: 13,
      networks: ['COORACE'],
      postcode: '90000',
      city: 'Belfort',
    });
    const entry = await t.db('audit_log').where({ action: 'structure.create', entity_id: id }).first();
    expect(entry).toBeTruthy();

    const page = await coordinator.agent.get(res.headers.location).expect(200);
    expect(page.text).toContain('La structure « Chacasol » est enregistrée.');
    expect(page.text).toContain('<h1>Chacasol</h1>');
    expect(page.text).toContain('15 (dont 13 en insertion)');
    for (const activity of ['Restauration', 'Épicerie', 'Entretien', 'Location'])
      expect(page.text).toContain(`<li>${activity}</li>`);
    expect(page.text).toMatch(/Structure fiscalisée<\/dt><dd>Oui/);
  });

  it('records the other three Belfort structures, and a structure that is not an SIAE', async () => {
    const belfort = [
      {
        name: 'Energie Emploi',
        siae_type: 'AI',
        activities: 'Entretien du cadre de vie\nEspaces verts\nMAD aux collectivités\nMAD aux autres organismes',
        employees: '156',
        employees_in_insertion: '150',
      },
      {
        name: 'Intermed',
        siae_type: 'AI',
        activities:
          'Service à domicile (particuliers)\nMAD (intérim) aux entreprises\nMAD aux collectivités\nMAD aux associations et bailleurs',
        employees: '96',
        employees_in_insertion: '91',
      },
      {
        name: 'Chamois',
        siae_type: 'ACI',
        activities: 'Restauration\nÉpicerie\nEntretien\nLocation',
        employees: '49',
        employees_in_insertion: '40',
      },
    ];
    for (const s of belfort) {
      const res = await postStructure({ ...s, department: '90' }).expect(302);
      const row = await t
        .db('structures')
        .where({ organisation_id: idFrom(res.headers.location) })
        .first();
      expect(row.siae_type).toBe(s.siae_type);
      expect(row.employees).toBe(Number(s.employees));
      expect(row.employees_in_insertion).toBe(Number(s.employees_in_insertion));
      expect(row.activities).toEqual(s.activities.split('\n'));
      expect(row.taxable).toBe(false);
    }

    const res = await postStructure({ name: 'Théâtre du Pays', legal_form: 'scic', siae_type: '' }).expect(302);
    const id = idFrom(res.headers.location);
    expect((await t.db('structures').where({ organisation_id: id }).first()).siae_type).toBeNull();
    const page = await coordinator.agent.get(`/structures/${id}`).expect(200);
    expect(page.text).toContain('Pas une SIAE');
    expect(page.text).toContain('SCIC');
  });

  it('refuses an empty name and keeps everything else typed', async () => {
    const res = await expectRefused({
      name: '',
      siae_type: 'EI',
      activities: 'Maraîchage\nVente directe',
      employees: '12',
      city: 'Delle',
    });
    expect(res.text).toContain('Ce champ est obligatoire.');
    expect(res.text).toContain('<option value="EI" selected>');
    expect(res.text).toContain('Maraîchage\nVente directe</textarea>');
    expect(res.text).toContain('value="12"');
    expect(res.text).toContain('value="Delle"');
  });

  it('refuses more employees in insertion than employees, in French, next to the field', async () => {
    const res = await expectRefused({ name: 'Trop en insertion', employees: '15', employees_in_insertion: '16' });
    expect(res.text).toContain('Le nombre de salariés en insertion ne peut pas dépasser le nombre total de salariés.');
    expect(res.text).toContain('value="16"');
  });

  it('refuses headcounts that are not whole numbers, zero or more', async () => {
    for (const employees of ['-3', '12,5', 'quinze']) {
      const res = await expectRefused({ name: `Effectif ${employees}`, employees });
      expect(res.text).toContain('Saisissez un nombre entier positif ou nul, par exemple 15.');
    }
    await postStructure({ name: 'Sans salarié', employees: '0', employees_in_insertion: '0' }).expect(302);
  });
});

describe('SIRET', () => {
  it('refuses a SIRET whose check digit is wrong', async () => {
    const res = await expectRefused({ name: 'Clé fausse', siret: '73282932000075' });
    expect(res.text).toContain('Ce SIRET n’existe pas : sa clé de contrôle est fausse.');
    expect(res.text).toContain('value="73282932000075"');
  });

  it('refuses a SIRET that is not 14 digits', async () => {
    for (const siret of ['7328293200007', '7328293200007A']) {
      const res = await expectRefused({ name: `Longueur ${siret}`, siret });
      expect(res.text).toContain('Le SIRET compte 14 chiffres (les espaces sont acceptés).');
    }
  });

  it('accepts a valid SIRET typed with spaces and stores its digits', async () => {
    const res = await postStructure({ name: 'Avec espaces', siret: '732 829 320 00074' }).expect(302);
    const org = await t
      .db('organisations')
      .where({ id: idFrom(res.headers.location) })
      .first();
    expect(org.siret).toBe('73282932000074');
    const page = await coordinator.agent.get(res.headers.location).expect(200);
    expect(page.text).toContain('732 829 320 00074');
  });

  it('refuses a SIRET already recorded for another organisation', async () => {
    const siret = validSiret();
    await createOrganisation(t.db, { kind: 'provider', name: 'Conseil au même SIRET' });
    await t.db('organisations').where({ name: 'Conseil au même SIRET' }).update({ siret });
    const res = await expectRefused({ name: 'Doublon', siret: `${siret.slice(0, 9)} ${siret.slice(9)}` });
    expect(res.text).toContain('Ce SIRET est déjà celui d’une autre organisation enregistrée.');
  });

  it('refuses a second structure of the same name', async () => {
    await createStructure(t.db, { name: 'Homonyme' });
    const res = await expectRefused({ name: 'homonyme' });
    expect(res.text).toContain('Une structure porte déjà ce nom.');
  });
});

describe('editing a structure', () => {
  it('shows the saved values and saves changes', async () => {
    const s = await createStructure(t.db, {
      name: 'À modifier',
      siae_type: 'ACI',
      activities: ['Couture'],
      employees: 20,
      employees_in_insertion: 15,
    });
    const form = await coordinator.agent.get(`/structures/${s.id}/edit`).expect(200);
    expect(form.text).toContain('Modifier la structure');
    expect(form.text).toContain('value="À modifier"');
    expect(form.text).toContain('Couture</textarea>');
    expect(form.text).toContain('value="20"');

    const siret = validSiret();
    await postStructure(
      {
        name: 'Modifiée',
        siret,
        siae_type: 'EITI',
        activities: 'Couture\nRetouches',
        employees: '22',
        employees_in_insertion: '18',
        legal_form: 'scop',
        department: '2a',
        lock_version: form.text.match(/name="lock_version" value="(\d+)"/)![1],
      },
      `/structures/${s.id}`,
    )
      .expect(302)
      .expect('Location', `/structures/${s.id}`);
    const org = await t.db('organisations').where({ id: s.id }).first();
    expect(org).toMatchObject({ name: 'Modifiée', siret, department: '2A', kind: 'structure' });
    const row = await t.db('structures').where({ organisation_id: s.id }).first();
    expect(row).toMatchObject({
      siae_type: 'EITI',
      legal_form: 'scop',
      activities: ['Couture', 'Retouches'],
      employees: 22,
      employees_in_insertion: 18,
    });
    const entry = await t.db('audit_log').where({ action: 'structure.update', entity_id: s.id }).first();
    expect(entry.details.changed).toMatchObject({ name: 'Modifiée', siae_type: 'EITI' });
    const page = await coordinator.agent.get(`/structures/${s.id}`).expect(200);
    expect(page.text).toContain('Modifications enregistrées.');
  });

  it('keeps its own SIRET and name on a second save, but refuses insertion above employees', async () => {
    const siret = validSiret();
    const s = await createStructure(t.db, { name: 'Stable', siret, employees: 10, employees_in_insertion: 5 });
    await postStructure(
      {
        name: 'Stable',
        siret,
        employees: '10',
        employees_in_insertion: '6',
        lock_version: String((await t.db('organisations').where({ id: s.id }).first('lock_version')).lock_version),
      },
      `/structures/${s.id}`,
    ).expect(302);
    const res = await expectRefused(
      { name: 'Stable', siret, employees: '10', employees_in_insertion: '11' },
      `/structures/${s.id}`,
    );
    expect(res.text).toContain('Le nombre de salariés en insertion ne peut pas dépasser le nombre total de salariés.');
    expect((await t.db('structures').where({ organisation_id: s.id }).first()).employees_in_insertion).toBe(6);
  });

  it('completes an organisation of kind structure created without its details', async () => {
    const org = await createOrganisation(t.db, { kind: 'structure', name: 'Créée par l’admin' });
    const page = await coordinator.agent.get(`/structures/${org.id}`).expect(200);
    expect(page.text).toContain('Pas une SIAE');
    await postStructure(
      {
        name: 'Créée par l’admin',
        siae_type: 'AI',
        employees: '30',
        employees_in_insertion: '25',
        lock_version: String((await t.db('organisations').where({ id: org.id }).first('lock_version')).lock_version),
      },
      `/structures/${org.id}`,
    ).expect(302);
    expect(await t.db('structures').where({ organisation_id: org.id }).first()).toMatchObject({
      siae_type: 'AI',
      employees: 30,
    });
  });

  it('answers 404 for an organisation that is not a structure, and for a nonexistent id', async () => {
    const provider = await createOrganisation(t.db, { kind: 'provider' });
    await coordinator.agent.get(`/structures/${provider.id}`).expect(404);
    await coordinator.agent.get('/structures/999999999').expect(404);
    await coordinator.agent.get('/structures/abc').expect(404);
  });
});

describe('searching structures', () => {
  beforeAll(async () => {
    await createStructure(t.db, {
      name: 'Recherche Jardins',
      siae_type: 'ACI',
      department: '25',
      siret: '44306184100047',
      employees: 40,
      employees_in_insertion: 30,
    });
    await createStructure(t.db, { name: 'Recherche Intérim', siae_type: 'ETTI', department: '70' });
    await createStructure(t.db, { name: 'Recherche Culture', siae_type: null, department: '25' });
  });

  const names = (html: string) =>
    ['Recherche Jardins', 'Recherche Intérim', 'Recherche Culture'].filter((n) => html.includes(n));

  it('lists structures with their SIAE type, département and jobs', async () => {
    const res = await coordinator.agent.get('/structures?q=recherche').expect(200);
    expect(res.text).toContain('<h1>Structures accompagnées</h1>');
    expect(names(res.text)).toEqual(['Recherche Jardins', 'Recherche Intérim', 'Recherche Culture']);
    expect(res.text).toContain('40 (dont 30)');
    expect(res.text).toContain('Pas une SIAE');
  });

  it('searches by SIRET, typed with or without spaces', async () => {
    expect(names((await coordinator.agent.get('/structures?q=44306184100047').expect(200)).text)).toEqual([
      'Recherche Jardins',
    ]);
    expect(names((await coordinator.agent.get('/structures?q=443%20061%20841').expect(200)).text)).toEqual([
      'Recherche Jardins',
    ]);
  });

  it('filters by SIAE type, including structures that are not SIAE, and by département', async () => {
    expect(names((await coordinator.agent.get('/structures?q=recherche&siae_type=ETTI').expect(200)).text)).toEqual([
      'Recherche Intérim',
    ]);
    expect(names((await coordinator.agent.get('/structures?q=recherche&siae_type=none').expect(200)).text)).toEqual([
      'Recherche Culture',
    ]);
    expect(names((await coordinator.agent.get('/structures?q=recherche&department=25').expect(200)).text)).toEqual([
      'Recherche Jardins',
      'Recherche Culture',
    ]);
    expect(names((await coordinator.agent.get('/structures?department=25&siae_type=ACI').expect(200)).text)).toEqual([
      'Recherche Jardins',
    ]);
  });

  it('says so when nothing matches', async () => {
    const res = await coordinator.agent.get('/structures?q=introuvable-zzz').expect(200);
    expect(res.text).toContain('Aucune structure ne correspond à cette recherche.');
  });

  it('paginates', async () => {
    for (let i = 0; i < 26; i++) await createStructure(t.db, { name: `Pagination ${String(i).padStart(2, '0')}` });
    const first = await coordinator.agent.get('/structures?q=pagination').expect(200);
    expect(first.text).toContain('Pagination 00');
    expect(first.text).not.toContain('Pagination 25');
    expect(first.text).toContain('rel="next"');
    const second = await coordinator.agent.get('/structures?q=pagination&page=2').expect(200);
    expect(second.text).toContain('Pagination 25');
  });
});

describe('contacts', () => {
  it('adds a contact, then deletes it after confirmation', async () => {
    const s = await createStructure(t.db, { name: 'Avec contacts' });
    const page = await coordinator.agent.get(`/structures/${s.id}`).expect(200);
    expect(page.text).toContain('Aucun contact enregistré pour cette structure.');
    await coordinator.agent
      .post(`/structures/${s.id}/contacts`)
      .type('form')
      .send({
        _csrf: csrfOf(page.text),
        name: 'Claire Directrice',
        role: 'director',
        email: 'Claire@Exemple.fr',
        phone: '03 84 00 00 00',
      })
      .expect(302)
      .expect('Location', `/structures/${s.id}#contacts`);
    const contact = await t.db('structure_contacts').where({ organisation_id: s.id }).first();
    expect(contact).toMatchObject({
      name: 'Claire Directrice',
      role: 'director',
      email: 'claire@exemple.fr',
      phone: '03 84 00 00 00',
    });
    expect(await t.db('audit_log').where({ action: 'structure.contact.add', entity_id: s.id }).first()).toBeTruthy();

    const after = await coordinator.agent.get(`/structures/${s.id}`).expect(200);
    expect(after.text).toContain('Le contact est ajouté.');
    expect(after.text).toContain('Claire Directrice');
    expect(after.text).toContain('Direction');
    expect(after.text).toContain('data-confirm="Supprimer le contact Claire Directrice ?"');

    await coordinator.agent
      .post(`/structures/${s.id}/contacts/${contact.id}/delete`)
      .type('form')
      .send({ _csrf: coordinator.csrf })
      .expect(302);
    expect(await t.db('structure_contacts').where({ id: contact.id }).first()).toBeUndefined();
    expect(await t.db('audit_log').where({ action: 'structure.contact.delete', entity_id: s.id }).first()).toBeTruthy();
  });

  it('refuses a contact without a name or with a wrong e-mail, keeping what was typed', async () => {
    const s = await createStructure(t.db, { name: 'Contact refusé' });
    const res = await coordinator.agent
      .post(`/structures/${s.id}/contacts`)
      .type('form')
      .send({ _csrf: coordinator.csrf, name: '', role: 'president', email: 'pas-un-email', phone: '' })
      .expect(422);
    expect(res.text).toContain('Le contact n’a pas été ajouté');
    expect(res.text).toContain('Ce champ est obligatoire.');
    expect(res.text).toContain('Saisissez une adresse e-mail valide');
    expect(res.text).toContain('value="pas-un-email"');
    expect(res.text).toContain('<option value="president" selected>');
    expect(await t.db('structure_contacts').where({ organisation_id: s.id }).first()).toBeUndefined();
  });

  it('answers 404 when deleting a contact of another structure', async () => {
    const a = await createStructure(t.db, { name: 'Contact A' });
    const b = await createStructure(t.db, { name: 'Contact B' });
    const [{ id }] = await t
      .db('structure_contacts')
      .insert({ organisation_id: a.id, name: 'Paul Président', role: 'president' })
      .returning('id');
    await coordinator.agent
      .post(`/structures/${b.id}/contacts/${id}/delete`)
      .type('form')
      .send({ _csrf: coordinator.csrf })
      .expect(404);
    expect(await t.db('structure_contacts').where({ id }).first()).toBeTruthy();
  });
});
