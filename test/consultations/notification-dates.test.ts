import { createOrganisation, createUser } from '../factories';
import { createBid, createConsultationCase, createProviderOrg } from '../factories/consultations';
import { createTestApp, loginAs, TestApp } from '../support/app';
import { getCaseTab } from '../support/case-page';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

const FUTURE = `${new Date().getFullYear() + 1}-03-01`;

/**
 * A call launched on 20 October 2015 with two proposals received on 5 and 10 November: one from a
 * provider with an address, one from a provider with neither an address nor an active user.
 */
async function callWithProposals() {
  const c = await createConsultationCase(t.db);
  await t.db('consultations').insert({ accompaniment_id: c.accId, launched_on: '2015-10-20' });
  const reachable = await createProviderOrg(t.db, {
    name: `Cabinet joignable ${c.accId}`,
    email: `contact-${c.accId}@example.test`,
  });
  const silent = await createProviderOrg(t.db, { name: `Cabinet sans adresse ${c.accId}` });
  const bidReachable = await createBid(t.db, c.accId, reachable.id, { received_on: '2015-11-05' });
  const bidSilent = await createBid(t.db, c.accId, silent.id, { received_on: '2015-11-10' });
  const s = await loginAs(t.app, c.coordinator.email);
  return { ...c, ...s, reachable, silent, bidReachable, bidSilent };
}
type Call = Awaited<ReturnType<typeof callWithProposals>>;

const select = (c: Call, fields: Record<string, string> = {}) =>
  c.agent
    .post(`/accompaniments/${c.accId}/consultation/select`)
    .type('form')
    .send({
      _csrf: c.csrf,
      selected_bid_id: c.bidReachable,
      selected_on: '2015-11-20',
      selection_rationale: 'Meilleure note.',
      ...fields,
    });

const notify = (c: Call, bidId: string, fields: Record<string, string>) =>
  c.agent
    .post(`/accompaniments/${c.accId}/consultation/bids/${bidId}/notification`)
    .type('form')
    .send({ _csrf: c.csrf, ...fields });

const bidRow = (id: string) =>
  t
    .db('consultation_bids')
    .where({ id })
    .first('status', 'notified_on', 'notified_channel', 'notified_at', 'notification_recorded_at');

