import { systemActor } from '../../src/platform/audit';
import { translate } from '../../src/platform/i18n';
import { closeSession, reopenSession } from '../../src/sessions/lifecycle-commands';
import {
  applySessionTransition,
  SESSION_STATUSES,
  SESSION_TRANSITIONS,
  SessionEvent,
  SessionTransitionRefused,
} from '../../src/sessions/lifecycle';
import { createDeliveryCase, createSession, nextYear } from '../factories/sessions';
import { createTestApp, loginAs, TestApp } from '../support/app';
import { writtenOutside } from '../support/written-elsewhere';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

const EVENTS: SessionEvent[] = ['hold', 'plan', 'close', 'reopen'];
const fr = (key: Parameters<typeof translate>[1]) => translate('fr', key);
const log = (id: string) =>
  t
    .db('session_transitions')
    .where({ session_id: id })
    .orderBy('id')
    .select('event', 'from_status', 'to_status', 'actor_id', 'reason');

/** A move through the table in its own transaction, as a command makes it; the refusal's French message, or null. */
async function move(id: string, event: SessionEvent, opts: { reason?: string; actorId?: string | null } = {}) {
  try {
    await t.db.transaction((trx) =>
      applySessionTransition(trx, id, event, { actorId: opts.actorId ?? null, reason: opts.reason }),
    );
    return null;
  } catch (e) {
    if (e instanceof SessionTransitionRefused) return fr(e.reasonKey);
    throw e;
  }
}

describe('the session status transition table', () => {
  it('allows exactly the moves of the table from every status, refuses the others in French, and logs each move', async () => {
    const { accId } = await createDeliveryCase(t.db);
    for (const from of SESSION_STATUSES) {
      for (const event of EVENTS) {
        const id = await createSession(t.db, accId, {
          title: `${from} → ${event}`,
          status: from,
          starts_at: new Date('2016-03-16T10:00:00+01:00'),
        });
        const allowed = SESSION_TRANSITIONS.find((x) => x.from === from && x.event === event);
        const refusal = await move(id, event, { reason: 'Décision mal retranscrite' });
        const row = await t.db('sessions').where({ id }).first('status');
        if (allowed) {
          expect({ from, event, refusal }).toEqual({ from, event, refusal: null });
          expect(row.status).toBe(allowed.to);
          expect(await log(id)).toEqual([
            { event, from_status: from, to_status: allowed.to, actor_id: null, reason: 'Décision mal retranscrite' },
          ]);
        } else {
          const expected: Record<SessionEvent, string> = {
            hold: 'Ce changement de statut n’est pas possible pour cette séance.',
            plan: 'Ce changement de statut n’est pas possible pour cette séance.',
            close: 'Cette séance est déjà clôturée.',
            reopen: 'Cette séance n’est pas clôturée.',
          };
          expect({ from, event, refusal }).toEqual({ from, event, refusal: expected[event] });
          expect(row.status).toBe(from);
          expect(await log(id)).toEqual([]);
        }
      }
    }
  });

  it('refuses to close a session that has not started, and to reopen without a reason; nothing moves, nothing is logged', async () => {
    const { accId } = await createDeliveryCase(t.db);
    const future = await createSession(t.db, accId, {
      title: 'Comité à venir',
      status: 'planned',
      starts_at: new Date(`${nextYear()}-03-16T10:00:00+01:00`),
    });
    expect(await move(future, 'close')).toBe('Une séance qui n’a pas encore commencé ne peut pas être clôturée.');
    const closed = await createSession(t.db, accId, {
      title: 'Comité clôturé',
      status: 'closed',
      starts_at: new Date('2016-03-16T10:00:00+01:00'),
    });
    expect(await move(closed, 'reopen', { reason: '   ' })).toBe('Indiquez le motif de la réouverture.');
    expect(
      (await t.db('sessions').whereIn('id', [future, closed]).orderBy('id').select('status')).map((r) => r.status),
    ).toEqual(['planned', 'closed']);
    expect(await t.db('session_transitions').whereIn('session_id', [future, closed])).toEqual([]);
  });

  it('closes and reopens through the commands, callable without a request (a job, the CLI)', async () => {
    const { accId, coordinator } = await createDeliveryCase(t.db);
    const id = await createSession(t.db, accId, {
      title: 'Entretien',
      status: 'held',
      starts_at: new Date('2016-03-16T10:00:00+01:00'),
    });
    const s = { id, accompaniment_id: accId };
    await t.deps.write(systemActor('test'), (w) => closeSession(w, s, coordinator.id));
    await t.deps.write(systemActor('test'), (w) =>
      reopenSession(w, s, coordinator.id, 'Une décision a été mal retranscrite.'),
    );
    expect((await t.db('sessions').where({ id }).first('status')).status).toBe('held');
    expect(await log(id)).toEqual([
      { event: 'close', from_status: 'held', to_status: 'closed', actor_id: coordinator.id, reason: null },
      {
        event: 'reopen',
        from_status: 'closed',
        to_status: 'held',
        actor_id: coordinator.id,
        reason: 'Une décision a été mal retranscrite.',
      },
    ]);
    expect(
      (await t.db('audit_log').where({ entity_type: 'session', entity_id: id }).orderBy('id').select('action')).map(
        (a) => a.action,
      ),
    ).toEqual(['session.close', 'session.reopen']);
  });
});

