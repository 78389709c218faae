import { addProvider, createDeliveryCase } from '../factories/sessions';
import { createTestApp, loginAs, TestApp } from '../support/app';
import { landmarks, repeatedLandmarks } from '../support/landmarks';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t.close();
});

describe('the provider home’s landmarks (issue 21, accessibility)', () => {
  it('names every region apart when the provider works on two cases', async () => {
    const first = await createDeliveryCase(t.db, { title: `Premier accompagnement ${Date.now().toString(36)}` });
    const won = await addProvider(t.db, first.accId, 'selected');
    const second = await createDeliveryCase(t.db, { title: `Second accompagnement ${Date.now().toString(36)}` });
    await t.db('consultation_bids').insert({
      accompaniment_id: second.accId,
      provider_id: won.provider.id,
      invited_on: '2015-10-20',
      status: 'selected',
    });
    const s = await loginAs(t.app, won.user.email);
    const html = (await s.agent.get('/').expect(200)).text;
    expect(html).toContain(`href="/accompaniments/${first.accId}"`);
    expect(html).toContain(`href="/accompaniments/${second.accId}"`);

    const regions = landmarks(html).filter((l) => l.role === 'region');
    // Each case's cards, once per case: the card's title and the case's title.
    for (const title of ['Livrables attendus', 'Jours consommés', 'Prochaines séances']) {
      expect(regions.filter((l) => l.name.startsWith(title)).map((l) => l.name)).toEqual([
        expect.stringContaining('Premier accompagnement'),
        expect.stringContaining('Second accompagnement'),
      ]);
    }
    expect(repeatedLandmarks(html)).toEqual([]);
  });
});
