import { createUser } from '../factories';
import { createAccompaniment, createOperatorTeam } from '../factories/accompaniments';
import { createCommitmentRow, createEnvelopeRow, createMoneyRows } from '../factories/envelopes';
import { createTestApp, loginAs, TestApp } from '../support/app';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

const plain = (html: string) => html.replace(/[\u202f\u00a0]/g, ' ');
/** The figure after a label in an envelope's facts list. */
const figure = (html: string, label: string) =>
  new RegExp(`<dt>${label}</dt><dd class="num">(?:<strong>)?([^<]*)`).exec(plain(html))?.[1]?.trim();

describe('an envelope’s figures, computed from the rows', () => {
  it('adds committed, ordered, service done, invoiced, paid, left and the forecast exactly, with the alerts', async () => {
    const team = await createOperatorTeam(t.db);
    const env = await createEnvelopeRow(t.db, {
      operatorId: team.operator.id,
      amount: '10000.00',
      label: 'Env. chiffres',
    });
    const a = await createAccompaniment(t.db, { operatorId: team.operator.id, state: 'delivery', title: 'Cas A' });
    const b = await createAccompaniment(t.db, { operatorId: team.operator.id, state: 'delivery', title: 'Cas B' });
    const gone = await createAccompaniment(t.db, {
      operatorId: team.operator.id,
      state: 'abandoned',
      title: 'Cas libéré',
    });
    const ca = await createCommitmentRow(t.db, env.id, a.id, '4000.10', '2026-02-01');
    const cb = await createCommitmentRow(t.db, env.id, b.id, '3000.20', '2026-02-02');
    const released = await createCommitmentRow(t.db, env.id, gone.id, '999.99', '2026-02-03');
    await t.db('envelope_commitments').where({ id: released }).update({ status: 'released' }); // as lifecycle.ts would
    const money = { accompanimentId: a.id, operatorId: team.operator.id };
    // Case A: ordered 3 600,10 + 0,30 (its invoice rejected; the cancelled order does not count), certified 1 200,05, invoiced 1 200,05 (and a rejected invoice), paid 1 000,01.
    await createMoneyRows(t.db, {
      ...money,
      commitmentId: ca,
      ordered: '3600.10',
      certified: '1200.05',
      invoiced: '1200.05',
      paid: '1000.01',
    });
    await createMoneyRows(t.db, { ...money, commitmentId: ca, ordered: '500.00', orderStatus: 'cancelled' });
    await createMoneyRows(t.db, {
      ...money,
      commitmentId: ca,
      ordered: '0.30',
      invoiced: '0.30',
      invoiceStatus: 'rejected',
    });
    // Case B: ordered 3 000,20, nothing else yet.
    await createMoneyRows(t.db, { ...money, accompanimentId: b.id, commitmentId: cb, ordered: '3000.20' });
    // Planned: a case in diagnostic funded 2 500 by this funder this year, and one already committed (not counted twice).
    const planned = await createAccompaniment(t.db, {
      operatorId: team.operator.id,
      state: 'diagnostic',
      title: 'Cas prévu',
    });
    await t.db('accompaniments').where({ id: planned.id }).update({ planned_start: '2026-09-01' });
    await t
      .db('accompaniment_funding')
      .insert({ accompaniment_id: planned.id, funder_id: env.funderId, amount_eur: '2500.00' });
    await t
      .db('accompaniment_funding')
      .insert({ accompaniment_id: a.id, funder_id: env.funderId, amount_eur: '4000.10' });
    // Planned next year: not in 2026's forecast.
    const later = await createAccompaniment(t.db, { operatorId: team.operator.id, state: 'intake' });
    await t.db('accompaniments').where({ id: later.id }).update({ planned_start: '2027-02-01' });
    await t
      .db('accompaniment_funding')
      .insert({ accompaniment_id: later.id, funder_id: env.funderId, amount_eur: '800.00' });

    const s = await loginAs(t.app, team.manager.email);
    const page = (await s.agent.get('/envelopes?year=2026').expect(200)).text;
    expect(figure(page, 'Montant')).toBe('10 000,00 €');
    expect(figure(page, 'Engagé')).toBe('7 000,30 €');
    expect(figure(page, 'Commandé')).toBe('6 600,60 €');
    expect(figure(page, 'Service fait')).toBe('1 200,05 €');
    expect(figure(page, 'Facturé')).toBe('1 200,05 €');
    expect(figure(page, 'Payé')).toBe('1 000,01 €');
    expect(figure(page, 'Reste')).toBe('2 999,70 €');
    expect(figure(page, 'Prévision')).toBe('9 500,30 €');
    expect(plain(page)).toContain('(Prévu 2 500,00 €)');
    expect(plain(page)).not.toContain('Enveloppe dépassée');
    expect(plain(page)).not.toContain('Prévision au-delà');
    // The bar's text equivalent.
    expect(plain(page)).toContain('Payé 1 000,01 €, engagé non payé 6 000,29 €, reste 2 999,70 € sur 10 000,00 €.');

    // One more planned case of 600 takes the forecast beyond the envelope: the alert says so.
    const more = await createAccompaniment(t.db, { operatorId: team.operator.id, state: 'consultation' });
    await t
      .db('accompaniment_funding')
      .insert({ accompaniment_id: more.id, funder_id: env.funderId, amount_eur: '600.00' });
    const after = plain((await s.agent.get('/envelopes?year=2026').expect(200)).text);
    expect(after).toContain('Prévision au-delà de l’enveloppe : 10 100,30 € prévus pour 10 000,00 €.');

    // The envelope's page: each action's money states, linked to its case.
    const show = plain((await s.agent.get(`/envelopes/${env.id}`).expect(200)).text);
    expect(show).toContain(`href="/accompaniments/${a.id}?tab=framing#envelopes">Cas A</a>`);
    expect(show).toMatch(/Cas A[\s\S]*4 000,10 €[\s\S]*3 600,40 €[\s\S]*1 200,05 €[\s\S]*1 200,05 €[\s\S]*1 000,01 €/);
    expect(show).toContain('Libéré');

    // In English: the same figures, written the English way.
    await s.agent.post('/lang').type('form').send({ _csrf: s.csrf, lang: 'en', next: '/' }).expect(302);
    const en = (await s.agent.get('/envelopes?year=2026').expect(200)).text;
    expect(en).toContain('Funding envelopes 2026');
    expect(plain(en)).toContain('Paid €1,000.01, committed not paid €6,000.29, left €2,999.70 of €10,000.00.');

    // The funder reads the same figures, without the forecast.
    const funderUser = await createUser(t.db, { role: 'funder', organisation_id: env.funderId });
    const f = await loginAs(t.app, funderUser.email);
    const theirs = (await f.agent.get('/envelopes?year=2026').expect(200)).text;
    expect(figure(theirs, 'Payé')).toBe('1 000,01 €');
    expect(figure(theirs, 'Prévision')).toBeUndefined();
    expect((await f.agent.get(`/envelopes/${env.id}`).expect(200)).text).not.toContain(`href="/accompaniments/${a.id}`);
  });
});
