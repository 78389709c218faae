import { createUser } from '../factories';
import { beneficiaryOf, diagnosticCase, selectedProvider } from '../factories/diagnostics';
import { createTestApp, csrfOf, loginAs, TestApp } from '../support/app';

// The diagnostic form offers the case's themes (issue 21, no typing twice): with no objective yet,
// one row per theme of the case (a national list's code by its label, a typed theme as typed), and
// the theme field proposes them, then the national list's other themes.
let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

const themeValues = (html: string) => [...html.matchAll(/name="theme" value="([^"]*)"/g)].map((m) => m[1]);
const offered = (html: string) =>
  [
    ...(/<datalist id="objective-themes">([\s\S]*?)<\/datalist>/.exec(html)?.[1] ?? '').matchAll(/value="([^"]*)"/g),
  ].map((m) => m[1]);

describe('the diagnostic form and the case’s themes', () => {
  it('starts from the case’s themes when no objective is written, and saves the aims typed against them', async () => {
    const c = await diagnosticCase(t.db);
    await t
      .db('accompaniments')
      .where({ id: c.acc.id })
      .update({ themes: ['governance', 'cooperation', 'Achats groupés'] });
    const { agent } = await loginAs(t.app, c.coordinator.email);
    const form = await agent.get(`/accompaniments/${c.acc.id}/diagnostic/edit`).expect(200);
    // Three rows from the case (codes read as their French labels, a free theme as typed), then three empty ones.
    expect(themeValues(form.text)).toEqual([
      'Gouvernance',
      'Mutualisation et coopération',
      'Achats groupés',
      '',
      '',
      '',
    ]);
    expect(form.text).toContain('Une ligne par thème de l’accompagnement, reprise de sa fiche');
    expect(form.text).toContain('list="objective-themes"');
    // The field proposes the case's themes first, then the national list's others.
    const list = offered(form.text);
    expect(list.slice(0, 3)).toEqual(['Gouvernance', 'Mutualisation et coopération', 'Achats groupés']);
    expect(list).toContain('Comptabilité et gestion financière');
    expect(new Set(list).size).toBe(list.length);

    const body = [
      `_csrf=${encodeURIComponent(csrfOf(form.text))}`,
      'lock_version=0',
      `theme=${encodeURIComponent('Gouvernance')}`,
      `aim=${encodeURIComponent('Structure chapeau avec un conseil d’administration commun.')}`,
      // The user emptied the second row.
      'theme=',
      'aim=',
      `theme=${encodeURIComponent('Achats groupés')}`,
      `aim=${encodeURIComponent('Pouvoir de négociation.')}`,
    ].join('&');
    await agent.post(`/accompaniments/${c.acc.id}/diagnostic/edit`).type('form').send(body).expect(302);
    const saved = await t
      .db('diagnostic_objectives')
      .where({ accompaniment_id: c.acc.id })
      .orderBy('position')
      .select('theme', 'aim');
    expect(saved).toEqual([
      { theme: 'Gouvernance', aim: 'Structure chapeau avec un conseil d’administration commun.' },
      { theme: 'Achats groupés', aim: 'Pouvoir de négociation.' },
    ]);
    // Once objectives exist they are what the form shows: the removed theme does not come back.
    const again = await agent.get(`/accompaniments/${c.acc.id}/diagnostic/edit`).expect(200);
    expect(themeValues(again.text)).toEqual(['Gouvernance', 'Achats groupés', '', '', '']);
    expect(again.text).not.toContain('Une ligne par thème de l’accompagnement');
    expect(offered(again.text).slice(0, 3)).toEqual(['Gouvernance', 'Mutualisation et coopération', 'Achats groupés']);
  });

  it('reads the themes in English for an English reader, and offers empty rows to a case without themes', async () => {
    const c = await diagnosticCase(t.db);
    await t
      .db('accompaniments')
      .where({ id: c.acc.id })
      .update({ themes: ['economic_model'] });
    const english = await createUser(t.db, { role: 'manager', organisation_id: c.operator.id, locale: 'en' });
    const { agent } = await loginAs(t.app, english.email);
    const form = await agent.get(`/accompaniments/${c.acc.id}/diagnostic/edit`).expect(200);
    expect(themeValues(form.text)).toEqual(['Business model', '', '', '']);

    const bare = await diagnosticCase(t.db);
    const coordinator = await loginAs(t.app, bare.coordinator.email);
    const empty = await coordinator.agent.get(`/accompaniments/${bare.acc.id}/diagnostic/edit`).expect(200);
    expect(themeValues(empty.text)).toEqual(['', '', '']);
    expect(offered(empty.text)).toContain('Gouvernance');
  });

  it('is not shown to who may not edit the diagnostic', async () => {
    const c = await diagnosticCase(t.db);
    await t
      .db('accompaniments')
      .where({ id: c.acc.id })
      .update({ themes: ['governance'] });
    const structure = await beneficiaryOf(t.db, c.structures[0].id);
    const provider = await selectedProvider(t.db, c.acc.id);
    const other = await diagnosticCase(t.db);
    for (const [email, status] of [
      [structure.email, 403],
      [provider.email, 403],
      [other.coordinator.email, 404],
    ] as const) {
      const { agent } = await loginAs(t.app, email);
      const res = await agent.get(`/accompaniments/${c.acc.id}/diagnostic/edit`).expect(status);
      expect(res.text).not.toContain('objective-themes');
    }
  });
});
