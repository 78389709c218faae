import { systemActor } from '../../src/platform/audit';
import { localToday } from '../../src/platform/dates';
import { translate } from '../../src/platform/i18n';
import {
  applyMeetingTransition,
  MEETING_EVENTS,
  MEETING_STATUSES,
  MEETING_TRANSITIONS,
  MeetingTransitionRefused,
} from '../../src/support-committee/lifecycle';
import { moveMeeting } from '../../src/support-committee/commands';
import { createOrganisation, createUser } from '../factories';
import { createAccompaniment, createOperatorTeam } from '../factories/accompaniments';
import { createCommitteeMeeting, pathwayOf } from '../factories/support-committee';
import { createTestApp, loginAs, TestApp } from '../support/app';
import { writtenOutside } from '../support/written-elsewhere';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

const nextYear = () => `${new Date().getFullYear() + 1}-03-01`;
const fr = (key: Parameters<typeof translate>[1]) => translate('fr', key);

/** An operator with its staff, a case with two structures and their parcours, and a planned meeting. */
async function committee() {
  const team = await createOperatorTeam(t.db);
  const acc = await createAccompaniment(t.db, {
    operatorId: team.operator.id,
    coordinatorId: team.coordinator.id,
    state: 'diagnostic',
    structures: 2,
    intakeOn: '2015-06-15',
  });
  const pathways = [];
  for (const s of acc.structures) pathways.push(await pathwayOf(t.db, team.operator.id, s.id, '2015-06-15'));
  const meetingId = await createCommitteeMeeting(t.db, team.operator.id, { meetsOn: '2015-10-13' });
  return { ...team, acc, pathways, meetingId };
}

const audits = (action: string) => t.db('audit_log').where({ action }).orderBy('id');

describe('the committee’s members', () => {
  it('lets the operator’s staff add a member, with a known or a typed organisation and an account, audited', async () => {
    const c = await committee();
    const funder = await createOrganisation(t.db, { kind: 'funder', name: `DDETS ${Math.random()}` });
    const funderUser = await createUser(t.db, { role: 'funder', organisation_id: funder.id, name: 'Hélène Girardot' });
    const s = await loginAs(t.app, c.manager.email);
    const page = await s.agent.get('/support-committee/members').expect(200);
    expect(page.text).toContain('Membres du comité d’appui');
    await s.agent
      .post('/support-committee/members')
      .type('form')
      .send({
        _csrf: s.csrf,
        name: 'Hélène Girardot',
        email: 'HELENE@example.test',
        member_kind: 'funder',
        organisation_id: funder.id,
        user_id: funderUser.id,
        active: '1',
      })
      .expect(302)
      .expect('Location', '/support-committee/members');
    await s.agent
      .post('/support-committee/members')
      .type('form')
      .send({ _csrf: s.csrf, name: 'Nadia Chevalier', member_kind: 'network', organisation_name: 'France Active' })
      .expect(302);
    const rows = await t
      .db('support_committee_members')
      .where({ operator_id: c.operator.id })
      .orderBy('id')
      .select('name', 'email', 'member_kind', 'organisation_id', 'organisation_name', 'user_id', 'active');
    expect(rows).toEqual([
      {
        name: 'Hélène Girardot',
        email: 'helene@example.test',
        member_kind: 'funder',
        organisation_id: funder.id,
        organisation_name: null,
        user_id: funderUser.id,
        active: true,
      },
      {
        name: 'Nadia Chevalier',
        email: null,
        member_kind: 'network',
        organisation_id: null,
        organisation_name: 'France Active',
        user_id: null,
        active: false,
      },
    ]);
    expect(await audits('support_committee.member_create')).toHaveLength(2);
    const list = await s.agent.get('/support-committee/members').expect(200);
    expect(list.text).toContain('France Active');
    expect(list.text).toContain('Réseau');
  });

  it('refuses a member without name, kind or organisation: French messages next to the fields, input kept, 422', async () => {
    const c = await committee();
    const s = await loginAs(t.app, c.coordinator.email);
    const res = await s.agent
      .post('/support-committee/members')
      .type('form')
      .send({ _csrf: s.csrf, name: '', email: 'pas-une-adresse', member_kind: 'astronaut', organisation_name: '' })
      .expect(422);
    expect(res.text).toContain('Ce champ est obligatoire.');
    expect(res.text).toContain('Choisissez l’organisation du membre ou saisissez son nom.');
    expect(res.text).toContain('value="pas-une-adresse"');
    expect(res.text).toMatch(/field-member_kind-error/);
    // A provider's account never sits on a committee.
    const provider = await createUser(t.db, { role: 'provider' });
    const refused = await s.agent
      .post('/support-committee/members')
      .type('form')
      .send({
        _csrf: s.csrf,
        name: 'Cabinet',
        member_kind: 'expert',
        organisation_name: 'Cabinet',
        user_id: provider.id,
      })
      .expect(422);
    expect(refused.text).toContain('prestataires et structures ne siègent pas au comité d’appui');
    expect(refused.text).toContain('value="Cabinet"');
    expect(await t.db('support_committee_members').where({ operator_id: c.operator.id })).toEqual([]);
  });

  it('is not for providers, beneficiaries, funders or relays (403)', async () => {
    for (const role of ['provider', 'beneficiary', 'funder', 'relay'] as const) {
      const u = await createUser(t.db, { role });
      const s = await loginAs(t.app, u.email);
      await s.agent.get('/support-committee/members').expect(403);
      await s.agent
        .post('/support-committee/members')
        .type('form')
        .send({ _csrf: s.csrf, name: 'X', member_kind: 'expert', organisation_name: 'X' })
        .expect(403);
      await s.agent.get('/support-committee').expect(403);
    }
  });
});

