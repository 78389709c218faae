import { createUser } from '../factories';
import { addBid, addFunder, addStructure, createCase, createNotice, createPhase } from '../factories/phases';
import { createTestApp, loginAs, TestApp } from '../support/app';
import { timelineEntries } from '../support/timeline';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

let cases = 0;

/** The Belfort case, as far as this area reads it, built directly in the database (names made unique per case). */
async function belfortCase() {
  const n = ` ${++cases}`;
  const { acc, coordinator, operator } = await createCase(t.db, { title: 'Appui à la création d’un GES' });
  const by = coordinator.id;
  await t.db('accompaniment_transitions').insert([
    { accompaniment_id: acc.id, from_state: null, to_state: 'intake', actor_id: by, on_date: '2015-09-01' },
    {
      accompaniment_id: acc.id,
      from_state: 'intake',
      to_state: 'diagnostic',
      actor_id: by,
      on_date: '2015-09-10',
      comment: 'Diagnostic collectif de 5 jours.',
    },
    {
      accompaniment_id: acc.id,
      from_state: 'diagnostic',
      to_state: 'consultation',
      actor_id: by,
      on_date: '2015-10-16',
    },
  ]);
  const energie = await addStructure(t.db, acc.id, {
    name: `Energie Emploi${n}`,
    joined_on: '2015-09-01',
    actor_id: by,
  });
  const chamois = await addStructure(t.db, acc.id, { name: `Chamois${n}`, joined_on: '2015-09-01', actor_id: by });
  // A validation row inserted directly (the diagnostics area owns its screens).
  await t.db('diagnostic_validations').insert({
    accompaniment_id: acc.id,
    organisation_id: energie.structure.id,
    validated_on: '2015-10-15',
    validated_by_name: 'Présidente d’Energie Emploi',
    recorded_by: by,
  });
  const coorace = await addBid(t.db, acc.id, {
    name: `COORACE – fédération nationale${n}`,
    status: 'selected',
    invited_on: '2015-10-20',
  });
  await addBid(t.db, acc.id, { name: `Cabinet Concurrent${n}`, status: 'not_selected', invited_on: '2015-10-21' });
  await t.db('consultations').insert({
    accompaniment_id: acc.id,
    selected_bid_id: coorace.bidId,
    selected_on: '2015-11-05',
    selected_by: by,
    selection_rationale: 'Meilleure note sur la grille.',
  });
  await createNotice(t.db, acc.id, {
    kind: 'funders_informed',
    on_date: '2015-11-15',
    recipients: 'Conseil départemental, Région',
    created_by: by,
  });
  await createNotice(t.db, acc.id, {
    kind: 'cdiae_informed',
    on_date: '2015-12-15',
    recipients: 'CDIAE',
    created_by: by,
  });
  await createPhase(t.db, acc.id, {
    position: 1,
    name: 'Projet politique',
    planned_start: '2015-11-01',
    actual_start: '2015-11-02',
    actual_end: '2016-01-04',
    status: 'done',
  });
  await createPhase(t.db, acc.id, {
    position: 2,
    name: 'Réflexions stratégiques',
    planned_start: '2016-01-01',
    actual_start: '2016-01-05',
    status: 'in_progress',
  });
  await createPhase(t.db, acc.id, {
    position: 3,
    name: 'Mise en place opérationnelle',
    planned_start: '2016-11-01',
    planned_end: '2099-06-30',
    status: 'planned',
  });
  await t
    .db('accompaniment_beneficiaries')
    .where({ accompaniment_id: acc.id, organisation_id: chamois.structure.id })
    .update({ status: 'withdrawn', withdrawn_on: '2016-11-15', withdrawal_reasons: 'Besoin de temps.' });
  await t.db('beneficiary_changes').insert({
    accompaniment_id: acc.id,
    organisation_id: chamois.structure.id,
    change: 'withdrawn',
    on_date: '2016-11-15',
    reasons: 'Recherchait avant tout une direction partagée. Besoin de temps.',
    may_rejoin: 'En partie, une fois structurée.',
    actor_id: by,
  });
  return { acc, coordinator, operator, coorace, n };
}

