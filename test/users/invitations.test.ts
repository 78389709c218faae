import request from 'supertest';
import { createOrganisation, createUser } from '../factories';
import { anonymousAgent, createTestApp, csrfOf, loginAs, TestApp, TEST_PASSWORD } from '../support/app';

let t: TestApp;
let admin: Awaited<ReturnType<typeof createUser>>;
let operatorId: string;
let providerOrgId: string;
let session: Awaited<ReturnType<typeof loginAs>>;

beforeAll(async () => {
  t = await createTestApp();
  const operator = await createOrganisation(t.db, { kind: 'operator', name: 'DLA Territoire de Belfort' });
  operatorId = operator.id;
  providerOrgId = (await createOrganisation(t.db, { kind: 'provider', name: 'Cabinet Conseil Est' })).id;
  admin = await createUser(t.db, { role: 'admin', name: 'Alice Admin', organisation_id: operatorId });
  session = await loginAs(t.app, admin.email);
});
afterAll(() => t.close());

let seq = 0;
const uniqueEmail = (prefix: string) => `${prefix}-${Date.now().toString(36)}-${seq++}@example.test`;

function invite(fields: Record<string, string>) {
  return session.agent
    .post('/users')
    .type('form')
    .send({ _csrf: session.csrf, ...fields });
}

async function countOf(table: string, where: Record<string, unknown> = {}) {
  const [{ count }] = await t.db(table).where(where).count<{ count: string }[]>('* as count');
  return Number(count);
}

/** The path of the invitation link in the last e-mail sent to this address. */
async function invitationPathFor(email: string) {
  const mail = await t
    .db('outbox')
    .where({ to_address: email, kind: 'invitation' })
    .orderBy('id', 'desc')
    .first('body_text');
  const m = String(mail?.body_text).match(/http:\/\/jalons\.test(\/invitation\/[A-Za-z0-9_-]+)/);
  expect(m).not.toBeNull();
  return m![1];
}

async function accept(path: string, password = 'ma phrase de passe secrète') {
  const agent = request.agent(t.app);
  const page = await agent.get(path).expect(200);
  const res = await agent
    .post(path)
    .type('form')
    .send({ _csrf: csrfOf(page.text), password, confirmation: password });
  return { agent, page, res };
}

async function loginStatus(email: string, password = TEST_PASSWORD) {
  const { agent, csrf } = await anonymousAgent(t.app);
  return (await agent.post('/login').type('form').send({ _csrf: csrf, email, password })).status;
}

