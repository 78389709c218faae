import { addBid, createCase, createPhase } from '../factories/phases';
import { createTestApp, loginAs, TestApp } from '../support/app';

// The phases' form starts from the days already recorded (issue 21, no typing twice): contracted on
// the case, proposed by the selected provider, in the terms of reference, beside the days its phases plan.
let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

const note = (html: string) =>
  (/<div class="flash flash--info" role="note">([\s\S]*?)<\/div>/.exec(html)?.[1] ?? '')
    .replace(/<[^>]+>/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();

describe('the days the phases start from', () => {
  it('lists the days contracted, proposed by the selected provider and in the terms of reference, and those planned', async () => {
    const { coordinator, acc } = await createCase(t.db);
    const bid = await addBid(t.db, acc.id, { status: 'selected' });
    await addBid(t.db, acc.id, { status: 'not_selected' });
    await t
      .db('consultation_bids')
      .where({ id: bid.bidId })
      .update({ proposal_days: '12.5', received_on: '2015-11-05' });
    await t.db('consultations').insert({ accompaniment_id: acc.id, days: '12', selected_bid_id: bid.bidId });
    await t.db('accompaniments').where({ id: acc.id }).update({ budget_days: '13' });
    const p = await createPhase(t.db, acc.id, { position: 1, name: 'Diagnostic approfondi' });
    await t.db('phases').where({ id: p.id }).update({ planned_days: '4.5' });
    const { agent } = await loginAs(t.app, coordinator.email);
    const page = await agent.get(`/accompaniments/${acc.id}/phases/edit`).expect(200);
    expect(note(page.text)).toBe(
      'Jours déjà inscrits au dossier : contractés pour l’accompagnement : 13 j proposés par le prestataire retenu : 12,5 j prévus au cahier des charges : 12 j Jours prévus aux phases ci-dessous : 4,5 j.',
    );
  });

  it('says nothing when no day is recorded, and stays with who may edit the phases', async () => {
    const { coordinator, acc } = await createCase(t.db);
    const { agent } = await loginAs(t.app, coordinator.email);
    const page = await agent.get(`/accompaniments/${acc.id}/phases/edit`).expect(200);
    expect(page.text).not.toContain('Jours déjà inscrits au dossier');
    const other = await createCase(t.db);
    const stranger = await loginAs(t.app, other.coordinator.email);
    await stranger.agent.get(`/accompaniments/${acc.id}/phases/edit`).expect(404);
    const bid = await addBid(t.db, acc.id, { status: 'selected' });
    const provider = await loginAs(t.app, bid.user.email);
    await provider.agent.get(`/accompaniments/${acc.id}/phases/edit`).expect(403);
  });
});
