import { createUser } from '../factories';
import { paymentCase } from '../factories/payments';
import { createTestApp, loginAs, type TestApp } from '../support/app';

/**
 * From an envelope's page (issue 20): the direction commits one of the operator's cases on it (the
 * case's commitment form opens with the envelope chosen), and each commitment links to its orders.
 */
let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

const as = (user: { email: string }) => loginAs(t.app, user.email);
const COMMIT = 'Engager un dossier sur cette enveloppe';

async function caseAt(c: Awaited<ReturnType<typeof paymentCase>>, title: string, state: string) {
  const [{ id }] = await t
    .db('accompaniments')
    .insert({
      operator_id: c.operator.id,
      coordinator_id: c.coordinator.id,
      title,
      kind: 'individual',
      state,
      intake_on: '2026-01-05',
    })
    .returning<{ id: string }[]>('id');
  return String(id);
}

describe('committing a case from the envelope’s page', () => {
  it('offers the operator’s cases at convention or later not yet committed, each opening the case’s form with the envelope chosen', async () => {
    const c = await paymentCase(t.db);
    const ready = await caseAt(c, 'Cas prêt à engager', 'convention');
    const early = await caseAt(c, 'Cas encore en diagnostic', 'diagnostic');
    const ended = await caseAt(c, 'Cas abandonné', 'abandoned');
    const envelopeId = c.commitment.envelopeId;
    const director = await as(c.manager);
    const html = (await director.agent.get(`/envelopes/${envelopeId}`).expect(200)).text;
    expect(html).toContain(COMMIT);
    const link = `/accompaniments/${ready}/envelope-commitments/new?envelope=${envelopeId}`;
    expect(html).toContain(`href="${link}"`);
    expect(html).toContain('Engager « Cas prêt à engager »');
    // Already committed on it (the payment case), too early, or ended: not offered.
    for (const id of [c.acc.id, early, ended])
      expect(html).not.toContain(`/accompaniments/${id}/envelope-commitments/new`);
    const form = (await director.agent.get(link).expect(200)).text;
    expect(form).toMatch(new RegExp(`<option value="${envelopeId}"[^>]*selected`));
  });

  it('says so when no case is left to commit, and is not offered to the coordinator or the funder', async () => {
    const c = await paymentCase(t.db);
    const envelopeId = c.commitment.envelopeId;
    const director = await as(c.manager);
    expect((await director.agent.get(`/envelopes/${envelopeId}`).expect(200)).text).toContain(
      'Aucun dossier à engager',
    );
    const funder = await createUser(t.db, { role: 'funder', organisation_id: c.commitment.funder.id });
    for (const user of [c.coordinator, funder]) {
      const page = (await (await as(user)).agent.get(`/envelopes/${envelopeId}`).expect(200)).text;
      expect(page).not.toContain(COMMIT);
    }
  });
});

describe('a commitment’s orders on the envelope’s page', () => {
  it('links each commitment to its purchase orders for the operator’s staff, not for the funder', async () => {
    const c = await paymentCase(t.db);
    const envelopeId = c.commitment.envelopeId;
    const director = await as(c.manager);
    const before = (await director.agent.get(`/envelopes/${envelopeId}`).expect(200)).text;
    expect(before).not.toContain('/payments/orders/');
    const res = await director.agent
      .post(`/accompaniments/${c.acc.id}/payments/orders`)
      .type('form')
      .send({
        _csrf: director.csrf,
        commitment_id: c.commitment.id,
        issued_on: '2026-02-02',
        amount_excl_vat: '7000',
        amount_incl_vat: '8400',
      })
      .expect(302);
    const orderId = /\/(\d+)$/.exec(res.headers.location)?.[1] ?? '';
    const coordinator = await as(c.coordinator);
    for (const s of [director, coordinator]) {
      const html = (await s.agent.get(`/envelopes/${envelopeId}`).expect(200)).text;
      expect(html).toContain(`<a href="/payments/orders/${orderId}">BC-2026-0001</a>`);
      await s.agent.get(`/payments/orders/${orderId}`).expect(200);
    }
    const funder = await createUser(t.db, { role: 'funder', organisation_id: c.commitment.funder.id });
    const seen = (await (await as(funder)).agent.get(`/envelopes/${envelopeId}`).expect(200)).text;
    expect(seen).not.toContain('/payments/orders/');
  });
});
