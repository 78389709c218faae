import request from 'supertest';
import { BELFORT_TITLE } from '../../seeds/belfort';
import { DEMO_PASSWORD } from '../../seeds/demo-accounts';
import { computePathwayFigures } from '../../src/indicators/pathways';
import { findSessionUser } from '../../src/platform/auth/session-user';
import { createDemoApp, csrfOf, TestApp } from '../support/app';

let t: TestApp;
beforeAll(async () => {
  t = await createDemoApp();
});
afterAll(() => t.close());

const mife = async () => String((await t.db('organisations').where({ kind: 'operator' }).first('id')).id);
const pathwayOf = (name: string) =>
  t.db('pathways as p').join('organisations as o', 'o.id', 'p.organisation_id').where('o.name', name).first('p.*');
const actionsOf = (pathwayId: string) =>
  t
    .db('pathway_actions')
    .where({ pathway_id: pathwayId })
    .orderBy(['started_on', 'id'])
    .select('kind', 'status', 'started_on', 'ended_on', 'hours', 'partner', 'accompaniment_id');

async function loginDemo(email: string) {
  const agent = request.agent(t.app);
  const page = await agent.get('/login');
  await agent
    .post('/login')
    .type('form')
    .send({ _csrf: csrfOf(page.text), email, password: DEMO_PASSWORD })
    .expect(302);
  return agent;
}