const expectedAsc = (n: string) => [
  '1er septembre 2015.*Accompagnement ouvert à l’état « Accueil »',
  `1er septembre 2015.*Energie Emploi${n} rejoint l’accompagnement`,
  `1er septembre 2015.*Chamois${n} rejoint l’accompagnement`,
  '10 septembre 2015.*Passage de « Accueil » à « Diagnostic partagé ».*Diagnostic collectif de 5 jours',
  `15 octobre 2015.*Diagnostic partagé validé par Energie Emploi${n} \\(Présidente d’Energie Emploi\\)`,
  '16 octobre 2015.*Passage de « Diagnostic partagé » à « Mise en concurrence »',
  `20 octobre 2015.*COORACE – fédération nationale${n} invité à faire une proposition`,
  `21 octobre 2015.*Cabinet Concurrent${n} invité à faire une proposition`,
  '2 novembre 2015.*Début de la phase « Projet politique »',
  `5 novembre 2015.*COORACE – fédération nationale${n} retenu comme prestataire.*Meilleure note sur la grille`,
  '15 novembre 2015.*Financeurs informés : Conseil départemental, Région',
  '15 décembre 2015.*CDIAE informé : CDIAE',
  '4 janvier 2016.*Fin de la phase « Projet politique »',
  '5 janvier 2016.*Début de la phase « Réflexions stratégiques »',
  `15 novembre 2016.*Chamois${n} sort du processus.*Raisons :.*Recherchait avant tout une direction partagée.*Retour possible : En partie, une fois structurée`,
  '30 juin 2099.*Prévu.*Fin prévue de la phase « Mise en place opérationnelle »',
];

