import request from 'supertest';
import { createTestApp, csrfOf, type TestApp } from '../support/app';
import { BENCH_PASSWORD, generate } from './generate';
import { KNOWN_ADMIN, KNOWN_COORDINATOR } from './generate/people';
import { benchAnnualReport, benchPages, benchTargets } from './pages';

// Every page the bench measures answers 200 on the generated data set (a tiny one), for the user who
// measures it: a page that failed there would only be noticed by the coordinator's bench run.
let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
  await generate(t.db, 7, 0.005, '2026-06-30', () => {});
}, 240_000);
afterAll(() => t.close());

async function logIn(email: string) {
  const agent = request.agent(t.app);
  const page = await agent.get('/login');
  await agent
    .post('/login')
    .type('form')
    .send({ _csrf: csrfOf(page.text), email, password: BENCH_PASSWORD })
    .expect(302);
  return agent;
}

describe('the bench pages on the generated data set', () => {
  it('answer 200 to the known coordinator and to operator 1’s direction, the issue 19 pages with their rows', async () => {
    const targets = await benchTargets(t.db);
    const agents = { coordinator: await logIn(KNOWN_COORDINATOR), manager: await logIn('direction1@bench.test') };
    const pages = benchPages(targets, 2025);
    expect(pages.map((p) => p.path)).toEqual(
      expect.arrayContaining([
        '/intake',
        `/pathways/${targets.pathwayId}`,
        `/support-committee/meetings/${targets.meetingId}`,
      ]),
    );
    for (const p of pages) {
      const res = await agents[p.as].get(p.path);
      if (res.status !== 200) throw new Error(`${p.name} (${p.path}) answered ${res.status}`);
    }
    const intake = await agents.coordinator.get('/intake').expect(200);
    const names: string[] = await t
      .db('intake_requests as r')
      .join('organisations as o', 'o.id', 'r.organisation_id')
      .where('r.operator_id', 1)
      .pluck('o.name');
    expect(names.some((n) => intake.text.includes(n))).toBe(true);
    const meeting = await agents.coordinator.get(`/support-committee/meetings/${targets.meetingId}`).expect(200);
    expect(meeting.text).toContain('Synthèse du diagnostic du parcours');
  }, 120_000);

  it('answers the national annual report and its XLSX to the admin (issue 20)', async () => {
    const admin = await logIn(KNOWN_ADMIN);
    const report = benchAnnualReport(2025);
    await admin.get(report.page).expect(200);
    const xlsx = await admin.get(report.xlsx).buffer(true).expect(200);
    expect(xlsx.headers['content-type']).toContain('spreadsheetml');
  }, 120_000);
});