describe('inviting a person', () => {
  it('shows the French invitation form', async () => {
    const res = await session.agent.get('/users/new').expect(200);
    expect(res.text).toContain('Inviter une personne');
    expect(res.text).toContain('Envoyer l’invitation');
    expect(res.text).toContain('Cabinet Conseil Est (Prestataire)');
  });

  it('creates an invited account, mails a one-time link, and the invitee activates it', async () => {
    const email = uniqueEmail('nina');
    const res = await invite({
      name: 'Nina Invitée',
      email,
      organisation_id: operatorId,
      role: 'coordinator',
      locale: 'fr',
    }).expect(302);
    const user = await t.db('users').where({ email }).first();
    expect(res.headers.location).toBe(`/users/${user.id}`);
    expect(user.status).toBe('invited');
    expect(user.password_hash).toBeNull();
    expect(user.role).toBe('coordinator');

    const show = await session.agent.get(res.headers.location).expect(200);
    expect(show.text).toContain(`Invitation envoyée à ${email}.`);
    expect(show.text).toContain('Invité·e');

    const mails = await t.db('outbox').where({ to_address: email }).select('kind', 'subject', 'body_text');
    expect(mails).toHaveLength(1);
    expect(mails[0].kind).toBe('invitation');
    expect(mails[0].subject).toBe('Votre invitation à Jalons');
    expect(mails[0].body_text).toContain('Bonjour Nina Invitée');
    expect(mails[0].body_text).toContain('Alice Admin vous invite à rejoindre Jalons pour DLA Territoire de Belfort.');
    expect(mails[0].body_text).toMatch(/http:\/\/jalons\.test\/invitation\/[A-Za-z0-9_-]{20,}/);

    // An invited account cannot log in yet.
    expect(await loginStatus(email)).toBe(401);

    const path = await invitationPathFor(email);
    const { agent, page, res: done } = await accept(path, 'ma phrase de passe secrète');
    expect(page.text).toContain(`Bonjour Nina Invitée, choisissez le mot de passe de votre compte ${email}.`);
    expect(done.status).toBe(302);
    expect(done.headers.location).toBe('/');
    const home = await agent.get('/').expect(200);
    expect(home.text).toContain('Bonjour Nina Invitée');
    expect(home.text).toContain('Votre compte est activé. Bienvenue !');

    const after = await t.db('users').where({ id: user.id }).first('status', 'password_hash');
    expect(after.status).toBe('active');
    expect(after.password_hash).not.toBeNull();
    expect(await loginStatus(email, 'ma phrase de passe secrète')).toBe(302);

    const actions = (await t
      .db('audit_log')
      .where({ entity_type: 'user', entity_id: String(user.id) })
      .orderBy('id')
      .pluck('action')) as string[];
    expect(actions).toEqual(
      expect.arrayContaining(['user.create', 'user.invitation_sent', 'user.invitation_accepted']),
    );
    const create = await t
      .db('audit_log')
      .where({ action: 'user.create', entity_id: String(user.id) })
      .first('actor_id');
    expect(String(create.actor_id)).toBe(admin.id);

    // The link served once.
    const again = await request(t.app).get(path).expect(410);
    expect(again.text).toContain('Lien invalide ou expiré');
  });

  it('checks the password chosen on the invitation page', async () => {
    const email = uniqueEmail('pierre');
    await invite({
      name: 'Pierre Court',
      email,
      organisation_id: providerOrgId,
      role: 'provider',
      locale: 'fr',
    }).expect(302);
    const path = await invitationPathFor(email);
    const agent = request.agent(t.app);
    const page = await agent.get(path).expect(200);
    const res = await agent
      .post(path)
      .type('form')
      .send({ _csrf: csrfOf(page.text), password: 'court', confirmation: 'court' })
      .expect(422);
    expect(res.text).toContain('Le mot de passe doit faire au moins 10 caractères.');
    expect((await t.db('users').where({ email }).first('status')).status).toBe('invited');
  });

  it('resends an invitation: the old link stops working, the new one works', async () => {
    const email = uniqueEmail('renvoi');
    const res = await invite({
      name: 'Rémi Renvoi',
      email,
      organisation_id: operatorId,
      role: 'manager',
      locale: 'fr',
    }).expect(302);
    const id = res.headers.location.split('/').pop();
    const oldPath = await invitationPathFor(email);

    const page = await session.agent.get(`/users/${id}`).expect(200);
    expect(page.text).toContain('Renvoyer l’invitation');
    await session.agent.post(`/users/${id}/invitation`).type('form').send({ _csrf: session.csrf }).expect(302);
    expect(await countOf('outbox', { to_address: email, kind: 'invitation' })).toBe(2);
    const newPath = await invitationPathFor(email);
    expect(newPath).not.toBe(oldPath);

    await request(t.app).get(oldPath).expect(410);
    const { res: done } = await accept(newPath);
    expect(done.status).toBe(302);
    expect((await t.db('users').where({ email }).first('status')).status).toBe('active');
    expect(await countOf('audit_log', { action: 'user.invitation_sent', entity_id: String(id) })).toBe(2);

    // Once active, there is nothing to resend.
    await session.agent.post(`/users/${id}/invitation`).type('form').send({ _csrf: session.csrf }).expect(302);
    const show = await session.agent.get(`/users/${id}`).expect(200);
    expect(show.text).toContain('Ce compte est déjà activé : il n’y a pas d’invitation à renvoyer.');
    expect(await countOf('outbox', { to_address: email, kind: 'invitation' })).toBe(2);
  });

  it('writes an English e-mail for a person invited in English', async () => {
    const email = uniqueEmail('john');
    await invite({ name: 'John Smith', email, organisation_id: providerOrgId, role: 'provider', locale: 'en' }).expect(
      302,
    );
    const mail = await t.db('outbox').where({ to_address: email }).first('subject', 'body_text');
    expect(mail.subject).toBe('Your invitation to Jalons');
    expect(mail.body_text).toContain('Hello John Smith');
    expect(mail.body_text).toContain('Alice Admin has invited you to join Jalons for Cabinet Conseil Est.');
    expect((await t.db('users').where({ email }).first('locale')).locale).toBe('en');
  });
});