describe('a meeting, from planned to held, its agenda, opinions and minutes', () => {
  it('plans a meeting, puts parcours on its agenda, holds it, records opinions and minutes, each audited and logged', async () => {
    const c = await committee();
    const s = await loginAs(t.app, c.coordinator.email);
    const created = await s.agent
      .post('/support-committee/meetings')
      .type('form')
      .send({ _csrf: s.csrf, meets_on: '2015-10-20', location: 'MIFE 90' })
      .expect(302);
    const url = String(created.headers.location);
    const id = url.split('/').pop()!;
    // Holding it with an empty agenda is refused in French.
    const empty = await s.agent
      .post(`${url}/transitions`)
      .type('form')
      .send({ _csrf: s.csrf, event: 'hold', happened_on: '2015-10-20' })
      .expect(422);
    expect(empty.text).toContain('Ajoutez d’abord au moins un parcours à l’ordre du jour');

    const form = await s.agent.get(`${url}/items/new`).expect(200);
    expect(form.text).toContain(c.acc.structures[0].name);
    await s.agent
      .post(`${url}/items`)
      .type('form')
      .send({
        _csrf: s.csrf,
        pathway_id: c.pathways[0],
        subject: 'terms_of_reference',
        accompaniment_id: c.acc.id,
        summary: 'Cahier des charges : 6 jours sur la fonction employeur.',
      })
      .expect(302);
    // Opinions wait until the meeting is held.
    const item = await t.db('support_committee_items').where({ meeting_id: id }).first('id');
    const early = await s.agent
      .post(`${url}/items/${item.id}/opinion`)
      .type('form')
      .send({ _csrf: s.csrf, opinion: 'favorable', opinion_on: '2015-10-20' })
      .expect(422);
    expect(early.text).toContain('Déclarez d’abord la séance tenue');

    await s.agent.get(`${url}/transitions/new?event=hold`).expect(200);
    await s.agent
      .post(`${url}/transitions`)
      .type('form')
      .send({ _csrf: s.csrf, event: 'hold', happened_on: '2015-10-21', reason: '' })
      .expect(302);
    expect(await t.db('support_committee_meetings').where({ id }).first('status', 'meets_on')).toEqual({
      status: 'held',
      meets_on: '2015-10-21',
    });

    // Bad opinions: before the meeting, in the future, reservations without saying which.
    const before = await s.agent
      .post(`${url}/items/${item.id}/opinion`)
      .type('form')
      .send({ _csrf: s.csrf, opinion: 'favorable', opinion_on: '2015-10-20' })
      .expect(422);
    expect(before.text).toContain('L’avis ne peut pas précéder la séance du 21 octobre 2015.');
    const future = await s.agent
      .post(`${url}/items/${item.id}/opinion`)
      .type('form')
      .send({ _csrf: s.csrf, opinion: 'favorable', opinion_on: nextYear() })
      .expect(422);
    expect(future.text).toContain(`value="${nextYear()}"`);
    const reservations = await s.agent
      .post(`${url}/items/${item.id}/opinion`)
      .type('form')
      .send({ _csrf: s.csrf, opinion: 'favorable_with_reservations', opinion_comment: '', opinion_on: '2015-10-21' })
      .expect(422);
    expect(reservations.text).toContain('Précisez les réserves');
    expect((await t.db('support_committee_items').where({ id: item.id }).first('opinion')).opinion).toBeNull();

    await s.agent
      .post(`${url}/items/${item.id}/opinion`)
      .type('form')
      .send({
        _csrf: s.csrf,
        opinion: 'favorable_with_reservations',
        opinion_comment: 'Associer les administrateurs.',
        opinion_on: '2015-10-21',
      })
      .expect(302);
    await s.agent.post(`${url}/minutes`).type('form').send({ _csrf: s.csrf, minutes: 'Avis rendus.' }).expect(302);
    expect(
      await t
        .db('support_committee_items')
        .where({ id: item.id })
        .first('opinion', 'opinion_comment', 'opinion_on', 'opinion_by'),
    ).toEqual({
      opinion: 'favorable_with_reservations',
      opinion_comment: 'Associer les administrateurs.',
      opinion_on: '2015-10-21',
      opinion_by: c.coordinator.id,
    });
    const page = await s.agent.get(url).expect(200);
    expect(page.text).toContain('Favorable avec réserves');
    expect(page.text).toContain('Associer les administrateurs.');
    expect(page.text).toContain('Avis rendus.');
    expect(page.text).toContain(`href="/pathways/${c.pathways[0]}"`);
    expect((await s.agent.get(`${url}/print`).expect(200)).text).toContain('Cahier des charges : 6 jours');
    expect(
      (await t.db('support_committee_meeting_transitions').where({ meeting_id: id }).orderBy('id')).map((r) => [
        r.event,
        r.from_status,
        r.to_status,
        r.happened_on,
      ]),
    ).toEqual([
      ['create', null, 'planned', localToday()],
      ['hold', 'planned', 'held', '2015-10-21'],
    ]);
    for (const action of [
      'support_committee.meeting_create',
      'support_committee.item_add',
      'support_committee.meeting_hold',
      'support_committee.opinion',
      'support_committee.minutes',
    ])
      expect(await t.db('audit_log').where({ action, entity_id: id })).toHaveLength(1);
  });

  it('cancels a planned meeting only with a reason; a cancelled meeting takes no item', async () => {
    const c = await committee();
    const s = await loginAs(t.app, c.manager.email);
    const url = `/support-committee/meetings/${c.meetingId}`;
    const res = await s.agent
      .post(`${url}/transitions`)
      .type('form')
      .send({ _csrf: s.csrf, event: 'cancel', happened_on: '2015-10-01', reason: '  ' })
      .expect(422);
    expect(res.text).toContain('Indiquez le motif de l’annulation.');
    await s.agent
      .post(`${url}/transitions`)
      .type('form')
      .send({ _csrf: s.csrf, event: 'cancel', happened_on: '2015-10-01', reason: 'Quorum non atteint.' })
      .expect(302);
    const item = await s.agent
      .post(`${url}/items`)
      .type('form')
      .send({ _csrf: s.csrf, pathway_id: c.pathways[0], subject: 'diagnostic', summary: 'Diagnostic.' })
      .expect(422);
    expect(item.text).toContain('Cette séance est annulée : prévoyez-en une autre.');
    expect(item.text).toContain('Diagnostic.');
  });

  it('refuses an item on another operator’s parcours, or terms of reference without their case', async () => {
    const c = await committee();
    const other = await committee();
    const s = await loginAs(t.app, c.coordinator.email);
    const url = `/support-committee/meetings/${c.meetingId}`;
    const foreign = await s.agent
      .post(`${url}/items`)
      .type('form')
      .send({ _csrf: s.csrf, pathway_id: other.pathways[0], subject: 'diagnostic', summary: 'Autre opérateur.' })
      .expect(422);
    expect(foreign.text).toContain('Choisissez le parcours d’une structure de l’opérateur.');
    const tor = await s.agent
      .post(`${url}/items`)
      .type('form')
      .send({ _csrf: s.csrf, pathway_id: c.pathways[0], subject: 'terms_of_reference', summary: 'CDC.' })
      .expect(422);
    expect(tor.text).toContain('Un cahier des charges porte sur un accompagnement : choisissez-le.');
    expect(await t.db('support_committee_items').where({ meeting_id: c.meetingId })).toEqual([]);
  });

  it('is managed only by its operator’s staff: another operator’s coordinator gets a 404, a funder member a 403', async () => {
    const c = await committee();
    const other = await createOperatorTeam(t.db);
    const s = await loginAs(t.app, other.coordinator.email);
    await s.agent.get(`/support-committee/meetings/${c.meetingId}`).expect(404);
    await s.agent
      .post(`/support-committee/meetings/${c.meetingId}/transitions`)
      .type('form')
      .send({ _csrf: s.csrf, event: 'cancel', happened_on: '2015-10-01', reason: 'Non.' })
      .expect(404);
    const funder = await createUser(t.db, { role: 'funder' });
    await t.db('support_committee_members').insert({
      operator_id: c.operator.id,
      name: funder.name,
      member_kind: 'funder',
      organisation_name: 'DDETS',
      user_id: funder.id,
    });
    const f = await loginAs(t.app, funder.email);
    await f.agent.get(`/support-committee/meetings/${c.meetingId}`).expect(200);
    await f.agent.get(`/support-committee/meetings/${c.meetingId}/items/new`).expect(403);
    await f.agent
      .post(`/support-committee/meetings/${c.meetingId}/transitions`)
      .type('form')
      .send({ _csrf: f.csrf, event: 'cancel', happened_on: '2015-10-01', reason: 'Non.' })
      .expect(403);
    expect((await t.db('support_committee_meetings').where({ id: c.meetingId }).first('status')).status).toBe(
      'planned',
    );
  });
});