describe('a session’s status as a coordinator moves it', () => {
  it('logs its creation, planned ⇄ held from the form, closing, the refusals said on the page, and reopening with its reason', async () => {
    const { accId, coordinator } = await createDeliveryCase(t.db);
    const { agent, csrf } = await loginAs(t.app, coordinator.email);
    const form = (overrides: Record<string, string>) => ({
      _csrf: csrf,
      type: 'interview',
      title: 'Entretien avec la direction',
      date: '2016-03-16',
      start_time: '10:00',
      days_consumed: '0,5',
      ...overrides,
    });
    const created = await agent.post(`/accompaniments/${accId}/sessions`).type('form').send(form({})).expect(302);
    const id = created.headers.location.split('/').pop()!;
    const version = async () => String((await t.db('sessions').where({ id }).first('lock_version')).lock_version);

    await agent
      .post(`/sessions/${id}`)
      .type('form')
      .send(form({ status: 'held', lock_version: await version() }))
      .expect(302);
    await agent
      .post(`/sessions/${id}`)
      .type('form')
      .send(form({ status: 'planned', lock_version: await version() }))
      .expect(302);
    // Saving without changing the status is no move.
    await agent
      .post(`/sessions/${id}`)
      .type('form')
      .send(form({ status: 'planned', title: 'Entretien (DG)', lock_version: await version() }))
      .expect(302);
    // Minutes saved for the first time mean the meeting took place.
    await agent
      .post(`/sessions/${id}`)
      .type('form')
      .send(form({ status: 'planned', minutes: 'Tour des structures.', lock_version: await version() }))
      .expect(302);
    await agent.post(`/sessions/${id}/close`).type('form').send({ _csrf: csrf }).expect(302);
    await agent.post(`/sessions/${id}/close`).type('form').send({ _csrf: csrf }).expect(302);
    expect((await agent.get(`/sessions/${id}`).expect(200)).text).toContain('Cette séance est déjà clôturée.');

    const noReason = await agent
      .post(`/sessions/${id}/reopen`)
      .type('form')
      .send({ _csrf: csrf, reason: '' })
      .expect(422);
    expect(noReason.text).toMatch(/id="field-reason-error">Ce champ est obligatoire.</);
    await agent
      .post(`/sessions/${id}/reopen`)
      .type('form')
      .send({ _csrf: csrf, reason: 'Une décision a été mal retranscrite.' })
      .expect(302);
    await agent.post(`/sessions/${id}/reopen`).type('form').send({ _csrf: csrf, reason: 'Encore' }).expect(302);
    expect((await agent.get(`/sessions/${id}`).expect(200)).text).toContain('Cette séance n’est pas clôturée.');

    const c = coordinator.id;
    expect(await log(id)).toEqual([
      { event: 'create', from_status: null, to_status: 'planned', actor_id: c, reason: null },
      { event: 'hold', from_status: 'planned', to_status: 'held', actor_id: c, reason: null },
      { event: 'plan', from_status: 'held', to_status: 'planned', actor_id: c, reason: null },
      { event: 'hold', from_status: 'planned', to_status: 'held', actor_id: c, reason: null },
      { event: 'close', from_status: 'held', to_status: 'closed', actor_id: c, reason: null },
      {
        event: 'reopen',
        from_status: 'closed',
        to_status: 'held',
        actor_id: c,
        reason: 'Une décision a été mal retranscrite.',
      },
    ]);

    // A session not started yet: the close button is refused, said on the page, and nothing moves.
    const later = await agent
      .post(`/accompaniments/${accId}/sessions`)
      .type('form')
      .send(form({ date: `${nextYear()}-03-16`, minutes: 'Ordre du jour préparé.' }))
      .expect(302);
    const laterId = later.headers.location.split('/').pop()!;
    await agent.post(`/sessions/${laterId}/close`).type('form').send({ _csrf: csrf }).expect(302);
    expect((await agent.get(`/sessions/${laterId}`).expect(200)).text).toContain(
      'Une séance qui n’a pas encore commencé ne peut pas être clôturée.',
    );
    expect(await log(laterId)).toEqual([
      { event: 'create', from_status: null, to_status: 'held', actor_id: c, reason: null },
    ]);
  });
});

describe('one place for a session’s status', () => {
  it('no statement on the sessions table outside lifecycle.ts writes a status', () => {
    expect(writtenOutside('sessions/lifecycle.ts', /\('sessions'\)[^;]*?\bstatus:/g)).toEqual([]);
  });
});
