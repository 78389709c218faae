import request from 'supertest';
import { localToday } from '../../src/platform/dates';
import { translate } from '../../src/platform/i18n';
import {
  applyUserTransition,
  findUserTransition,
  USER_EVENTS,
  USER_STATUSES,
  USER_TRANSITIONS,
  type UserEvent,
  UserStatusRefused,
} from '../../src/users/lifecycle';
import { createOrganisation, createUser } from '../factories';
import { createTestApp, csrfOf, loginAs, TestApp } from '../support/app';
import { writtenOutside } from '../support/written-elsewhere';

// The account's status table (src/users/lifecycle.ts): every status × event pair (with and without
// a password chosen), the log written by a real invite → accept → disable → enable, and no status
// written anywhere else.
let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

type Outcome = Record<UserEvent, string | null>;
/** Where each event takes an account from each status, with a password chosen and without; null when refused. */
const EXPECTED: Record<string, { withPassword: Outcome; without: Outcome }> = {
  invited: {
    withPassword: { accept: 'active', reset_password: null, disable: 'disabled', enable: null },
    without: { accept: 'active', reset_password: null, disable: 'disabled', enable: null },
  },
  active: {
    withPassword: { accept: null, reset_password: 'active', disable: 'disabled', enable: null },
    without: { accept: null, reset_password: 'active', disable: 'disabled', enable: null },
  },
  disabled: {
    withPassword: { accept: null, reset_password: null, disable: null, enable: 'active' },
    without: { accept: null, reset_password: null, disable: null, enable: 'invited' },
  },
};

const REFUSAL: Record<UserEvent, string> = {
  accept: 'users.refused.accept',
  reset_password: 'users.refused.resetPassword',
  disable: 'users.refused.disable',
  enable: 'users.refused.enable',
};

describe('the account status table', () => {
  it('knows the statuses of the check constraint and the move of each status × event pair', () => {
    expect([...USER_STATUSES].sort()).toEqual(Object.keys(EXPECTED).sort());
    for (const status of USER_STATUSES)
      for (const event of USER_EVENTS)
        for (const hasPassword of [true, false])
          expect([status, event, hasPassword, findUserTransition(status, event, { hasPassword })?.to ?? null]).toEqual([
            status,
            event,
            hasPassword,
            EXPECTED[status][hasPassword ? 'withPassword' : 'without'][event],
          ]);
    for (const m of USER_TRANSITIONS) expect(USER_STATUSES).toContain(m.to);
  });

  it('moves a stored account (and logs it) or refuses in French, for every status × event pair', async () => {
    const admin = await createUser(t.db, { role: 'admin' });
    for (const status of USER_STATUSES)
      for (const hasPassword of [true, false])
        for (const event of USER_EVENTS) {
          const user = await createUser(t.db, { status });
          await t
            .db('users')
            .where({ id: user.id })
            .update({ password_hash: hasPassword ? 'x' : null });
          let outcome: string;
          try {
            await t.db.transaction((trx) => applyUserTransition(trx, user.id, event, admin.id));
            outcome = (await t.db('users').where({ id: user.id }).first('status')).status;
          } catch (err) {
            if (!(err instanceof UserStatusRefused)) throw err;
            expect(err.reasonKey).toBe(REFUSAL[event]);
            expect(translate('fr', err.reasonKey)).not.toBe(err.reasonKey);
            outcome = 'refused';
          }
          const log = await t
            .db('user_transitions')
            .where({ user_id: user.id })
            .select('event', 'from_status', 'to_status');
          const expected = EXPECTED[status][hasPassword ? 'withPassword' : 'without'][event];
          expect([status, hasPassword, event, outcome]).toEqual([status, hasPassword, event, expected ?? 'refused']);
          expect(log).toEqual(expected ? [{ event, from_status: status, to_status: expected }] : []);
        }
    // An account that does not exist is refused.
    await expect(
      t.db.transaction((trx) => applyUserTransition(trx, '999999999', 'disable', admin.id)),
    ).rejects.toBeInstanceOf(UserStatusRefused);
  });

  it('logs a real invite → accept → disable → enable, from null, with who and the day', async () => {
    const operator = await createOrganisation(t.db, { kind: 'operator' });
    const admin = await createUser(t.db, { role: 'admin', organisation_id: operator.id });
    const s = await loginAs(t.app, admin.email);
    const email = `lea-${Date.now().toString(36)}@example.test`;
    const res = await s.agent
      .post('/users')
      .type('form')
      .send({
        _csrf: s.csrf,
        name: 'Léa Cycle',
        email,
        organisation_id: operator.id,
        role: 'coordinator',
        locale: 'fr',
      })
      .expect(302);
    const id = res.headers.location.split('/').pop() as string;
    const mail = await t.db('outbox').where({ to_address: email, kind: 'invitation' }).first('body_text');
    const path = String(mail.body_text).match(/http:\/\/jalons\.test(\/invitation\/[A-Za-z0-9_-]+)/)![1];
    const agent = request.agent(t.app);
    const page = await agent.get(path).expect(200);
    const password = 'ma phrase de passe secrète';
    await agent
      .post(path)
      .type('form')
      .send({ _csrf: csrfOf(page.text), password, confirmation: password })
      .expect(302);

    await s.agent.post(`/users/${id}/disable`).type('form').send({ _csrf: s.csrf }).expect(302);
    // Disabling twice is refused in French, and changes nothing.
    await s.agent.post(`/users/${id}/disable`).type('form').send({ _csrf: s.csrf }).expect(302);
    expect((await s.agent.get(`/users/${id}`).expect(200)).text).toContain('Ce compte est déjà désactivé.');
    await s.agent.post(`/users/${id}/enable`).type('form').send({ _csrf: s.csrf }).expect(302);
    // Enabling an active account is refused too.
    await s.agent.post(`/users/${id}/enable`).type('form').send({ _csrf: s.csrf }).expect(302);
    expect((await s.agent.get(`/users/${id}`).expect(200)).text).toContain(
      'Ce compte n’est pas désactivé : il n’y a rien à réactiver.',
    );
    expect((await t.db('users').where({ id }).first('status')).status).toBe('active');

    const log = await t
      .db('user_transitions')
      .where({ user_id: id })
      .orderBy('id')
      .select('event', 'from_status', 'to_status', 'happened_on', 'actor_id');
    const line = (event: string, from: string | null, to: string, actor: string) => ({
      event,
      from_status: from,
      to_status: to,
      happened_on: localToday(),
      actor_id: actor,
    });
    expect(log.map((l) => ({ ...l, actor_id: String(l.actor_id) }))).toEqual([
      line('invite', null, 'invited', admin.id),
      line('accept', 'invited', 'active', id),
      line('disable', 'active', 'disabled', admin.id),
      line('enable', 'disabled', 'active', admin.id),
    ]);
  });
});

describe('one place for an account’s status', () => {
  it('no insert or update of users outside users/lifecycle.ts writes a status (reads may filter on it)', () => {
    expect(writtenOutside('users/lifecycle.ts', /\('users'\)[^;]*?\.(?:update|insert)\([^;]*?\bstatus\b/g)).toEqual([]);
  });
});