describe('invitation form errors', () => {
  async function expectRefused(fields: Record<string, string>, message: string, kept: string[]) {
    const users = await countOf('users');
    const mails = await countOf('outbox');
    const res = await invite(fields).expect(422);
    expect(res.text).toContain('Le formulaire contient des erreurs');
    expect(res.text).toContain(message);
    expect(res.text).toContain('aria-invalid="true"');
    for (const value of kept) expect(res.text).toContain(value);
    expect(await countOf('users')).toBe(users);
    expect(await countOf('outbox')).toBe(mails);
    return res;
  }

  it('refuses an invalid e-mail address', async () => {
    await expectRefused(
      { name: 'Léa Erreur', email: 'lea-at-example', organisation_id: operatorId, role: 'coordinator', locale: 'fr' },
      'Saisissez une adresse e-mail valide, par exemple nom@exemple.fr.',
      [
        'value="Léa Erreur"',
        'value="lea-at-example"',
        `<option value="${operatorId}" selected>`,
        '<option value="coordinator" selected>',
      ],
    );
  });

  it('refuses a missing name', async () => {
    const email = uniqueEmail('sans-nom');
    await expectRefused(
      { name: '   ', email, organisation_id: operatorId, role: 'coordinator', locale: 'fr' },
      'Ce champ est obligatoire.',
      [`value="${email}"`],
    );
  });

  it('refuses a role that does not exist in the organisation kind', async () => {
    const email = uniqueEmail('financeur');
    await expectRefused(
      { name: 'Fanny Financeur', email, organisation_id: operatorId, role: 'funder', locale: 'fr' },
      'Ce rôle n’existe pas dans une organisation de type « Opérateur DLA ».',
      ['value="Fanny Financeur"', `value="${email}"`, '<option value="funder" selected>'],
    );
    await expectRefused(
      { name: 'Paul Prestataire', email, organisation_id: providerOrgId, role: 'coordinator', locale: 'fr' },
      'Ce rôle n’existe pas dans une organisation de type « Prestataire ».',
      ['value="Paul Prestataire"'],
    );
  });

  it('refuses a role or an organisation that does not exist', async () => {
    const email = uniqueEmail('inconnu');
    await expectRefused(
      { name: 'Rôle Inventé', email, organisation_id: operatorId, role: 'superuser', locale: 'fr' },
      'Choisissez une valeur dans la liste.',
      ['value="Rôle Inventé"'],
    );
    await expectRefused(
      { name: 'Orga Absente', email, organisation_id: '999999999', role: 'coordinator', locale: 'fr' },
      'Ce champ est obligatoire.',
      ['value="Orga Absente"'],
    );
  });

  it('refuses an e-mail already used by another account, whatever its case', async () => {
    const existing = await createUser(t.db, { role: 'coordinator', organisation_id: operatorId });
    const typed = existing.email.toUpperCase();
    await expectRefused(
      { name: 'Double Compte', email: typed, organisation_id: operatorId, role: 'coordinator', locale: 'fr' },
      'Un compte utilise déjà cette adresse e-mail.',
      ['value="Double Compte"', `value="${typed}"`],
    );
    const created = await t
      .db('audit_log')
      .where({ action: 'user.create' })
      .whereRaw(`details->>'email' = ?`, [existing.email])
      .select('id');
    expect(created).toHaveLength(0);
  });
});

describe('who may manage accounts', () => {
  it.each(['coordinator', 'manager', 'provider'] as const)('refuses a %s with 403', async (role) => {
    const user = await createUser(t.db, { role });
    const { agent, csrf } = await loginAs(t.app, user.email);
    await agent.get('/users').expect(403);
    const page = await agent.get('/users/new').expect(403);
    expect(page.text).toContain('Accès refusé');
    const before = await countOf('users');
    const email = uniqueEmail(`par-${role}`);
    await agent
      .post('/users')
      .type('form')
      .send({ _csrf: csrf, name: 'Intrus', email, organisation_id: operatorId, role: 'admin', locale: 'fr' })
      .expect(403);
    expect(await countOf('users')).toBe(before);
    expect(await countOf('outbox', { to_address: email })).toBe(0);
    await agent.get(`/users/${admin.id}`).expect(403);
    await agent.post(`/users/${admin.id}/disable`).type('form').send({ _csrf: csrf }).expect(403);
    expect((await t.db('users').where({ id: admin.id }).first('status')).status).toBe('active');
  });
});

