import request from 'supertest';
import { ORGANISATION_KINDS, ROLES } from '../../src/platform/auth/session-user';
import { fr } from '../../src/platform/i18n/fr';
import { createOrganisation, createUser } from '../factories';
import { createTestApp, loginAs, TestApp } from '../support/app';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

/** Text as EJS prints it with <%= %>. */
const html = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&#34;').replace(/'/g, '&#39;');

/** The main navigation of a page. */
function navOf(page: string): string {
  const m = /<nav class="main-nav"[\s\S]*?<\/nav>/.exec(page);
  if (!m) throw new Error('no main navigation on the page');
  return m[0];
}

async function homeOf(user: { email: string }) {
  const { agent } = await loginAs(t.app, user.email);
  return (await agent.get('/').expect(200)).text;
}

describe('home page', () => {
  it('sends an anonymous visitor to the login page', async () => {
    const res = await request(t.app).get('/').expect(302);
    expect(res.headers.location).toBe('/login?next=%2F');
  });

  for (const role of ROLES) {
    it(`${role}: greets by name, in French, with what the role does`, async () => {
      const user = await createUser(t.db, { role, name: `Dominique ${role}` });
      const org = await t.db('organisations').where({ id: user.organisation_id }).first();
      const page = await homeOf(user);
      expect(page).toContain('<html lang="fr">');
      expect(page).toContain(`<h1>Bonjour Dominique ${role}</h1>`);
      expect(page).toContain(html(fr[`home.role.${role}`]));
      expect(page).toContain(html(fr[`roles.${role}`]));
      if (role === 'admin') {
        expect(page).toContain(fr['home.recent']);
      } else {
        expect(page).toContain('Votre organisation');
        expect(page).toContain(`<a href="/organisations/${org.id}">${html(org.name)}</a>`);
        expect(page).toContain(html(fr[`organisations.kind.${org.kind as 'operator'}`]));
      }
    });
  }

  it('admin: counts organisations by kind and links to the admin pages', async () => {
    const admin = await createUser(t.db, { role: 'admin' });
    const { agent } = await loginAs(t.app, admin.email);
    const countsOf = async () => {
      const rows = await t
        .db('organisations')
        .select('kind')
        .count<{ kind: string; n: string }[]>('* as n')
        .groupBy('kind');
      return Object.fromEntries(rows.map((r) => [r.kind, Number(r.n)])) as Record<string, number>;
    };
    const before = await countsOf();
    await createOrganisation(t.db, { kind: 'relay' });
    await createOrganisation(t.db, { kind: 'relay' });
    const after = await countsOf();
    expect((after.relay ?? 0) - (before.relay ?? 0)).toBe(2);

    const page = (await agent.get('/').expect(200)).text;
    for (const kind of ORGANISATION_KINDS) {
      const label = html(fr[`organisations.kindPlural.${kind}`]);
      expect(page).toContain(`<a href="/organisations?kind=${kind}">${label}</a> <strong>${after[kind] ?? 0}</strong>`);
    }
    expect(page).toContain('<a href="/organisations?kind=relay">Réseaux relais</a>');

    const nav = navOf(page);
    for (const href of ['/', '/organisations', '/users', '/outbox', '/audit']) expect(nav).toContain(`href="${href}"`);
    expect(nav).toContain('Journal d’audit');
    expect(nav).not.toContain('Mon organisation');
    expect(nav).toContain('href="/" aria-current="page"');
  });

  for (const role of ROLES.filter((r) => r !== 'admin')) {
    it(`${role}: the navigation leads to their organisation, never to the admin pages`, async () => {
      const user = await createUser(t.db, { role });
      const page = await homeOf(user);
      const nav = navOf(page);
      expect(nav).toContain('Mon organisation');
      expect(nav).toContain(`href="/organisations/${user.organisation_id}"`);
      for (const href of ['/organisations', '/users', '/outbox', '/audit']) {
        expect(nav).not.toContain(`href="${href}"`);
        expect(page).not.toContain(`href="${href}"`);
      }
    });
  }

  it('coordinator: lists active colleagues of the same organisation only', async () => {
    const me = await createUser(t.db, { role: 'coordinator', name: 'Camille Coordinatrice' });
    await createUser(t.db, {
      role: 'manager',
      organisation_id: me.organisation_id,
      name: 'Marc Collègue Actif',
      email: 'marc.actif@example.test',
    });
    await createUser(t.db, {
      role: 'coordinator',
      organisation_id: me.organisation_id,
      name: 'Denise Collègue Désactivée',
      status: 'disabled',
    });
    await createUser(t.db, {
      role: 'coordinator',
      organisation_id: me.organisation_id,
      name: 'Ines Collègue Invitée',
      status: 'invited',
    });
    await createUser(t.db, { role: 'coordinator', name: 'Oscar Autre Opérateur' });

    const page = await homeOf(me);
    expect(page).toContain('Vos collègues sur Jalons');
    expect(page).toContain('Marc Collègue Actif');
    expect(page).toContain('href="mailto:marc.actif@example.test"');
    expect(page).toContain('Direction de l’opérateur');
    expect(page).not.toContain('Denise Collègue Désactivée');
    expect(page).not.toContain('Ines Collègue Invitée');
    expect(page).not.toContain('Oscar Autre Opérateur');
    expect(page).not.toContain('Personne d’autre de votre organisation');
  });

  it('says so when nobody else of the organisation has an account', async () => {
    const alone = await createUser(t.db, { role: 'relay' });
    await createUser(t.db, { role: 'relay', organisation_id: alone.organisation_id, status: 'disabled' });
    const page = await homeOf(alone);
    expect(page).toContain('Personne d’autre de votre organisation n’a encore de compte.');
  });
});
