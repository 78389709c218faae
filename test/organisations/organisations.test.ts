import request from 'supertest';
import { isValidSiret, normaliseSiret } from '../../src/organisations/siret';
import { createOrganisation, createUser } from '../factories';
import { createTestApp, loginAs, TestApp } from '../support/app';

let t: TestApp;
let admin: Awaited<ReturnType<typeof loginAs>>;
let adminId: string;

beforeAll(async () => {
  t = await createTestApp();
  const user = await createUser(t.db, { role: 'admin', name: 'Alice Admin' });
  adminId = user.id;
  admin = await loginAs(t.app, user.email);
});
afterAll(() => t.close());

const countRows = async (table: string) => Number((await t.db(table).count<{ n: string }[]>('* as n'))[0].n);

/** Posts the organisation form as the admin, with a sensible default for every field. */
function postOrganisation(fields: Record<string, string>, path = '/organisations') {
  return admin.agent
    .post(path)
    .type('form')
    .send({
      _csrf: admin.csrf,
      kind: 'operator',
      name: '',
      short_name: '',
      funder_type: '',
      siret: '',
      department: '',
      email: '',
      ...fields,
    });
}

/** Runs a refused submission and checks that neither an organisation nor an audit entry was written. */
async function expectRefused(fields: Record<string, string>, path?: string) {
  const [orgsBefore, auditBefore] = [await countRows('organisations'), await countRows('audit_log')];
  const res = await postOrganisation(fields, path).expect(422);
  expect(res.text).toContain('Le formulaire contient des erreurs');
  expect(res.text).toContain('aria-invalid="true"');
  expect(await countRows('organisations')).toBe(orgsBefore);
  expect(await countRows('audit_log')).toBe(auditBefore);
  return res;
}

describe('isValidSiret', () => {
  it('accepts a SIRET whose Luhn key is right', () => {
    expect(isValidSiret('73282932000074')).toBe(true);
    expect(isValidSiret('44306184100047')).toBe(true);
  });

  it('refuses a wrong key, a wrong length and anything but digits', () => {
    expect(isValidSiret('12345678901234')).toBe(false);
    expect(isValidSiret('73282932000075')).toBe(false);
    expect(isValidSiret('7328293200007')).toBe(false);
    expect(isValidSiret('732829320000741')).toBe(false);
    expect(isValidSiret('7328293200007A')).toBe(false);
    expect(isValidSiret('732 829 320 00074')).toBe(false);
    expect(isValidSiret('')).toBe(false);
  });

  it('applies La Poste’s rule: digit sum a multiple of 5 for its establishments, Luhn for its head office', () => {
    expect(isValidSiret('35600000000048')).toBe(true); // head office: Luhn key
    expect(isValidSiret('35600000049837')).toBe(true); // digit sum 45, Luhn key wrong
    expect(isValidSiret('35600000000001')).toBe(true); // digit sum 15
    expect(isValidSiret('35600000000014')).toBe(false); // digit sum 19
  });

  it('normalises the spaced and dotted forms people type', () => {
    expect(normaliseSiret('732 829 320 00074')).toBe('73282932000074');
    expect(normaliseSiret('732.829.320.00074')).toBe('73282932000074');
  });
});

