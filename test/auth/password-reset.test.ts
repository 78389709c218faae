import request from 'supertest';
import { createUser } from '../factories';
import { anonymousAgent, createTestApp, csrfOf, loginAs, TestApp, TEST_PASSWORD } from '../support/app';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

const NEW_PASSWORD = 'une phrase neuve et longue';

async function askForLink(email: string) {
  const agent = request.agent(t.app);
  const page = await agent.get('/password/forgot').expect(200);
  expect(page.text).toContain('Mot de passe oublié');
  return agent
    .post('/password/forgot')
    .type('form')
    .send({ _csrf: csrfOf(page.text), email });
}

/** The path of the reset link in the last e-mail sent to this address. */
async function resetPathFor(email: string) {
  const mail = await t
    .db('outbox')
    .where({ to_address: email, kind: 'password_reset' })
    .orderBy('id', 'desc')
    .first('body_text');
  expect(mail).toBeDefined();
  const m = String(mail.body_text).match(/http:\/\/jalons\.test(\/password\/reset\/[A-Za-z0-9_-]+)/);
  expect(m).not.toBeNull();
  return m![1];
}

/** Opens the link in a fresh browser and posts the form. */
async function submitReset(path: string, password: string, confirmation = password) {
  const agent = request.agent(t.app);
  const page = await agent.get(path).expect(200);
  const res = await agent
    .post(path)
    .type('form')
    .send({ _csrf: csrfOf(page.text), password, confirmation });
  return { agent, res };
}

async function loginStatus(email: string, password: string) {
  const { agent, csrf } = await anonymousAgent(t.app);
  const res = await agent.post('/login').type('form').send({ _csrf: csrf, email, password });
  return res.status;
}