describe('the demo parcours (seeds/pathways.ts)', () => {
  it('makes Belfort four parcours: the joint request of June 2015, the collective diagnostic, the consultancy, Chamois’ exit, the follow-up', async () => {
    const belfort = await t.db('accompaniments').where({ title: BELFORT_TITLE }).first('id');
    for (const name of ['Energie Emploi', 'Intermed', 'Chamois', 'Chacasol']) {
      const p = await pathwayOf(name);
      expect(p).toMatchObject({ operator_id: await mife(), shared_diagnostic_accompaniment_id: belfort.id });
      const r = await t.db('intake_requests').where({ id: p.intake_request_id }).first();
      expect(r).toMatchObject({ received_on: '2015-06-15', status: 'diagnostic', outcome_on: '2015-07-01' });
      const [consultancy] = await actionsOf(p.id);
      expect(consultancy.accompaniment_id).toBe(belfort.id);
      if (name === 'Chamois') {
        expect(consultancy).toMatchObject({ kind: 'consultancy', status: 'cancelled', ended_on: '2016-11-15' });
        expect(await t.db('pathway_checkpoints').where({ pathway_id: p.id }).first()).toBeUndefined();
      } else {
        expect(consultancy).toMatchObject({ kind: 'consultancy', status: 'done', started_on: '2016-01-05' });
        const c = await t.db('pathway_checkpoints').where({ pathway_id: p.id }).first();
        expect(c).toMatchObject({ offset_months: 6, held_on: '2017-06-01' });
      }
    }
    // The comité d'appui's favourable opinion before the consultation opened (15 October 2015).
    const opinions = await t
      .db('support_committee_items as i')
      .join('pathways as p', 'p.id', 'i.pathway_id')
      .where('p.shared_diagnostic_accompaniment_id', belfort.id)
      .pluck('i.opinion_on');
    expect(opinions.length).toBeGreaterThanOrEqual(4);
    expect(opinions.every((d: string) => d < '2015-10-15')).toBe(true);
  });

  it('adds an orientation only, appui-conseil only, and an individual consultancy then the collective one', async () => {
    const forges = await pathwayOf('Épicerie solidaire des Forges');
    expect(forges).toMatchObject({ status: 'closed', closed_on: '2026-06-15' });
    expect(await actionsOf(forges.id)).toEqual([
      expect.objectContaining({
        kind: 'orientation',
        partner: 'France Active Franche-Comté',
        started_on: '2026-04-02',
      }),
    ]);
    const velo = await pathwayOf('Vélo Solidaire Belfort');
    expect((await actionsOf(velo.id)).map((a) => [a.kind, Number(a.hours)])).toEqual([
      ['advice', 3],
      ['advice', 2.5],
    ]);
    const jardins = await pathwayOf('Jardins de la Savoureuse');
    const kinds = await t
      .db('pathway_actions as x')
      .join('accompaniments as a', 'a.id', 'x.accompaniment_id')
      .where('x.pathway_id', jardins.id)
      .orderBy('a.intake_on')
      .select('a.kind', 'x.status');
    expect(kinds).toEqual([
      { kind: 'individual', status: 'done' },
      { kind: 'collective', status: 'planned' },
    ]);
    // Its individual consultancy went through the comité d'appui of February 2025.
    expect(
      await t
        .db('support_committee_items as i')
        .join('support_committee_meetings as m', 'm.id', 'i.meeting_id')
        .where('i.pathway_id', jardins.id)
        .first('m.meets_on', 'm.status', 'i.opinion', 'i.opinion_on'),
    ).toEqual({
      meets_on: '2025-02-18',
      status: 'held',
      opinion: 'favorable_with_reservations',
      opinion_on: '2025-02-18',
    });
  });

  it('puts the ressourcerie’s diagnostic on the agenda of the next comité d’appui, without an opinion yet', async () => {
    const lion = await pathwayOf('La Ressourcerie du Lion');
    expect(
      await t
        .db('support_committee_items as i')
        .join('support_committee_meetings as m', 'm.id', 'i.meeting_id')
        .where('i.pathway_id', lion.id)
        .select('m.meets_on', 'm.status', 'i.subject', 'i.opinion'),
    ).toEqual([{ meets_on: '2026-12-15', status: 'planned', subject: 'diagnostic', opinion: null }]);
  });

  it('keeps open requests, one unanswered since October 2026 that the coordinator’s home recalls', async () => {
    const open = await t
      .db('intake_requests as r')
      .join('organisations as o', 'o.id', 'r.organisation_id')
      .where('r.status', 'received')
      .orderBy('r.received_on')
      .select('o.name', 'r.received_on');
    expect(open).toEqual([
      { name: 'Régie de quartier des Résidences', received_on: '2026-10-05' },
      { name: 'Solidarité Textile 90', received_on: '2026-11-20' },
    ]);
    const home = await (await loginDemo('coordination@jalons.test')).get('/').expect(200);
    expect(home.text).toContain('Régie de quartier des Résidences');
  });

  it('gives the figures of 2015 (Belfort) and of 2026 (the fictional parcours) to the operator', async () => {
    const user = (await findSessionUser(t.db, { email: 'direction@jalons.test' }))!;
    const scope = { user, operatorId: null };
    const y2015 = await computePathwayFigures(t.db, scope, { from: '2015-01-01', to: '2015-12-31' });
    // Four requests, four structures welcomed and diagnosed (the diagnostic validated on 15 October 2015).
    expect(y2015.totals).toMatchObject({ requests: 4, welcomed: 4, diagnosed: 4, accompanied: 0 });
    const y2016 = await computePathwayFigures(t.db, scope, { from: '2016-01-01', to: '2016-12-31' });
    expect(y2016.totals.accompanied).toBe(4); // the consultancy started on 5 January 2016
    const y2026 = await computePathwayFigures(t.db, scope, { from: '2026-01-01', to: '2026-12-31' });
    // Requests of 2026: Vélo, Forges, Bâti, Bobine, Théâtre, Lion, Régie, Textile
    expect(y2026.totals.requests).toBe(8);
    expect(y2026.totals.oriented).toBe(2); // Forges (action), La Bobine (request)
    expect(y2026.totals.adviceHours).toBe(5.5);
    expect(y2026.orientations.map((o) => o.partner).sort()).toEqual([
      'France Active Franche-Comté',
      'URSIEA Bourgogne-Franche-Comté',
    ]);
  });
});