describe('organisations, as an admin', () => {
  it('lists organisations, filtered by kind and searched by name', async () => {
    await createOrganisation(t.db, { kind: 'provider', name: 'Alpha Conseil Liste' });
    await createOrganisation(t.db, { kind: 'funder', name: 'Beta Finance Liste', funder_type: 'region' });
    await createOrganisation(t.db, { kind: 'relay', name: 'Taux 100% Relais Liste' });

    const all = await admin.agent.get('/organisations').expect(200);
    expect(all.text).toContain('<h1>Organisations</h1>');
    for (const name of ['Alpha Conseil Liste', 'Beta Finance Liste', 'Taux 100% Relais Liste'])
      expect(all.text).toContain(name);

    const funders = await admin.agent.get('/organisations?kind=funder').expect(200);
    expect(funders.text).toContain('Beta Finance Liste');
    expect(funders.text).toContain('Région');
    expect(funders.text).not.toContain('Alpha Conseil Liste');
    expect(funders.text).not.toContain('Taux 100% Relais Liste');

    const searched = await admin.agent.get('/organisations?q=alpha%20conseil').expect(200);
    expect(searched.text).toContain('Alpha Conseil Liste');
    expect(searched.text).not.toContain('Beta Finance Liste');

    // A "%" typed in the search is a character, not a wildcard.
    const percent = await admin.agent.get('/organisations?q=%25').expect(200);
    expect(percent.text).toContain('Taux 100% Relais Liste');
    expect(percent.text).not.toContain('Alpha Conseil Liste');

    const none = await admin.agent.get('/organisations?q=zzz-nothing-matches').expect(200);
    expect(none.text).toContain('Aucune organisation ne correspond à ces filtres.');
  });

  it('creates an organisation: redirect, row, audit entry and a French confirmation on the next page', async () => {
    const page = await admin.agent.get('/organisations/new').expect(200);
    expect(page.text).toContain('Nouvelle organisation');
    expect(page.text).toContain('name="_csrf"');

    const res = await postOrganisation({
      kind: 'operator',
      name: 'DLA Territoire de Belfort',
      short_name: 'DLA 90',
      department: '90',
      email: 'contact@dla90.example',
    }).expect(302);
    const match = /^\/organisations\/(\d+)$/.exec(res.headers.location);
    expect(match).not.toBeNull();
    const id = match![1];

    const row = await t.db('organisations').where({ id }).first();
    expect(row).toMatchObject({
      kind: 'operator',
      name: 'DLA Territoire de Belfort',
      short_name: 'DLA 90',
      department: '90',
      email: 'contact@dla90.example',
      siret: null,
      funder_type: null,
    });
    const entry = await t.db('audit_log').where({ action: 'organisation.create', entity_id: id }).first();
    expect(String(entry.actor_id)).toBe(adminId);

    const shown = await admin.agent.get(res.headers.location).expect(200);
    expect(shown.text).toContain('L’organisation « DLA Territoire de Belfort » est créée.');
    expect(shown.text).toContain('<h1>DLA Territoire de Belfort</h1>');
    expect(shown.text).toContain('Opérateur DLA');
    expect(shown.text).toContain('Aucun compte n’est encore rattaché à cette organisation.');
    // The confirmation is shown once.
    const again = await admin.agent.get(res.headers.location).expect(200);
    expect(again.text).not.toContain('est créée.');
  });

  it('creates a funder with its funder type', async () => {
    const res = await postOrganisation({
      kind: 'funder',
      name: 'Banque des Territoires BFC',
      funder_type: 'banque_des_territoires',
    }).expect(302);
    const row = await t.db('organisations').where({ name: 'Banque des Territoires BFC' }).first();
    expect(row).toMatchObject({ kind: 'funder', funder_type: 'banque_des_territoires' });
    const shown = await admin.agent.get(res.headers.location).expect(200);
    expect(shown.text).toContain('Type de financeur');
    expect(shown.text).toContain('Financeur');
  });

  it('forgets a funder type given to an organisation that is not a funder', async () => {
    await postOrganisation({ kind: 'provider', name: 'Cabinet Sans Financement', funder_type: 'region' }).expect(302);
    const row = await t.db('organisations').where({ name: 'Cabinet Sans Financement' }).first();
    expect(row.funder_type).toBeNull();
  });

  it('shows an organisation with its members', async () => {
    const org = await createOrganisation(t.db, { kind: 'provider', name: 'Cabinet Montré' });
    await createUser(t.db, { role: 'provider', organisation_id: org.id, name: 'Paul Prestataire' });
    const res = await admin.agent.get(`/organisations/${org.id}`).expect(200);
    expect(res.text).toContain('Cabinet Montré');
    expect(res.text).toContain('Comptes rattachés');
    expect(res.text).toContain('Paul Prestataire');
    expect(res.text).toContain(`href="/organisations/${org.id}/edit"`);
  });

  it('answers 404 for an organisation that does not exist or an id that is not one', async () => {
    for (const path of [
      '/organisations/999999999',
      '/organisations/abc',
      '/organisations/0',
      '/organisations/999999999/edit',
    ]) {
      const res = await admin.agent.get(path).expect(404);
      expect(res.text).toContain('Page introuvable');
    }
  });

  it('edits an organisation: the form is filled in, the change is saved and confirmed', async () => {
    const org = await createOrganisation(t.db, { kind: 'relay', name: 'Relais Avant', department: '25' });
    const form = await admin.agent.get(`/organisations/${org.id}/edit`).expect(200);
    expect(form.text).toContain('Modifier l’organisation');
    expect(form.text).toContain('value="Relais Avant"');
    expect(form.text).toContain('value="25"');

    const lockVersion = form.text.match(/name="lock_version" value="(\d+)"/)![1];
    const res = await postOrganisation(
      { kind: 'relay', name: 'Relais Après', department: '2a', lock_version: lockVersion },
      `/organisations/${org.id}`,
    ).expect(302);
    expect(res.headers.location).toBe(`/organisations/${org.id}`);
    const row = await t.db('organisations').where({ id: org.id }).first();
    expect(row).toMatchObject({ name: 'Relais Après', department: '2A' });
    expect(await t.db('audit_log').where({ action: 'organisation.update', entity_id: org.id }).first()).toBeTruthy();
    const shown = await admin.agent.get(res.headers.location).expect(200);
    expect(shown.text).toContain('Modifications enregistrées.');
    expect(shown.text).toContain('Relais Après');
  });

  it('stores a valid SIRET typed with spaces as 14 digits', async () => {
    await postOrganisation({ kind: 'provider', name: 'Cabinet Siret Espacé', siret: ' 732 829 320 00074 ' }).expect(
      302,
    );
    const row = await t.db('organisations').where({ name: 'Cabinet Siret Espacé' }).first();
    expect(row.siret).toBe('73282932000074');
  });
});