describe('forgotten password', () => {
  it('answers the same neutral page for known and unknown e-mails, and mails only the known active one', async () => {
    const user = await createUser(t.db, { name: 'Claire Oubli' });
    const known = await askForLink(user.email);
    expect(known.status).toBe(200);
    expect(known.text).toContain(
      `Si un compte existe pour ${user.email}, un e-mail avec un lien valable une heure vient de lui être envoyé.`,
    );

    const unknownEmail = 'personne@inconnu.test';
    const unknown = await askForLink(unknownEmail);
    expect(unknown.status).toBe(200);
    expect(unknown.text).toContain(
      `Si un compte existe pour ${unknownEmail}, un e-mail avec un lien valable une heure vient de lui être envoyé.`,
    );
    // Apart from the address typed, nothing tells the two answers apart.
    const page = (html: string, email: string) =>
      html
        .split(email)
        .join('EMAIL')
        .replace(/name="_csrf" value="[^"]+"/g, '')
        .replace(/<code>[0-9a-f-]{36}<\/code>/g, ''); // request id
    expect(page(unknown.text, unknownEmail)).toBe(page(known.text, user.email));

    const mails = await t
      .db('outbox')
      .where({ to_address: user.email })
      .select('kind', 'subject', 'status', 'body_text');
    expect(mails).toHaveLength(1);
    expect(mails[0].kind).toBe('password_reset');
    expect(mails[0].subject).toBe('Réinitialisation de votre mot de passe Jalons');
    expect(mails[0].status).toBe('pending');
    expect(mails[0].body_text).toContain('Bonjour Claire Oubli');
    expect(await t.db('outbox').where({ to_address: unknownEmail }).select('id')).toHaveLength(0);
    const audit = await t
      .db('audit_log')
      .where({ action: 'user.password_reset_requested', entity_id: user.id })
      .select('id');
    expect(audit).toHaveLength(1);
  });

  it('sends nothing to an account that is disabled or not yet activated', async () => {
    const disabled = await createUser(t.db, { status: 'disabled' });
    const res = await askForLink(disabled.email);
    expect(res.status).toBe(200);
    expect(res.text).toContain(`Si un compte existe pour ${disabled.email}`);
    expect(await t.db('outbox').where({ to_address: disabled.email }).select('id')).toHaveLength(0);
  });

  it('refuses an invalid e-mail with a French message and keeps what was typed', async () => {
    const before = await t.db('outbox').count<{ count: string }[]>('* as count');
    const res = await askForLink('pas-une-adresse');
    expect(res.status).toBe(422);
    expect(res.text).toContain('Saisissez une adresse e-mail valide, par exemple nom@exemple.fr.');
    expect(res.text).toContain('value="pas-une-adresse"');
    expect(res.text).toContain('aria-invalid="true"');
    expect(res.text).not.toContain('Si un compte existe');
    const after = await t.db('outbox').count<{ count: string }[]>('* as count');
    expect(after[0].count).toBe(before[0].count);
  });

  it('lets the owner of the link choose a new password once, with French errors on the way', async () => {
    const user = await createUser(t.db, { name: 'Marc Nouveau' });
    expect((await askForLink(user.email)).status).toBe(200);
    const path = await resetPathFor(user.email);

    const agent = request.agent(t.app);
    const page = await agent.get(path).expect(200);
    expect(page.text).toContain('Choisir un nouveau mot de passe');
    expect(page.text).toContain(`Nouveau mot de passe pour le compte ${user.email}.`);
    const csrf = csrfOf(page.text);

    const short = await agent
      .post(path)
      .type('form')
      .send({ _csrf: csrf, password: 'court', confirmation: 'court' })
      .expect(422);
    expect(short.text).toContain('Le mot de passe doit faire au moins 10 caractères.');
    expect(short.text).not.toContain('value="court"');

    const mismatch = await agent
      .post(path)
      .type('form')
      .send({ _csrf: csrf, password: NEW_PASSWORD, confirmation: 'une autre phrase longue' })
      .expect(422);
    expect(mismatch.text).toContain('Les deux mots de passe ne sont pas identiques.');

    // Errors change nothing: the old password still works.
    expect(await loginStatus(user.email, TEST_PASSWORD)).toBe(302);

    const done = await agent
      .post(path)
      .type('form')
      .send({ _csrf: csrf, password: NEW_PASSWORD, confirmation: NEW_PASSWORD })
      .expect(302);
    expect(done.headers.location).toBe('/');
    const home = await agent.get('/').expect(200);
    expect(home.text).toContain('Bonjour Marc Nouveau');
    expect(home.text).toContain('Votre mot de passe est modifié. Vous êtes connecté·e.');

    expect(await loginStatus(user.email, TEST_PASSWORD)).toBe(401);
    expect(await loginStatus(user.email, NEW_PASSWORD)).toBe(302);
    const audit = await t.db('audit_log').where({ action: 'user.password_reset', entity_id: user.id }).select('id');
    expect(audit).toHaveLength(1);

    // The link has served: opening or posting it again is refused.
    const reopened = await request(t.app).get(path).expect(410);
    expect(reopened.text).toContain('Lien invalide ou expiré');
    expect(reopened.text).toContain('Ce lien de réinitialisation a déjà servi ou a expiré.');
    const anon = request.agent(t.app);
    const login = await anon.get('/login').expect(200);
    await anon
      .post(path)
      .type('form')
      .send({ _csrf: csrfOf(login.text), password: 'encore une autre phrase', confirmation: 'encore une autre phrase' })
      .expect(410);
    expect(await loginStatus(user.email, NEW_PASSWORD)).toBe(302);
  });

  it('refuses an expired link', async () => {
    const user = await createUser(t.db);
    expect((await askForLink(user.email)).status).toBe(200);
    const path = await resetPathFor(user.email);
    const agent = request.agent(t.app);
    const page = await agent.get(path).expect(200);
    await t
      .db('auth_tokens')
      .where({ user_id: user.id, purpose: 'reset' })
      .update({ expires_at: t.db.raw(`now() - interval '1 minute'`) });

    const res = await agent.get(path).expect(410);
    expect(res.text).toContain('Lien invalide ou expiré');
    await agent
      .post(path)
      .type('form')
      .send({ _csrf: csrfOf(page.text), password: NEW_PASSWORD, confirmation: NEW_PASSWORD })
      .expect(410);
    expect(await loginStatus(user.email, TEST_PASSWORD)).toBe(302);
    expect(await loginStatus(user.email, NEW_PASSWORD)).toBe(401);
  });

  it('refuses a made-up link', async () => {
    const res = await request(t.app)
      .get(`/password/reset/${'a'.repeat(43)}`)
      .expect(410);
    expect(res.text).toContain('Lien invalide ou expiré');
    await request(t.app).get('/password/reset/court').expect(410);
  });

  it('closes the other open sessions of the user once the password is changed', async () => {
    const user = await createUser(t.db);
    const elsewhere = await loginAs(t.app, user.email);
    await elsewhere.agent.get('/').expect(200);

    expect((await askForLink(user.email)).status).toBe(200);
    const { agent, res } = await submitReset(await resetPathFor(user.email), NEW_PASSWORD);
    expect(res.status).toBe(302);

    await agent.get('/').expect(200); // the browser that reset stays signed in
    const old = await elsewhere.agent.get('/').expect(302);
    expect(old.headers.location).toMatch(/^\/login/);
  });
});