describe('the timeline of an accompaniment', () => {
  it('gathers every kind of event in chronological order, with who recorded it', async () => {
    const { acc, coordinator, n } = await belfortCase();
    const { agent } = await loginAs(t.app, coordinator.email);
    const page = await agent.get(`/accompaniments/${acc.id}/timeline`).expect(200);
    const entries = timelineEntries(page.text);
    expect(entries).toHaveLength(expectedAsc(n).length);
    expectedAsc(n).forEach((pattern, i) => expect(entries[i]).toMatch(new RegExp(pattern)));
    expect(entries[3]).toContain(`Saisi par ${coordinator.name}`);
    expect(page.text).toContain('16 événements');
    // The planned start of phase 3 is past and nothing actual replaced it: it is not an event.
    expect(page.text).not.toContain('Début prévu de la phase « Mise en place opérationnelle »');
    expect(page.text).toContain('Les plus récents d’abord');
  });

  it('shows the newest first on demand', async () => {
    const { acc, coordinator } = await belfortCase();
    const { agent } = await loginAs(t.app, coordinator.email);
    const page = await agent.get(`/accompaniments/${acc.id}/timeline?order=desc`).expect(200);
    const entries = timelineEntries(page.text);
    expect(entries[0]).toMatch(/30 juin 2099/);
    expect(entries[entries.length - 1]).toMatch(/1er septembre 2015.*Accompagnement ouvert/);
    expect(page.text).toContain('Les plus anciens d’abord');
    expect(page.text).toContain('name="order" value="desc"');
  });

  it('filters by kind of event and by date range', async () => {
    const { acc, coordinator } = await belfortCase();
    const { agent } = await loginAs(t.app, coordinator.email);
    const notices = timelineEntries(
      (await agent.get(`/accompaniments/${acc.id}/timeline?kinds=notices`).expect(200)).text,
    );
    expect(notices).toHaveLength(2);
    expect(notices[0]).toMatch(/Financeurs informés/);
    expect(notices[1]).toMatch(/CDIAE informé/);

    const page = await agent
      .get(`/accompaniments/${acc.id}/timeline?kinds=phases&kinds=beneficiaries&from=2015-11-01&to=2016-12-31`)
      .expect(200);
    expect(
      timelineEntries(page.text).map((e) => e.replace(/^.*?(\d+ \w+ \d{4}).*?(Début|Fin|Chamois).*$/u, '$1 $2')),
    ).toEqual(['2 novembre 2015 Début', '4 janvier 2016 Fin', '5 janvier 2016 Début', '15 novembre 2016 Chamois']);
    expect(page.text).toMatch(/id="kind-phases" name="kinds" value="phases" checked/);
    expect(page.text).toMatch(/id="kind-notices" name="kinds" value="notices">/);
    expect(page.text).toContain('value="2015-11-01"');
  });

  it('says which date is wrong in a range, in French, and keeps it', async () => {
    const { acc, coordinator } = await belfortCase();
    const { agent } = await loginAs(t.app, coordinator.email);
    const res = await agent.get(`/accompaniments/${acc.id}/timeline?from=2016-01-01&to=2015-01-01`).expect(422);
    expect(res.text).toMatch(/id="field-to-error">La date de fin doit suivre la date de début.</);
    expect(res.text).toContain('value="2015-01-01"');
    // The valid bound still applies.
    expect(timelineEntries(res.text)[0]).toMatch(/4 janvier 2016/);
    const bad = await agent.get(`/accompaniments/${acc.id}/timeline?from=demain`).expect(422);
    expect(bad.text).toMatch(/id="field-from-error">Saisissez une date valide/);
  });

  it('hides the consultation from a selected provider, a funder and a beneficiary', async () => {
    const { acc, coorace, n } = await belfortCase();
    const { user: funderUser } = await addFunder(t.db, acc.id);
    const beneficiary = await t
      .db('users as u')
      .join('accompaniment_beneficiaries as b', 'b.organisation_id', 'u.organisation_id')
      .where('b.accompaniment_id', acc.id)
      .first('u.email');
    for (const email of [coorace.user.email, funderUser.email, beneficiary.email]) {
      const { agent } = await loginAs(t.app, email);
      const page = await agent.get(`/accompaniments/${acc.id}/timeline?kinds=consultation&kinds=notices`).expect(200);
      expect(page.text).not.toContain(`Cabinet Concurrent${n}`);
      expect(page.text).not.toContain('invité à faire une proposition');
      expect(page.text).not.toContain('Mise en concurrence</label>');
      expect(page.text).not.toContain('Meilleure note sur la grille');
      expect(timelineEntries(page.text)).toHaveLength(2); // the notices only
      const all = await agent.get(`/accompaniments/${acc.id}/timeline`).expect(200);
      expect(timelineEntries(all.text)).toHaveLength(expectedAsc(n).length - 3);
      expect(all.text).toContain(`Chamois${n} sort du processus`);
    }
  });

  it('shows the consultation to the operator’s manager and to an administrator', async () => {
    const { acc, operator, n } = await belfortCase();
    const manager = await createUser(t.db, { role: 'manager', organisation_id: operator.id });
    const admin = await createUser(t.db, { role: 'admin' });
    for (const u of [manager, admin]) {
      const { agent } = await loginAs(t.app, u.email);
      const page = await agent.get(`/accompaniments/${acc.id}/timeline?kinds=consultation`).expect(200);
      expect(timelineEntries(page.text)).toHaveLength(3);
      expect(page.text).toContain(`Cabinet Concurrent${n} invité à faire une proposition`);
    }
  });

  it('is not found for someone outside the case', async () => {
    const { acc } = await belfortCase();
    const stranger = await createCase(t.db);
    const { user: loser } = await addBid(t.db, acc.id, { status: 'not_selected' });
    for (const u of [stranger.coordinator, loser]) {
      const { agent } = await loginAs(t.app, u.email);
      await agent.get(`/accompaniments/${acc.id}/timeline`).expect(404);
    }
    const { agent } = await loginAs(t.app, stranger.coordinator.email);
    await agent.get('/accompaniments/abc/timeline').expect(404);
  });
});