describe('organisations, refused input', () => {
  it('refuses a missing name and keeps what was typed', async () => {
    const res = await expectRefused({ kind: 'provider', name: '   ', short_name: 'Court Gardé', department: '39' });
    expect(res.text).toContain('Ce champ est obligatoire.');
    expect(res.text).toContain('value="Court Gardé"');
    expect(res.text).toContain('value="39"');
    expect(res.text).toMatch(/<option value="provider" selected>/);
  });

  it('refuses a SIRET whose key is wrong', async () => {
    const res = await expectRefused({ kind: 'provider', name: 'Cabinet Mauvais Siret', siret: '12345678901234' });
    expect(res.text).toContain('Ce SIRET n’est pas valide');
    expect(res.text).toContain('value="12345678901234"');
    expect(res.text).toContain('value="Cabinet Mauvais Siret"');
  });

  it('refuses a funder without a funder type', async () => {
    const res = await expectRefused({ kind: 'funder', name: 'Financeur Sans Type' });
    expect(res.text).toContain('Précisez le type de financeur.');
    expect(res.text).toContain('value="Financeur Sans Type"');
  });

  it('refuses a département that does not exist', async () => {
    const res = await expectRefused({ kind: 'operator', name: 'Opérateur Département XX', department: 'XX' });
    expect(res.text).toContain('Saisissez un numéro de département : 90, 2A, 974…');
    expect(res.text).toContain('value="XX"');
  });

  it('refuses an unknown kind and a malformed contact e-mail', async () => {
    const res = await expectRefused({ kind: 'martian', name: 'Organisation Inconnue', email: 'pas-une-adresse' });
    expect(res.text).toContain('Choisissez une valeur dans la liste.');
    expect(res.text).toContain('Saisissez une adresse e-mail valide');
    expect(res.text).toContain('value="pas-une-adresse"');
  });

  it('refuses a name already taken by an organisation of the same kind, whatever the case', async () => {
    await createOrganisation(t.db, { kind: 'provider', name: 'Cabinet Doublon' });
    const res = await expectRefused({ kind: 'provider', name: 'CABINET DOUBLON' });
    expect(res.text).toContain('Une organisation de ce type porte déjà ce nom.');
    expect(res.text).toContain('value="CABINET DOUBLON"');
    // The same name for another kind is another organisation.
    await postOrganisation({ kind: 'relay', name: 'Cabinet Doublon' }).expect(302);
  });

  it('refuses a SIRET already used by another organisation', async () => {
    await postOrganisation({ kind: 'structure', name: 'Association Premier Siret', siret: '44306184100047' }).expect(
      302,
    );
    const res = await expectRefused({
      kind: 'funder',
      funder_type: 'state',
      name: 'Financeur Second Siret',
      siret: '443 061 841 00047',
    });
    expect(res.text).toContain('Une organisation porte déjà ce SIRET.');
    expect(res.text).toContain('value="Financeur Second Siret"');
  });

  it('refuses an edit that breaks a rule and leaves the organisation as it was', async () => {
    const org = await createOrganisation(t.db, { kind: 'relay', name: 'Relais Intact', department: '70' });
    const res = await expectRefused({ kind: 'relay', name: '', department: '70' }, `/organisations/${org.id}`);
    expect(res.text).toContain('Ce champ est obligatoire.');
    expect(res.text).toContain(`action="/organisations/${org.id}"`);
    const row = await t.db('organisations').where({ id: org.id }).first();
    expect(row.name).toBe('Relais Intact');
  });

  it('refuses to change the kind of an organisation that has users, but allows it when it has none', async () => {
    const used = await createOrganisation(t.db, { kind: 'provider', name: 'Cabinet Avec Comptes' });
    await createUser(t.db, { role: 'provider', organisation_id: used.id });
    const res = await expectRefused({ kind: 'relay', name: 'Cabinet Avec Comptes' }, `/organisations/${used.id}`);
    expect(res.text).toContain('son type ne peut plus changer');
    expect((await t.db('organisations').where({ id: used.id }).first()).kind).toBe('provider');

    const empty = await createOrganisation(t.db, { kind: 'provider', name: 'Cabinet Sans Comptes' });
    const { lock_version } = await t.db('organisations').where({ id: empty.id }).first('lock_version');
    await postOrganisation(
      { kind: 'relay', name: 'Cabinet Sans Comptes', lock_version: String(lock_version) },
      `/organisations/${empty.id}`,
    ).expect(302);
    expect((await t.db('organisations').where({ id: empty.id }).first()).kind).toBe('relay');
  });
});

