import { addFunder, createCase } from '../factories/phases';
import { createTestApp, csrfOf, loginAs, TestApp } from '../support/app';
import { getCaseTab } from '../support/case-page';

// A notice is dated the day the partners were informed: never in the future, never before the case's intake.
let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

const FUTURE = `${new Date().getFullYear() + 1}-01-15`;
const post = (
  s: { agent: Awaited<ReturnType<typeof loginAs>>['agent']; csrf: string },
  accId: string,
  fields: Record<string, string>,
) =>
  s.agent
    .post(`/accompaniments/${accId}/notices`)
    .type('form')
    .send({
      _csrf: s.csrf,
      kind: 'funders_informed',
      recipients: 'DDETS du Territoire de Belfort',
      content: 'Lancement.',
      ...fields,
    });
const noticesOf = (accId: string) => t.db('notices').where({ accompaniment_id: accId }).select('on_date', 'recipients');

describe('the day of a notice', () => {
  it('records a past day, shown with « saisi le … » since it was typed today, and on the timeline on its day', async () => {
    const { acc, coordinator } = await createCase(t.db);
    const s = await loginAs(t.app, coordinator.email);
    await post(s, acc.id, { on_date: '2015-11-15' }).expect(302);
    expect(await noticesOf(acc.id)).toEqual([{ on_date: '2015-11-15', recipients: 'DDETS du Territoire de Belfort' }]);
    const page = await getCaseTab(s.agent, acc.id, 'notices').expect(200);
    expect(page.text).toMatch(/<time datetime="2015-11-15">15 novembre 2015<\/time><br><span class="muted">saisi le /);
    const timeline = await s.agent.get(`/accompaniments/${acc.id}/timeline?kinds=notices`).expect(200);
    expect(timeline.text).toContain('datetime="2015-11-15"');
  });

  it('says nothing more when the notice is recorded on its own day', async () => {
    const { acc, coordinator } = await createCase(t.db);
    const s = await loginAs(t.app, coordinator.email);
    const form = await s.agent.get(`/accompaniments/${acc.id}/notices/new`).expect(200);
    const today = form.text.match(/name="on_date" type="date"\s+value="([^"]+)"/)![1];
    await post({ agent: s.agent, csrf: csrfOf(form.text) }, acc.id, { on_date: today }).expect(302);
    const page = await getCaseTab(s.agent, acc.id, 'notices').expect(200);
    expect(page.text).toContain(`<time datetime="${today}">`);
    expect(page.text).not.toContain('saisi le');
  });

  it('refuses a day in the future or before the intake, in French next to the field, input kept, nothing saved', async () => {
    const { acc, coordinator } = await createCase(t.db);
    const s = await loginAs(t.app, coordinator.email);
    const future = await post(s, acc.id, { on_date: FUTURE, recipients: 'Conseil départemental' }).expect(422);
    expect(future.text).toContain(
      'Cette date est dans le futur : saisissez le jour où c’est arrivé (aujourd’hui au plus tard).',
    );
    expect(future.text).toMatch(new RegExp(`name="on_date" type="date"\\s+value="${FUTURE}"`));
    expect(future.text).toContain('value="Conseil départemental"');
    const early = await post(s, acc.id, { on_date: '2015-08-31', recipients: 'Région' }).expect(422);
    expect(early.text).toContain(
      'Cette date précède l’accueil de l’accompagnement (le 1er septembre 2015) : saisissez le jour où les partenaires ont été informés.',
    );
    expect(early.text).toMatch(/name="on_date" type="date"\s+value="2015-08-31"/);
    expect(early.text).toContain('value="Région"');
    expect(await noticesOf(acc.id)).toEqual([]);
    // The intake day itself is accepted.
    await post(s, acc.id, { on_date: '2015-09-01' }).expect(302);
  });

  it('is refused to a funder of the case', async () => {
    const { acc } = await createCase(t.db);
    const { user } = await addFunder(t.db, acc.id);
    const s = await loginAs(t.app, user.email);
    await post(s, acc.id, { on_date: '2015-11-15' }).expect(403);
    expect(await noticesOf(acc.id)).toEqual([]);
  });
});