describe('the meeting status transition table', () => {
  it('allows exactly the moves of the table from every status, refuses the others in French, and logs each move', async () => {
    const c = await committee();
    for (const from of MEETING_STATUSES) {
      for (const event of MEETING_EVENTS) {
        const id = await createCommitteeMeeting(t.db, c.operator.id, { status: from });
        await t.db('support_committee_items').insert({
          meeting_id: id,
          pathway_id: c.pathways[0],
          subject: 'diagnostic',
          summary: 'Diagnostic.',
        });
        const allowed = MEETING_TRANSITIONS.find((x) => x.from === from && x.event === event);
        let refusal: string | null = null;
        try {
          await t.db.transaction((trx) =>
            applyMeetingTransition(trx, id, event, { actorId: null, happenedOn: '2015-10-14', reason: 'Motif.' }),
          );
        } catch (e) {
          if (!(e instanceof MeetingTransitionRefused)) throw e;
          refusal = fr(e.reasonKey);
        }
        const log = await t
          .db('support_committee_meeting_transitions')
          .where({ meeting_id: id })
          .whereNot({ event: 'create' })
          .select('event', 'from_status', 'to_status', 'happened_on', 'reason');
        const row = await t.db('support_committee_meetings').where({ id }).first('status');
        if (allowed) {
          expect({ from, event, refusal }).toEqual({ from, event, refusal: null });
          expect(row.status).toBe(allowed.to);
          expect(log).toEqual([
            { event, from_status: from, to_status: allowed.to, happened_on: '2015-10-14', reason: 'Motif.' },
          ]);
        } else {
          expect({ from, event, refusal }).toEqual({
            from,
            event,
            refusal: 'Ce changement de statut n’est pas possible pour cette séance.',
          });
          expect(row.status).toBe(from);
          expect(log).toEqual([]);
        }
      }
    }
  });

  it('moves through the command, callable without a request (a job, the CLI)', async () => {
    const c = await committee();
    await t.db('support_committee_items').insert({
      meeting_id: c.meetingId,
      pathway_id: c.pathways[0],
      subject: 'plan',
      summary: 'Plan.',
    });
    const meeting = { id: c.meetingId };
    await t.deps.write(systemActor('test'), (w) =>
      moveMeeting(w, meeting, { event: 'hold', happened_on: '2015-10-13', reason: null }, c.coordinator.id),
    );
    expect((await t.db('support_committee_meetings').where({ id: c.meetingId }).first('status')).status).toBe('held');
  });
});

describe('one place for a meeting’s status', () => {
  it('no statement on the meetings table outside lifecycle.ts writes a status', () => {
    expect(
      writtenOutside('support-committee/lifecycle.ts', /\('support_committee_meetings'\)[^;]*?\bstatus:/g),
    ).toEqual([]);
  });
});
