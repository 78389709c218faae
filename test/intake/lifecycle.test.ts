import { recordOutcome, reopenIntakeRequest } from '../../src/intake/commands';
import {
  applyIntakeTransition,
  INTAKE_STATUSES,
  INTAKE_TRANSITIONS,
  IntakeEvent,
  IntakeTransitionRefused,
} from '../../src/intake/lifecycle';
import { systemActor } from '../../src/platform/audit';
import { DateRefused } from '../../src/platform/dates';
import { translate } from '../../src/platform/i18n';
import { createTestApp, loginAs, TestApp } from '../support/app';
import { createIntakeRow, intakeWorld } from './helpers';
import { createStructure } from '../factories/structures';
import { writtenOutside } from '../support/written-elsewhere';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

const EVENTS: IntakeEvent[] = [
  'open_diagnostic',
  'orient',
  'declare_not_eligible',
  'close_without_follow_up',
  'reopen',
];
const fr = (key: Parameters<typeof translate>[1], params?: Parameters<typeof translate>[2]) =>
  translate('fr', key, params);
const log = (id: string) =>
  t
    .db('intake_request_transitions')
    .where({ intake_request_id: id })
    .whereNot({ event: 'create' })
    .orderBy('id')
    .select('event', 'from_status', 'to_status', 'happened_on', 'partner', 'reason');

/** A move through the table in its own transaction; the refusal's French message, or null. */
async function move(id: string, event: IntakeEvent, on = '2015-10-01') {
  try {
    await t.db.transaction((trx) =>
      applyIntakeTransition(trx, id, event, {
        actorId: null,
        on,
        dateField: 'on',
        reason: 'Motif',
        partner: 'France Active',
      }),
    );
    return null;
  } catch (e) {
    if (e instanceof IntakeTransitionRefused) return fr(e.reasonKey);
    if (e instanceof DateRefused) return fr(e.key, e.params);
    throw e;
  }
}