describe('the selection is dated by the user', () => {
  it('warns before sending which bidders have no e-mail address', async () => {
    const c = await callWithProposals();
    const page = await getCaseTab(c.agent, c.accId, 'consultation').expect(200);
    expect(page.text).toContain(
      `Sans adresse e-mail connue, ces candidats ne recevront rien : ${c.silent.name}. Prévenez-les autrement, puis enregistrez quand et comment.`,
    );
    expect(page.text).not.toContain(`ne recevront rien : ${c.reachable.name}`);
  });

  it('records a past selection, e-mails the bidder with an address (notified that day by e-mail) and leaves the other « non notifié »', async () => {
    const c = await callWithProposals();
    await select(c).expect(302);
    expect((await t.db('consultations').where({ accompaniment_id: c.accId }).first('selected_on')).selected_on).toBe(
      '2015-11-20',
    );
    expect(await bidRow(c.bidReachable)).toMatchObject({
      status: 'selected',
      notified_on: '2015-11-20',
      notified_channel: 'email',
    });
    expect(await bidRow(c.bidSilent)).toMatchObject({
      status: 'not_selected',
      notified_on: null,
      notified_channel: null,
      notified_at: null,
    });
    expect(await t.db('outbox').where({ to_address: c.reachable.email })).toHaveLength(1);

    const page = await getCaseTab(c.agent, c.accId, 'consultation').expect(200);
    expect(page.text).toContain(
      'Des candidats n’ont pas reçu d’e-mail : enregistrez quand et comment vous les avez prévenus.',
    );
    expect(page.text).toMatch(
      new RegExp(`${c.reachable.name} \\(Retenu[^)]*\\) :\\s*notifié le 20 novembre 2015 \\(par e-mail\\)`),
    );
    // Typed today, for a day of 2015.
    expect(page.text).toMatch(/notifié le 20 novembre 2015 \(par e-mail\) <span class="muted">\(saisi le /);
    expect(page.text).toMatch(new RegExp(`${c.silent.name} \\([^)]*\\) :\\s*résultat non notifié`));
  });

  it('refuses a selection in the future, before the launch or before the last proposal, in French, input kept, nothing saved', async () => {
    const c = await callWithProposals();
    const cases: [string, string][] = [
      [FUTURE, 'Cette date est dans le futur : saisissez le jour où c’est arrivé (aujourd’hui au plus tard).'],
      [
        '2015-10-01',
        'Cette date précède le lancement de l’appel à compétences (le 20 octobre 2015) : la sélection vient après.',
      ],
      [
        '2015-11-07',
        'Cette date précède la dernière proposition reçue (le 10 novembre 2015) : la sélection se fait une fois les propositions reçues.',
      ],
      ['2015-06-30', 'Cette date précède l’accueil de l’accompagnement (le 1er juillet 2015).'],
    ];
    for (const [day, message] of cases) {
      const res = await select(c, { selected_on: day, selection_rationale: 'Motivation gardée.' }).expect(422);
      expect(res.text).toContain(message);
      expect(res.text).toContain(`value="${day}"`);
      expect(res.text).toContain('Motivation gardée.');
    }
    expect(await t.db('consultation_bids').where({ accompaniment_id: c.accId, status: 'selected' })).toHaveLength(0);
    expect(await t.db('outbox').where({ to_address: c.reachable.email })).toHaveLength(0);
  });

  it('sends nothing when the result was already told outside Jalons, and every bidder is then notified by hand', async () => {
    const c = await callWithProposals();
    await select(c, { no_mail: 'on' }).expect(302);
    expect(await t.db('outbox').where({ to_address: c.reachable.email })).toHaveLength(0);
    expect(await bidRow(c.bidReachable)).toMatchObject({ notified_on: null, notified_channel: null });
    await notify(c, c.bidReachable, { notified_on: '2015-11-21', notified_channel: 'email' }).expect(302);
    expect(await bidRow(c.bidReachable)).toMatchObject({
      notified_on: '2015-11-21',
      notified_channel: 'email',
      notified_at: null,
    });
  });
});

describe('a bidder without an e-mail address is notified another way', () => {
  it('records the channel and the day; the page says « notifié le … (par téléphone) » and the timeline too', async () => {
    const c = await callWithProposals();
    await select(c).expect(302);
    let page = await getCaseTab(c.agent, c.accId, 'consultation').expect(200);
    expect(page.text).toContain(`action="/accompaniments/${c.accId}/consultation/bids/${c.bidSilent}/notification"`);
    // The bidder told by e-mail has no form: its notification is recorded.
    expect(page.text).not.toContain(
      `action="/accompaniments/${c.accId}/consultation/bids/${c.bidReachable}/notification"`,
    );

    await notify(c, c.bidSilent, { notified_on: '2015-11-23', notified_channel: 'phone' }).expect(302);
    const row = await bidRow(c.bidSilent);
    expect(row).toMatchObject({ notified_on: '2015-11-23', notified_channel: 'phone', notified_at: null });
    expect(row!.notification_recorded_at).toBeInstanceOf(Date);
    expect(await t.db('audit_log').where({ action: 'consultation.notify', entity_id: c.accId })).toHaveLength(1);

    page = await getCaseTab(c.agent, c.accId, 'consultation').expect(200);
    expect(page.text).toContain('notifié le 23 novembre 2015 (par téléphone)');
    expect(page.text).not.toContain('résultat non notifié');

    const timeline = await c.agent.get(`/accompaniments/${c.accId}/timeline?kinds=consultation`).expect(200);
    expect(timeline.text).toContain(`${c.silent.name} informé du résultat par téléphone`);
    expect(timeline.text).toContain(`${c.reachable.name} informé du résultat par e-mail`);
    expect(timeline.text).toContain('datetime="2015-11-23"');

    // Once is enough: a second record is refused, nothing changed.
    const again = await notify(c, c.bidSilent, { notified_on: '2015-11-24', notified_channel: 'letter' }).expect(302);
    expect(again.headers.location).toContain(`/accompaniments/${c.accId}`);
    expect(await bidRow(c.bidSilent)).toMatchObject({ notified_on: '2015-11-23', notified_channel: 'phone' });
  });

  it('refuses a day in the future or before the selection, and an unknown channel, in French next to the field, input kept', async () => {
    const c = await callWithProposals();
    await select(c).expect(302);
    const before = await notify(c, c.bidSilent, { notified_on: '2015-11-19', notified_channel: 'letter' }).expect(422);
    expect(before.text).toContain(
      'Cette date précède la sélection (le 20 novembre 2015) : le résultat se notifie après.',
    );
    expect(before.text).toContain(`id="field-notified_on-${c.bidSilent}" name="notified_on" value="2015-11-19"`);
    expect(before.text).toMatch(/<option value="letter" selected>/);

    const future = await notify(c, c.bidSilent, { notified_on: FUTURE, notified_channel: 'in_person' }).expect(422);
    expect(future.text).toContain(
      'Cette date est dans le futur : saisissez le jour où c’est arrivé (aujourd’hui au plus tard).',
    );
    expect(future.text).toContain(`value="${FUTURE}"`);

    const channel = await notify(c, c.bidSilent, { notified_on: '2015-11-23', notified_channel: 'pigeon' }).expect(422);
    expect(channel.text).toContain('Choisissez une valeur dans la liste.');
    expect(await bidRow(c.bidSilent)).toMatchObject({ notified_on: null, notified_channel: null });
  });

  it('is refused before any selection, and to anyone but the operator staff', async () => {
    const c = await callWithProposals();
    const early = await notify(c, c.bidSilent, { notified_on: '2015-11-23', notified_channel: 'phone' }).expect(302);
    const page = await c.agent.get(early.headers.location).expect(200);
    expect(page.text).toContain('Aucun prestataire n’est retenu : il n’y a pas encore de résultat à notifier.');

    await select(c).expect(302);
    const funderOrg = await createOrganisation(t.db, { kind: 'funder' });
    await t
      .db('accompaniment_funding')
      .insert({ accompaniment_id: c.accId, funder_id: funderOrg.id, amount_eur: '7000' });
    const funder = await loginAs(
      t.app,
      (await createUser(t.db, { role: 'funder', organisation_id: funderOrg.id })).email,
    );
    await funder.agent
      .post(`/accompaniments/${c.accId}/consultation/bids/${c.bidSilent}/notification`)
      .type('form')
      .send({ _csrf: funder.csrf, notified_on: '2015-11-23', notified_channel: 'phone' })
      .expect(403);
    const winner = await loginAs(
      t.app,
      (await createUser(t.db, { role: 'provider', organisation_id: c.reachable.id })).email,
    );
    await winner.agent
      .post(`/accompaniments/${c.accId}/consultation/bids/${c.bidSilent}/notification`)
      .type('form')
      .send({ _csrf: winner.csrf, notified_on: '2015-11-23', notified_channel: 'phone' })
      .expect(403);
    expect(await bidRow(c.bidSilent)).toMatchObject({ notified_on: null, notified_channel: null });
  });
});
