import { createCase } from '../factories/phases';
import { createTestApp, loginAs, TestApp } from '../support/app';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

/** The session titles shown on a timeline page, in page order. */
const titlesOf = (html: string) =>
  [...html.matchAll(/<a href="\/sessions\/\d+">(Séance n° \d+)<\/a>/g)].map((m) => m[1]);

/** A long case: 120 held sessions, one a day from 1 January 2016 (« Séance n° 1 » … « Séance n° 120 »). */
async function longCase() {
  const c = await createCase(t.db);
  const day = (i: number) => new Date(Date.UTC(2016, 0, 1 + i, 13)).toISOString();
  await t.db('sessions').insert(
    Array.from({ length: 120 }, (_, i) => ({
      accompaniment_id: c.acc.id,
      type: 'working_group',
      title: `Séance n° ${i + 1}`,
      starts_at: day(i),
      days_consumed: '0.5',
      status: 'held',
    })),
  );
  const { agent } = await loginAs(t.app, c.coordinator.email);
  return { ...c, agent, url: `/accompaniments/${c.acc.id}/timeline` };
}

describe('the timeline of a long case, 50 events a page', () => {
  it('shows the first 50 events, says how many there are in all, and links to the next page', async () => {
    const { agent, url } = await longCase();
    const res = await agent.get(`${url}?kinds=sessions`).expect(200);
    expect(titlesOf(res.text)).toEqual(Array.from({ length: 50 }, (_, i) => `Séance n° ${i + 1}`));
    expect(res.text).toContain('120 événements — affichés : 1 à 50');
    expect(res.text).toContain('Page 1 sur 3');
    // The next page keeps the filters; there is no previous page.
    expect(res.text).toContain('<a rel="next" href="?kinds=sessions&amp;page=2">');
    expect(res.text).not.toContain('rel="prev"');
    // The latest events are one click away, on the last page.
    expect(res.text).toContain('<a href="?kinds=sessions&amp;page=3">Dernière page »</a>');
    expect(res.text).not.toContain('Première page');
  });

  it('continues where the previous page stopped, in the chosen order, to the last page', async () => {
    const { agent, url } = await longCase();
    const second = await agent.get(`${url}?kinds=sessions&page=2`).expect(200);
    expect(titlesOf(second.text)).toEqual(Array.from({ length: 50 }, (_, i) => `Séance n° ${i + 51}`));
    expect(second.text).toContain('<a rel="prev" href="?kinds=sessions">');
    const last = await agent.get(`${url}?kinds=sessions&page=3`).expect(200);
    expect(titlesOf(last.text)).toEqual(Array.from({ length: 20 }, (_, i) => `Séance n° ${i + 101}`));
    expect(last.text).toContain('affichés : 101 à 120');
    expect(last.text).not.toContain('rel="next"');
    expect(last.text).toContain('<a href="?kinds=sessions">« Première page</a>');
    expect(last.text).not.toContain('Dernière page');
    // Newest first: page 1 starts with the last session, and the order stays in the page links.
    const newest = await agent.get(`${url}?kinds=sessions&order=desc`).expect(200);
    expect(titlesOf(newest.text).slice(0, 2)).toEqual(['Séance n° 120', 'Séance n° 119']);
    expect(newest.text).toContain('<a rel="next" href="?kinds=sessions&amp;order=desc&amp;page=2">');
    // Flipping the order starts again at page 1.
    expect(second.text).toContain(`href="${url}?kinds=sessions&amp;order=desc"`);
  });

  it('shows the first page for a page number past the end or not a number', async () => {
    const { agent, url } = await longCase();
    for (const page of ['99', 'abc', '-1', '1e9', '']) {
      const res = await agent.get(`${url}?kinds=sessions&page=${page}`).expect(200);
      expect(titlesOf(res.text)[0]).toBe('Séance n° 1');
      expect(res.text).toContain('Page 1 sur 3');
    }
  });

  it('counts only what the filters keep', async () => {
    const { agent, url } = await longCase();
    const res = await agent.get(`${url}?kinds=sessions&from=2016-04-01`).expect(200);
    // 1 April 2016 is the 92nd day of the year: sessions 92 to 120.
    expect(res.text).toContain('29 événements');
    expect(res.text).not.toContain('Page 1 sur');
    expect(titlesOf(res.text)[0]).toBe('Séance n° 92');
  });
});
