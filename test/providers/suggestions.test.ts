import { createProviderOrg, createConsultationCase } from '../factories/consultations';
import { createProfile } from '../factories/providers';
import { createTestApp, loginAs, TestApp } from '../support/app';
import { getCaseTab } from '../support/case-page';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
  await t
    .db('reference_items')
    .insert([
      { list: 'theme', code: 'governance', label_fr: 'Gouvernance', label_en: 'Governance' },
      { list: 'theme', code: 'accounting', label_fr: 'Comptabilité', label_en: 'Accounting' },
    ])
    .onConflict(['list', 'code'])
    .ignore();
});
afterAll(() => t.close());

let worlds = 0;
/**
 * A case in consultation, its themes typed as free text, of an operator of a département of its own
 * (the base is shared by every test of the file), and providers of every kind around it; one of
 * them serves the next département only.
 */
async function world() {
  const n = 2 * ++worlds;
  const [here, next] = [String(n).padStart(2, '0'), String(n + 1).padStart(2, '0')];
  const c = await createConsultationCase(t.db);
  await t.db('organisations').where({ id: c.operator.id }).update({ department: here });
  await t
    .db('accompaniments')
    .where({ id: c.accId })
    .update({ themes: ['  gouvernance', 'ACCOUNTING'] });
  const make = async (name: string, o: Parameters<typeof createProfile>[2] | null) => {
    const p = await createProviderOrg(t.db, { name: `${name} (${here})` });
    if (o) await createProfile(t.db, p.id, { departments: [here], ...o });
    return p;
  };
  const p = {
    both: await make('Cabinet Deux Thèmes', { status: 'listed', themes: ['accounting', 'governance'] }),
    one: await make('Cabinet Un Thème', { status: 'listed', themes: ['governance'] }),
    pendingBoth: await make('Cabinet En Cours', { status: 'pending', themes: ['governance', 'accounting'] }),
    elsewhere: await make('Cabinet du Doubs', { status: 'listed', themes: ['governance'], departments: [next] }),
    delisted: await make('Cabinet Retiré', { status: 'not_listed', themes: ['governance'] }),
    noProfile: await make('Cabinet Sans Fiche', null),
    otherTheme: await make('Cabinet Numérique', { status: 'listed', themes: ['digital'] }),
  };
  const s = await loginAs(t.app, c.coordinator.email);
  return { ...c, p, here, next, ...s };
}
type World = Awaited<ReturnType<typeof world>>;

const invite = (w: World, providerId: string, reason = '') =>
  w.agent
    .post(`/accompaniments/${w.accId}/consultation/bids`)
    .type('form')
    .send({ _csrf: w.csrf, bid_provider_id: providerId, bid_invited_on: '2015-10-20', invitation_reason: reason });
const bidOf = (w: World, providerId: string) =>
  t.db('consultation_bids').where({ accompaniment_id: w.accId, provider_id: providerId }).first();

/** The names of the proposals, in the order the page lists them. */
function proposed(html: string) {
  const block = html.slice(
    html.indexOf('Prestataires proposés par Jalons'),
    html.indexOf('</section>', html.indexOf('Prestataires proposés par Jalons')),
  );
  return [...block.matchAll(/<a href="\/providers\/\d+">([^<]+)<\/a>/g)].map((m) => m[1].replace(/ \(\d+\)$/, ''));
}

describe('the providers Jalons proposes for a consultation', () => {
  it('proposes those whose skills meet the case’s themes in its département, listed first, then pending', async () => {
    const w = await world();
    const page = await w.agent.get(`/accompaniments/${w.accId}/consultation`).expect(200);
    expect(proposed(page.text)).toEqual(['Cabinet Deux Thèmes', 'Cabinet Un Thème', 'Cabinet En Cours']);
    const labels = await t.db('reference_items').where({ list: 'theme' }).whereIn('code', ['accounting', 'governance']);
    const label = (code: string) => labels.find((l) => l.code === code)!.label_fr;
    expect(page.text).toContain(`thèmes communs : ${label('accounting')}, ${label('governance')}`);
    expect(page.text).toContain('<optgroup label="Proposés par Jalons">');
    // The case page's section reads them too (its reads go together).
    const tab = await getCaseTab(w.agent, w.accId, 'consultation').expect(200);
    expect(proposed(tab.text)).toEqual(['Cabinet Deux Thèmes', 'Cabinet Un Thème', 'Cabinet En Cours']);
  });

  it('records that an invited provider was proposed, with the reason if any, and stops proposing it', async () => {
    const w = await world();
    await invite(w, w.p.one.id).expect(302);
    expect(await bidOf(w, w.p.one.id)).toMatchObject({ suggested: true, invitation_reason: null });
    await invite(w, w.p.both.id, 'Connaît les SIAE du territoire').expect(302);
    expect(await bidOf(w, w.p.both.id)).toMatchObject({
      suggested: true,
      invitation_reason: 'Connaît les SIAE du territoire',
    });
    const page = await w.agent.get(`/accompaniments/${w.accId}/consultation`).expect(200);
    expect(proposed(page.text)).toEqual(['Cabinet En Cours']);
    expect(page.text).toContain('Motif de l’invitation : Connaît les SIAE du territoire');
    expect(page.text).toContain('proposé par Jalons');
    const audit = await t
      .db('audit_log')
      .where({ action: 'consultation.invite', entity_id: w.accId })
      .orderBy('id')
      .first();
    expect(audit.details).toMatchObject({ suggested: true });
  });

  it('asks why when the coordinator invites a provider Jalons does not propose, keeping the input (422)', async () => {
    const w = await world();
    const res = await invite(w, w.p.elsewhere.id).expect(422);
    expect(res.text).toContain('Jalons propose d’autres prestataires : indiquez pourquoi vous invitez celui-ci.');
    expect(res.text).toMatch(new RegExp(`<option value="${w.p.elsewhere.id}" selected>`));
    expect(await bidOf(w, w.p.elsewhere.id)).toBeUndefined();

    await invite(w, w.p.elsewhere.id, 'Seul cabinet spécialiste des GES').expect(302);
    expect(await bidOf(w, w.p.elsewhere.id)).toMatchObject({
      suggested: false,
      invitation_reason: 'Seul cabinet spécialiste des GES',
    });
  });

  it('proposes nothing, and asks no reason, when the case has no theme', async () => {
    const w = await world();
    await t.db('accompaniments').where({ id: w.accId }).update({ themes: [] });
    const page = await w.agent.get(`/accompaniments/${w.accId}/consultation`).expect(200);
    expect(page.text).toContain('Aucun prestataire de la base ne correspond');
    await invite(w, w.p.noProfile.id).expect(302);
    expect(await bidOf(w, w.p.noProfile.id)).toMatchObject({ suggested: false, invitation_reason: null });
  });

  it('serves the case’s own département before its operator’s', async () => {
    const w = await world();
    await t.db('accompaniments').where({ id: w.accId }).update({ department: w.next });
    const page = await w.agent.get(`/accompaniments/${w.accId}/consultation`).expect(200);
    expect(proposed(page.text)).toEqual(['Cabinet du Doubs']);
    expect(page.text).toContain(`interviennent dans le département ${w.next}`);
  });
});