describe('editing, disabling and enabling an account', () => {
  it('changes the name and role of a user', async () => {
    const user = await createUser(t.db, { role: 'coordinator', organisation_id: operatorId, name: 'Ancien Nom' });
    const form = await session.agent.get(`/users/${user.id}/edit`).expect(200);
    expect(form.text).toContain('Modifier le compte');
    expect(form.text).toContain('value="Ancien Nom"');

    const res = await session.agent
      .post(`/users/${user.id}`)
      .type('form')
      .send({
        _csrf: session.csrf,
        name: 'Nouveau Nom',
        email: user.email,
        organisation_id: operatorId,
        role: 'manager',
        locale: 'fr',
        lock_version: form.text.match(/name="lock_version" value="(\d+)"/)![1],
      })
      .expect(302);
    expect(res.headers.location).toBe(`/users/${user.id}`);
    const row = await t.db('users').where({ id: user.id }).first('name', 'role', 'status');
    expect(row).toEqual({ name: 'Nouveau Nom', role: 'manager', status: 'active' });
    const show = await session.agent.get(`/users/${user.id}`).expect(200);
    expect(show.text).toContain('Compte mis à jour.');
    expect(show.text).toContain('Direction de l’opérateur');
    const audit = await t.db('audit_log').where({ action: 'user.update', entity_id: user.id }).first('details');
    expect(audit.details.before.role).toBe('coordinator');
    expect(audit.details.after.role).toBe('manager');

    // The user sees the new name at the next page.
    const { agent } = await loginAs(t.app, user.email);
    expect((await agent.get('/').expect(200)).text).toContain('Bonjour Nouveau Nom');
  });

  it('refuses an edit to a role not allowed in the organisation, keeping the input', async () => {
    const user = await createUser(t.db, {
      role: 'coordinator',
      organisation_id: operatorId,
      name: 'Reste Coordinatrice',
    });
    const res = await session.agent
      .post(`/users/${user.id}`)
      .type('form')
      .send({
        _csrf: session.csrf,
        name: 'Nom Tapé',
        email: user.email,
        organisation_id: operatorId,
        role: 'relay',
        locale: 'fr',
      })
      .expect(422);
    expect(res.text).toContain('Ce rôle n’existe pas dans une organisation de type « Opérateur DLA ».');
    expect(res.text).toContain('value="Nom Tapé"');
    expect(await t.db('users').where({ id: user.id }).first('name', 'role')).toEqual({
      name: 'Reste Coordinatrice',
      role: 'coordinator',
    });
  });

  it('disables a user, who can no longer log in, and enables them again', async () => {
    const user = await createUser(t.db, { role: 'provider', organisation_id: providerOrgId, name: 'Diane Désactivée' });
    expect(await loginStatus(user.email)).toBe(302);

    await session.agent.post(`/users/${user.id}/disable`).type('form').send({ _csrf: session.csrf }).expect(302);
    expect((await t.db('users').where({ id: user.id }).first('status')).status).toBe('disabled');
    const show = await session.agent.get(`/users/${user.id}`).expect(200);
    expect(show.text).toContain('Le compte de Diane Désactivée est désactivé.');
    expect(show.text).toContain('Réactiver le compte');
    expect(await loginStatus(user.email)).toBe(401);

    await session.agent.post(`/users/${user.id}/enable`).type('form').send({ _csrf: session.csrf }).expect(302);
    expect((await t.db('users').where({ id: user.id }).first('status')).status).toBe('active');
    expect(await loginStatus(user.email)).toBe(302);
    expect(await countOf('audit_log', { action: 'user.disable', entity_id: user.id })).toBe(1);
    expect(await countOf('audit_log', { action: 'user.enable', entity_id: user.id })).toBe(1);
  });

  it('puts a re-enabled person who never chose a password back to invited', async () => {
    const email = uniqueEmail('jamais');
    const res = await invite({
      name: 'Jamais Activé',
      email,
      organisation_id: operatorId,
      role: 'coordinator',
      locale: 'fr',
    }).expect(302);
    const id = res.headers.location.split('/').pop();
    const path = await invitationPathFor(email);
    await session.agent.post(`/users/${id}/disable`).type('form').send({ _csrf: session.csrf }).expect(302);
    await request(t.app).get(path).expect(410); // a disabled account's invitation does not open
    await session.agent.post(`/users/${id}/enable`).type('form').send({ _csrf: session.csrf }).expect(302);
    expect((await t.db('users').where({ id }).first('status')).status).toBe('invited');
  });

  it('does not let an admin disable their own account', async () => {
    const page = await session.agent.get(`/users/${admin.id}`).expect(200);
    expect(page.text).not.toContain('Désactiver le compte');
    await session.agent.post(`/users/${admin.id}/disable`).type('form').send({ _csrf: session.csrf }).expect(403);
    expect((await t.db('users').where({ id: admin.id }).first('status')).status).toBe('active');
    await session.agent.get('/users').expect(200);
  });

  it('answers 404 for ids that do not exist or are out of range', async () => {
    for (const id of ['999999999', '0', 'abc', '1e3', '99999999999999999999', '-1']) {
      const res = await session.agent.get(`/users/${id}`).expect(404);
      expect(res.text).toContain('Page introuvable');
      await session.agent.get(`/users/${id}/edit`).expect(404);
    }
    for (const action of ['disable', 'enable', 'invitation']) {
      await session.agent.post(`/users/999999999/${action}`).type('form').send({ _csrf: session.csrf }).expect(404);
      await session.agent
        .post(`/users/99999999999999999999/${action}`)
        .type('form')
        .send({ _csrf: session.csrf })
        .expect(404);
    }
    await session.agent
      .post('/users/999999999')
      .type('form')
      .send({
        _csrf: session.csrf,
        name: 'X',
        email: uniqueEmail('x'),
        organisation_id: operatorId,
        role: 'coordinator',
        locale: 'fr',
      })
      .expect(404);
  });
});