describe('the intake request transition table', () => {
  it('allows exactly the moves of the table from every status, refuses the others in French, and logs each move', async () => {
    const w = await intakeWorld(t.db);
    for (const from of INTAKE_STATUSES) {
      for (const event of EVENTS) {
        const structure = await createStructure(t.db);
        const r = await createIntakeRow(
          t.db,
          { ...w, structure },
          {
            status: from,
            outcome_on: from === 'received' ? null : '2015-09-20',
          },
        );
        const allowed = INTAKE_TRANSITIONS.find((x) => x.from === from && x.event === event);
        const refusal = await move(r.id, event);
        const row = await t.db('intake_requests').where({ id: r.id }).first('status', 'outcome_on', 'outcome_partner');
        // Going back from a diagnostic is refused by its guard: a parcours came of it.
        if (allowed && from !== 'diagnostic') {
          expect({ from, event, refusal }).toEqual({ from, event, refusal: null });
          expect(row.status).toBe(allowed.to);
          expect(await log(r.id)).toEqual([
            {
              event,
              from_status: from,
              to_status: allowed.to,
              happened_on: '2015-10-01',
              partner: event === 'orient' ? 'France Active' : null,
              reason: 'Motif',
            },
          ]);
          expect(row.outcome_on).toBe(allowed.to === 'received' ? null : '2015-10-01');
          expect(row.outcome_partner).toBe(event === 'orient' ? 'France Active' : null);
        } else {
          const expected =
            from === 'diagnostic' && event === 'reopen'
              ? 'Un parcours est issu de cette demande : elle ne peut plus être rouverte, la suite se gère dans le parcours.'
              : event === 'reopen'
                ? 'Cette demande attend encore sa réponse : il n’y a rien à rouvrir.'
                : 'Cette demande a déjà reçu une suite.';
          expect({ from, event, refusal }).toEqual({ from, event, refusal: expected });
          expect(row.status).toBe(from);
          expect(await log(r.id)).toEqual([]);
        }
      }
    }
  });

  it('refuses a day in the future, before the request was received, or a reopening before its outcome; a missing partner or reason', async () => {
    const w = await intakeWorld(t.db);
    const r = await createIntakeRow(t.db, w, { received_on: '2015-09-14' });
    const nextYear = `${new Date().getFullYear() + 1}-01-10`;
    expect(await move(r.id, 'close_without_follow_up', nextYear)).toBe(fr('validation.dateFuture'));
    expect(await move(r.id, 'close_without_follow_up', '2015-09-13')).toBe(
      'Cette date précède la réception de la demande (2015-09-14).',
    );
    const noPartner = await t.db
      .transaction((trx) =>
        applyIntakeTransition(trx, r.id, 'orient', { actorId: null, on: '2015-09-20', dateField: 'on', reason: 'x' }),
      )
      .catch((e: IntakeTransitionRefused) => e);
    expect(noPartner).toMatchObject({ reasonKey: 'intake.outcome.partnerRequired', part: 'partner' });
    const noReason = await t.db
      .transaction((trx) =>
        applyIntakeTransition(trx, r.id, 'declare_not_eligible', {
          actorId: null,
          on: '2015-09-20',
          dateField: 'on',
          reason: '  ',
        }),
      )
      .catch((e: IntakeTransitionRefused) => e);
    expect(noReason).toMatchObject({ reasonKey: 'intake.outcome.reasonRequired', part: 'reason' });
    expect(await log(r.id)).toEqual([]);

    expect(await move(r.id, 'declare_not_eligible', '2015-09-20')).toBeNull();
    expect(await move(r.id, 'reopen', '2015-09-19')).toBe(
      'Cette date précède la suite donnée à la demande (2015-09-20).',
    );
    expect((await t.db('intake_requests').where({ id: r.id }).first('status')).status).toBe('not_eligible');
  });

  it('gives outcomes and reopens through the commands, callable without a request (a job, the CLI)', async () => {
    const w = await intakeWorld(t.db);
    const r = await createIntakeRow(t.db, w);
    const loaded = {
      id: r.id,
      operator_id: w.operator.id,
      organisation_id: w.structure.id,
      owner_id: w.coordinator.id,
    };
    const none = await t.deps.write(systemActor('test'), (wc) =>
      recordOutcome(
        wc,
        loaded,
        { outcome: 'no_follow_up', outcome_on: '2015-09-20', outcome_partner: null, outcome_reason: 'Injoignable' },
        w.coordinator.id,
      ),
    );
    expect(none).toBeNull();
    await t.deps.write(systemActor('test'), (wc) =>
      reopenIntakeRequest(wc, loaded, { reopened_on: '2015-09-25', reopen_reason: 'Elle a rappelé' }, w.coordinator.id),
    );
    const pathwayId = await t.deps.write(systemActor('test'), (wc) =>
      recordOutcome(
        wc,
        loaded,
        { outcome: 'diagnostic', outcome_on: '2015-10-02', outcome_partner: null, outcome_reason: null },
        w.coordinator.id,
      ),
    );
    expect(await t.db('pathways').where({ id: pathwayId }).first()).toMatchObject({
      operator_id: w.operator.id,
      organisation_id: w.structure.id,
      intake_request_id: r.id,
      coordinator_id: w.coordinator.id,
      opened_on: '2015-10-02',
      status: 'open',
    });
    expect(
      await t.db('audit_log').where({ entity_type: 'intake_request', entity_id: r.id }).orderBy('id').pluck('action'),
    ).toEqual(['intake_request.outcome', 'intake_request.reopen', 'intake_request.outcome']);
  });
});

