import { createOrganisation, createUser } from '../factories';
import { createDeliverable } from '../factories/deliverables';
import { addProvider, createDeliveryCase, createSession } from '../factories/sessions';
import { createTestApp, loginAs, TestApp } from '../support/app';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t.close();
});

/** The visible text of a page, with French narrow and non-breaking spaces as plain spaces. */
const text = (html: string) =>
  html
    .replace(/<[^>]+>/g, ' ')
    .replace(/&#39;/g, "'")
    .replace(/[\u00a0\u202f]/g, ' ')
    .replace(/\s+/g, ' ');

const inAWeek = () => new Date(Date.now() + 7 * 86_400_000);

/**
 * A case in delivery (6 days for 7 000 €) won by one provider against another, with a funder
 * paying 4 321 €, the consultation's rationale, two deliverables to do (one overdue, one back
 * with changes requested), one in review, one accepted, 2.5 days consumed and a session to come.
 */
async function wonCase(title = `Vers un groupe économique solidaire ${Date.now().toString(36)}`) {
  const c = await createDeliveryCase(t.db, { title });
  const won = await addProvider(t.db, c.accId, 'selected');
  const lost = await addProvider(t.db, c.accId, 'not_selected');
  await t
    .db('consultation_bids')
    .where({ accompaniment_id: c.accId, provider_id: lost.provider.id })
    .update({ proposal_days: '5', proposal_price_eur: '5900' });
  const funder = await createOrganisation(t.db, {
    kind: 'funder',
    name: `Conseil départemental ${Date.now().toString(36)}`,
  });
  await t.db('accompaniment_funding').insert({ accompaniment_id: c.accId, funder_id: funder.id, amount_eur: 4321 });
  await t
    .db('consultations')
    .insert({ accompaniment_id: c.accId, selection_rationale: 'Note interne : meilleure note, prix bas.' });
  await t.db('accompaniment_transitions').insert({
    accompaniment_id: c.accId,
    from_state: 'convention',
    to_state: 'delivery',
    comment: 'Commentaire interne du DLA',
  });

  const overdue = await createDeliverable(t.db, c.accId, {
    type: 'fiscal_diagnosis',
    title: 'Diagnostic fiscal du GES',
    expected_on: '2016-03-31',
  });
  const changes = await createDeliverable(t.db, c.accId, {
    type: 'action_plan',
    title: 'Plan d’actions du GES',
    expected_on: null,
    status: 'changes_requested',
  });
  await t.db('deliverable_comments').insert({
    deliverable_id: changes,
    decision: 'changes_requested',
    body: 'Ancienne remarque déjà traitée.',
    version: 1,
    author_id: c.coordinator.id,
    created_at: new Date('2016-05-01T10:00:00Z'),
  });
  await t.db('deliverable_comments').insert({
    deliverable_id: changes,
    decision: 'changes_requested',
    body: 'Préciser le calendrier des actions fiscales.',
    version: 2,
    author_id: c.coordinator.id,
  });
  const inReview = await createDeliverable(t.db, c.accId, {
    type: 'minutes',
    title: 'Compte rendu de lancement',
    status: 'submitted',
  });
  await createDeliverable(t.db, c.accId, { type: 'other', title: 'Texte validé', status: 'accepted' });

  await createSession(t.db, c.accId, { title: 'Séance passée', days_consumed: '2.5' });
  await createSession(t.db, c.accId, {
    title: 'Comité de pilotage n° 2',
    starts_at: inAWeek(),
    status: 'planned',
    validated_at: null,
  });
  return { ...c, won, lost, funder, overdue, changes, inReview };
}

describe('the provider workspace', () => {
  it('the selected provider lands on its case: deliverables expected and when, days, next session, the review comment, and the links', async () => {
    const c = await wonCase();
    const s = await loginAs(t.app, c.won.user.email);
    const res = await s.agent.get('/').expect(200);
    const page = text(res.text);
    expect(page).toContain('Mon espace prestataire');
    expect(res.text).toContain(`href="/accompaniments/${c.accId}"`);
    expect(page).toContain('Mise en œuvre');

    // What is expected, and when: the overdue one marked, the one sent back with its latest comment.
    expect(page).toContain('Diagnostic fiscal du GES');
    expect(page).toMatch(/Attendu pour le 31 mars 2016 En retard/);
    expect(page).toContain('Plan d’actions du GES');
    expect(page).toContain('Modifications demandées sans date fixée');
    expect(page).toContain('Préciser le calendrier des actions fiscales.');
    expect(page).toContain('sur la version 2');
    expect(page).not.toContain('Ancienne remarque déjà traitée.');
    expect(res.text).toContain(`href="/deliverables/${c.overdue}#upload-title"`);
    expect(res.text).toContain(`href="/deliverables/${c.changes}#upload-title"`);
    // In review and accepted are not to-dos.
    expect(page).toMatch(/En relecture : Compte rendu de lancement/);
    expect(res.text).not.toContain(`href="/deliverables/${c.inReview}#upload-title"`);
    expect(page).toContain('1 livrable validé');

    // Days against the contracted days, the session to come, logging one.
    expect(page).toContain('2,5 j consommés sur 6 j — 42 %');
    expect(page).toContain('Reste 3,5 j.');
    expect(page).toContain('Comité de pilotage n° 2');
    expect(page).not.toContain('Séance passée');
    expect(res.text).toContain(`href="/accompaniments/${c.accId}/sessions/new"`);

    // The links lead somewhere the provider may go.
    await s.agent.get(`/deliverables/${c.overdue}`).expect(200);
    await s.agent.get(`/accompaniments/${c.accId}/sessions/new`).expect(200);
  });

  it('shows nothing of the money, the other bidders or the operator’s internal notes', async () => {
    const c = await wonCase();
    const s = await loginAs(t.app, c.won.user.email);
    const page = text((await s.agent.get('/').expect(200)).text);
    expect(page).toContain('Diagnostic fiscal du GES');
    expect(page).not.toContain(c.lost.provider.name);
    expect(page).not.toContain(c.funder.name);
    for (const amount of ['4 321', '4321', '7 000', '7000', '5 900', '5900', '€']) expect(page).not.toContain(amount);
    expect(page).not.toContain('Note interne');
    expect(page).not.toContain('Commentaire interne du DLA');
  });

  it('a provider that lost the consultation sees nothing of the case, and cannot reach it', async () => {
    const c = await wonCase();
    const s = await loginAs(t.app, c.lost.user.email);
    const res = await s.agent.get('/').expect(200);
    const page = text(res.text);
    expect(page).toContain('Aucun accompagnement pour l’instant');
    expect(page).not.toContain('Diagnostic fiscal du GES');
    expect(res.text).not.toContain(`/accompaniments/${c.accId}`);
    await s.agent.get(`/deliverables/${c.overdue}`).expect(404);
    await s.agent.get(`/accompaniments/${c.accId}/sessions/new`).expect(404);
  });

  it('never shows another provider’s accompaniment', async () => {
    const mine = await wonCase(`Mon accompagnement ${Date.now().toString(36)}`);
    const theirs = await wonCase(`Leur accompagnement ${Date.now().toString(36)}`);
    // A second user of the same provider organisation sees the same workspace.
    const colleague = await createUser(t.db, { role: 'provider', organisation_id: mine.won.provider.id });
    for (const email of [mine.won.user.email, colleague.email]) {
      const res = await (await loginAs(t.app, email)).agent.get('/').expect(200);
      expect(res.text).toContain(`href="/accompaniments/${mine.accId}"`);
      expect(res.text).not.toContain(`/accompaniments/${theirs.accId}`);
      expect(res.text).not.toContain(`/deliverables/${theirs.overdue}`);
      expect(text(res.text)).not.toContain(theirs.won.provider.name);
    }
  });

  it('says when the provider still has to sign the current convention, and when it has signed', async () => {
    const c = await wonCase();
    const [doc] = await t
      .db('documents')
      .insert({
        accompaniment_id: c.accId,
        purpose: 'convention',
        filename: 'convention-v1.pdf',
        mime_type: 'application/pdf',
        size_bytes: 1000,
        sha256: 'a'.repeat(64),
        storage_key: `pw-${c.accId}-${Date.now()}`,
      })
      .returning('id');
    const [conv] = await t
      .db('conventions')
      .insert({ accompaniment_id: c.accId, version: 1, document_id: doc.id, sha256: 'a'.repeat(64) })
      .returning('id');
    const [party] = await t
      .db('convention_parties')
      .insert({
        convention_id: conv.id,
        party_kind: 'provider',
        organisation_id: c.won.provider.id,
        name: c.won.provider.name,
        position: 3,
      })
      .returning('id');
    const s = await loginAs(t.app, c.won.user.email);
    let res = await s.agent.get('/').expect(200);
    expect(text(res.text)).toContain('Convention à signer (version 1)');
    // The link names the provider's party: it opens the signature form (it was a 404 without it).
    const link = `/accompaniments/${c.accId}/convention/sign?party=${party.id}`;
    expect(res.text).toContain(`href="${link}"`);
    const form = await s.agent.get(link).expect(200);
    expect(form.text).toContain(`/accompaniments/${c.accId}/convention/signatures`);

    await t.db('convention_signatures').insert({
      convention_id: conv.id,
      party_id: party.id,
      party_kind: 'provider',
      organisation_id: c.won.provider.id,
      signatory_name: 'Paul Prestataire',
      capacity: 'Directeur',
      signed_on: '2016-01-04',
      method: 'click',
      user_id: c.won.user.id,
      sha256_signed: 'a'.repeat(64),
    });
    res = await s.agent.get('/').expect(200);
    expect(text(res.text)).toContain('Convention signée (version 1)');
    expect(text(res.text)).not.toContain('Convention à signer');
  });

  it('other roles keep their usual home page', async () => {
    const c = await wonCase();
    const res = await (await loginAs(t.app, c.coordinator.email)).agent.get('/').expect(200);
    expect(res.text).not.toContain('Mon espace prestataire');
  });
});
