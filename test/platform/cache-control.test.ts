import request from 'supertest';
import { BELFORT_TITLE } from '../../seeds/belfort';
import { DEMO_PASSWORD } from '../../seeds/demo-accounts';
import { createDemoApp, loginAs, TestApp } from '../support/app';

// Nothing a signed-in user was shown stays in a browser's cache: the back button after logout or
// the next person at a shared computer must not find case data there.
let t: TestApp;
let accId: string;
beforeAll(async () => {
  t = await createDemoApp();
  accId = String((await t.db('accompaniments').where({ title: BELFORT_TITLE }).first('id')).id);
}, 120_000);
afterAll(() => t.close());

describe('Cache-Control for a signed-in user', () => {
  it('is no-store on pages, CSV and XLSX exports and PDFs', async () => {
    const { agent } = await loginAs(t.app, 'coordination@jalons.test', DEMO_PASSWORD);
    for (const url of [
      '/',
      `/accompaniments/${accId}`,
      '/indicators.csv',
      '/indicators.xlsx',
      `/accompaniments/${accId}/case-sheet.pdf`,
      `/accompaniments/${accId}/case-sheet.docx`,
    ]) {
      const res = await agent.get(url).buffer(true);
      expect([url, res.status]).toEqual([url, 200]);
      expect([url, res.headers['cache-control']]).toEqual([url, expect.stringContaining('no-store')]);
    }
  });

  it('is no-store on an error page shown to a signed-in user too', async () => {
    const { agent } = await loginAs(t.app, 'coordination@jalons.test', DEMO_PASSWORD);
    const res = await agent.get('/accompaniments/999999999').expect(404);
    expect(res.headers['cache-control']).toContain('no-store');
  });

  it('is not forced on the public login page or the static assets', async () => {
    expect((await request(t.app).get('/login').expect(200)).headers['cache-control'] ?? '').not.toContain('no-store');
    expect((await request(t.app).get('/assets/app.css').expect(200)).headers['cache-control'] ?? '').not.toContain(
      'no-store',
    );
  });
});