describe('a request’s outcome as a coordinator gives it', () => {
  it('orients, refuses bad input next to the field (422), reopens with a reason, then opens the diagnostic and its parcours', async () => {
    const w = await intakeWorld(t.db);
    const r = await createIntakeRow(t.db, w, { received_on: '2015-09-14' });
    const { agent, csrf } = await loginAs(t.app, w.coordinator.email);
    const outcome = (body: Record<string, string>) =>
      agent
        .post(`/intake/${r.id}/outcome`)
        .type('form')
        .send({ _csrf: csrf, ...body });

    const noPartner = await outcome({
      outcome: 'oriented',
      outcome_on: '2015-09-21',
      outcome_reason: 'Besoin de financement',
    }).expect(422);
    expect(noPartner.text).toMatch(
      /id="field-outcome_partner-error">Indiquez le partenaire vers lequel la structure est orientée.</,
    );
    expect(noPartner.text).toContain('Besoin de financement');
    const before = await outcome({
      outcome: 'oriented',
      outcome_on: '2015-09-01',
      outcome_partner: 'France Active Franche-Comté',
      outcome_reason: 'Besoin de financement',
    }).expect(422);
    expect(before.text).toMatch(
      /id="field-outcome_on-error">Cette date précède la réception de la demande \(14 septembre 2015\).</,
    );
    expect(before.text).toContain('value="France Active Franche-Comté"');
    const future = await outcome({
      outcome: 'no_follow_up',
      outcome_on: `${new Date().getFullYear() + 1}-02-01`,
      outcome_reason: 'Injoignable',
    }).expect(422);
    expect(future.text).toMatch(/id="field-outcome_on-error">Cette date est dans le futur/);
    const noReason = await outcome({ outcome: 'not_eligible', outcome_on: '2015-09-21' }).expect(422);
    expect(noReason.text).toMatch(/id="field-outcome_reason-error">Indiquez le motif.</);
    expect((await t.db('intake_requests').where({ id: r.id }).first('status')).status).toBe('received');

    await outcome({
      outcome: 'oriented',
      outcome_on: '2015-09-21',
      outcome_partner: 'France Active Franche-Comté',
      outcome_reason: 'Besoin de financement avant tout',
    })
      .expect(302)
      .expect('Location', `/intake/${r.id}`);
    const oriented = await agent.get(`/intake/${r.id}`).expect(200);
    expect(oriented.text).toContain('La structure est orientée vers le partenaire.');
    expect(oriented.text).toContain('France Active Franche-Comté');
    expect(oriented.text).toContain('Revenir sur cette suite');
    // Answered: a second outcome is refused, said on the page.
    const again = await outcome({ outcome: 'no_follow_up', outcome_on: '2015-09-22', outcome_reason: 'x' }).expect(422);
    expect(again.text).toContain('Cette demande a déjà reçu une suite.');

    const reopen = (body: Record<string, string>) =>
      agent
        .post(`/intake/${r.id}/reopen`)
        .type('form')
        .send({ _csrf: csrf, ...body });
    const noWhy = await reopen({ reopened_on: '2015-09-25', reopen_reason: '' }).expect(422);
    expect(noWhy.text).toMatch(/id="field-reopen_reason-error">Ce champ est obligatoire.</);
    await reopen({
      reopened_on: '2015-09-25',
      reopen_reason: 'France Active a renvoyé la structure vers le DLA.',
    }).expect(302);
    expect(await t.db('intake_requests').where({ id: r.id }).first('status', 'outcome_on', 'outcome_partner')).toEqual({
      status: 'received',
      outcome_on: null,
      outcome_partner: null,
    });

    const diagnostic = await outcome({ outcome: 'diagnostic', outcome_on: '2015-10-05' }).expect(302);
    const pathway = await t
      .db('pathways')
      .where({ operator_id: w.operator.id, organisation_id: w.structure.id })
      .first();
    expect(diagnostic.headers.location).toBe(`/pathways/${pathway.id}`);
    expect(pathway).toMatchObject({
      intake_request_id: r.id,
      opened_on: '2015-10-05',
      coordinator_id: w.coordinator.id,
    });
    const show = await agent.get(`/intake/${r.id}`).expect(200);
    expect(show.text).toContain(`href="/pathways/${pathway.id}"`);
    expect(show.text).toContain('la suite se gère désormais dans le parcours');
    expect(show.text).not.toContain('Revenir sur cette suite');
    const refused = await reopen({ reopened_on: '2015-10-06', reopen_reason: 'Erreur' }).expect(422);
    expect(refused.text).toContain('Un parcours est issu de cette demande');

    const c = w.coordinator.id;
    expect(
      await t
        .db('intake_request_transitions')
        .where({ intake_request_id: r.id })
        .orderBy('id')
        .select('event', 'from_status', 'to_status', 'happened_on', 'actor_id', 'partner', 'reason'),
    ).toEqual([
      {
        event: 'create',
        from_status: null,
        to_status: 'received',
        happened_on: '2015-09-14',
        actor_id: null,
        partner: null,
        reason: null,
      },
      {
        event: 'orient',
        from_status: 'received',
        to_status: 'oriented',
        happened_on: '2015-09-21',
        actor_id: c,
        partner: 'France Active Franche-Comté',
        reason: 'Besoin de financement avant tout',
      },
      {
        event: 'reopen',
        from_status: 'oriented',
        to_status: 'received',
        happened_on: '2015-09-25',
        actor_id: c,
        partner: null,
        reason: 'France Active a renvoyé la structure vers le DLA.',
      },
      {
        event: 'open_diagnostic',
        from_status: 'received',
        to_status: 'diagnostic',
        happened_on: '2015-10-05',
        actor_id: c,
        partner: null,
        reason: null,
      },
    ]);
    // The history keeps the orientation undone.
    expect(show.text).toContain('Orientée vers un partenaire');
    expect(show.text).toContain('Rouverte');
  });

  it('records « non éligible » and « sans suite » with their reason', async () => {
    const w = await intakeWorld(t.db);
    const { agent, csrf } = await loginAs(t.app, w.manager.email);
    for (const [outcome, text] of [
      ['not_eligible', 'La demande est enregistrée comme non éligible.'],
      ['no_follow_up', 'La demande est classée sans suite.'],
    ]) {
      const structure = await createStructure(t.db);
      const r = await createIntakeRow(t.db, { ...w, structure });
      await agent
        .post(`/intake/${r.id}/outcome`)
        .type('form')
        .send({ _csrf: csrf, outcome, outcome_on: '2015-09-30', outcome_reason: 'Structure sans salarié' })
        .expect(302)
        .expect('Location', `/intake/${r.id}`);
      const page = await agent.get(`/intake/${r.id}`).expect(200);
      expect(page.text).toContain(text);
      expect(page.text).toContain('Structure sans salarié');
      expect(await t.db('intake_requests').where({ id: r.id }).first('status', 'outcome_on', 'outcome_reason')).toEqual(
        {
          status: outcome,
          outcome_on: '2015-09-30',
          outcome_reason: 'Structure sans salarié',
        },
      );
    }
  });
});