describe('organisations, as a member of an organisation', () => {
  it('sends an anonymous visitor to the login page', async () => {
    const res = await request(t.app).get('/organisations').expect(302);
    expect(res.headers.location).toBe('/login?next=%2Forganisations');
  });

  for (const role of ['manager', 'coordinator', 'provider'] as const) {
    it(`${role}: sees their own organisation only, and cannot manage organisations`, async () => {
      const user = await createUser(t.db, { role, name: `Moi ${role}` });
      const colleague = await createUser(t.db, {
        role,
        organisation_id: user.organisation_id,
        name: `Collègue ${role}`,
      });
      const own = await t.db('organisations').where({ id: user.organisation_id }).first();
      const other = await createOrganisation(t.db, { kind: own.kind, name: `Autre organisation ${role}` });
      const { agent, csrf } = await loginAs(t.app, user.email);

      const mine = await agent.get(`/organisations/${own.id}`).expect(200);
      expect(mine.text).toContain(own.name);
      expect(mine.text).toContain(colleague.name);
      expect(mine.text).toContain(user.name);
      expect(mine.text).not.toContain(`/organisations/${own.id}/edit`);

      const foreign = await agent.get(`/organisations/${other.id}`).expect(404);
      expect(foreign.text).toContain('Page introuvable');
      expect(foreign.text).not.toContain(other.name);

      for (const path of ['/organisations', '/organisations/new', `/organisations/${own.id}/edit`]) {
        const res = await agent.get(path).expect(403);
        expect(res.text).toContain('Accès refusé');
      }
      const before = await countRows('organisations');
      await agent
        .post('/organisations')
        .type('form')
        .send({ _csrf: csrf, kind: 'provider', name: `Intrusion ${role}` })
        .expect(403);
      await agent
        .post(`/organisations/${own.id}`)
        .type('form')
        .send({ _csrf: csrf, kind: own.kind, name: `Renommée ${role}` })
        .expect(403);
      expect(await countRows('organisations')).toBe(before);
      expect((await t.db('organisations').where({ id: own.id }).first()).name).toBe(own.name);
    });
  }
});