describe('reopening beside a parcours', () => {
  it('reopens an orientation of a structure whose parcours came of another request, not one whose parcours came of it', async () => {
    const w = await intakeWorld(t.db);
    const older = await createIntakeRow(t.db, w, {
      received_on: '2014-03-01',
      status: 'diagnostic',
      outcome_on: '2014-03-10',
    });
    await t.db('pathways').insert({
      operator_id: w.operator.id,
      organisation_id: w.structure.id,
      intake_request_id: older.id,
      opened_on: '2014-03-10',
    });
    const r = await createIntakeRow(t.db, w, {
      received_on: '2015-09-14',
      status: 'oriented',
      outcome_on: '2015-09-20',
    });
    const { agent, csrf } = await loginAs(t.app, w.coordinator.email);
    expect((await agent.get(`/intake/${r.id}`).expect(200)).text).toContain('Revenir sur cette suite');
    await agent
      .post(`/intake/${r.id}/reopen`)
      .type('form')
      .send({ _csrf: csrf, reopened_on: '2015-09-22', reopen_reason: 'Orientation enregistrée par erreur' })
      .expect(302);
    expect((await t.db('intake_requests').where({ id: r.id }).first('status')).status).toBe('received');

    // A parcours that names the request: the parcours is the place, whatever the request's status.
    const other = await createStructure(t.db);
    const linked = await createIntakeRow(
      t.db,
      { ...w, structure: other },
      { status: 'oriented', outcome_on: '2015-09-20' },
    );
    await t.db('pathways').insert({
      operator_id: w.operator.id,
      organisation_id: other.id,
      intake_request_id: linked.id,
      opened_on: '2015-09-20',
    });
    expect((await agent.get(`/intake/${linked.id}`).expect(200)).text).not.toContain('Revenir sur cette suite');
    expect(await move(linked.id, 'reopen')).toBe(
      'Un parcours est issu de cette demande : elle ne peut plus être rouverte, la suite se gère dans le parcours.',
    );
  });
});

describe('one place for a request’s status', () => {
  it('no statement on the intake_requests table outside lifecycle.ts writes a status', () => {
    expect(writtenOutside('intake/lifecycle.ts', /\('intake_requests'\)[^;]*?\bstatus:/g)).toEqual([]);
  });
});
