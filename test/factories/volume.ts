import { randomBytes } from 'node:crypto';
import type { Db } from '../../src/platform/db';
import { scheduleCheckpoints } from '../../src/follow-up/schedule';
import { createOrganisation, createUser } from './index';
import { createStructure, fundAccompaniment, selectProvider } from './structures';

/**
 * A portfolio of a chosen size for the query-count tests: one operator with `n` accompaniments,
 * all run by the same coordinator, carried out by the same provider, funded by the same funder and
 * handed to the same relay. The first one (`main`) holds `n` of everything a page lists:
 * structures, contacts, phases, sessions with their attendance, action items, deliverables with
 * versions and consents, documents, notices, objectives, a convention, bids, quotes, handoff
 * members and key dates, follow-up checkpoints. Rows go straight in the database, in batches.
 */
export async function createPortfolio(db: Db, n: number) {
  const tag = `${Date.now().toString(36)}${randomBytes(3).toString('hex')}`;
  const operator = await createOrganisation(db, { kind: 'operator', name: `DLA volume ${tag}` });
  const coordinator = await createUser(db, { role: 'coordinator', organisation_id: operator.id });
  const provider = await createOrganisation(db, { kind: 'provider', name: `Cabinet volume ${tag}` });
  const consultant = await createUser(db, { role: 'provider', organisation_id: provider.id });
  const funder = await createOrganisation(db, { kind: 'funder', name: `Financeur volume ${tag}` });
  const funderUser = await createUser(db, { role: 'funder', organisation_id: funder.id });
  const relay = await createOrganisation(db, { kind: 'relay', name: `Relais volume ${tag}` });
  const relayUsers = [];
  for (let i = 0; i < n; i++) relayUsers.push(await createUser(db, { role: 'relay', organisation_id: relay.id }));

  const accIds: string[] = [];
  for (let i = 0; i < n; i++) {
    const [{ id }] = await db('accompaniments')
      .insert({
        operator_id: operator.id,
        coordinator_id: coordinator.id,
        title: `Accompagnement ${tag} n°${i + 1}`,
        kind: 'collective',
        // The main case has reached follow-up (every section shows); the others are in delivery.
        state: i === 0 ? 'follow_up' : 'delivery',
        intake_on: '2015-09-01',
        department: '90',
        budget_days: String(2 * n),
        budget_eur: String(1000 * n),
      })
      .returning('id');
    accIds.push(String(id));
    await selectProvider(db, String(id), provider.id);
    await fundAccompaniment(db, String(id), funder.id, '1000');
  }
  const main = accIds[0];

  // Every case of the list has a structure, a session, a deliverable and an open action item.
  for (const accId of accIds.slice(1)) {
    const s = await createStructure(db, { name: `Structure ${tag} ${accId}` });
    await db('accompaniment_beneficiaries').insert({
      accompaniment_id: accId,
      organisation_id: s.id,
      status: 'active',
      joined_on: '2015-09-01',
    });
    await db('sessions').insert([
      {
        accompaniment_id: accId,
        type: 'working_group',
        title: 'Séance passée',
        starts_at: new Date('2016-02-12T08:30:00Z'),
        status: 'held',
        days_consumed: '0.5',
      },
      {
        accompaniment_id: accId,
        type: 'working_group',
        title: 'Séance à venir',
        starts_at: nextYear(),
        status: 'planned',
      },
    ]);
    await db('deliverables').insert({
      accompaniment_id: accId,
      type: 'action_plan',
      title: 'Plan d’actions',
      expected_on: '2016-06-30',
      status: 'changes_requested',
    });
    await db('action_items').insert({ accompaniment_id: accId, what: 'Action', status: 'open', due_on: '2016-06-30' });
  }

  const structures: Awaited<ReturnType<typeof createStructure>>[] = [];
  for (let i = 0; i < n; i++)
    structures.push(await createStructure(db, { name: `Structure ${tag} principale ${i + 1}` }));
  await db('accompaniment_beneficiaries').insert(
    structures.map((s) => ({
      accompaniment_id: main,
      organisation_id: s.id,
      status: 'active',
      joined_on: '2015-09-01',
    })),
  );
  await db('beneficiary_changes').insert(
    structures.map((s) => ({ accompaniment_id: main, organisation_id: s.id, change: 'joined', on_date: '2015-09-01' })),
  );
  const beneficiaryUser = await createUser(db, { role: 'beneficiary', organisation_id: structures[0].id });
  const contacts = await ids(
    db,
    'structure_contacts',
    structures.map((s, i) => ({
      organisation_id: s.id,
      name: `Contact ${i + 1}`,
      role: 'director',
      email: `contact-${tag}-${i}@example.test`,
    })),
  );

  const phases = await ids(
    db,
    'phases',
    range(n).map((i) => ({
      accompaniment_id: main,
      position: i + 1,
      name: `Phase ${i + 1}`,
      status: 'done',
      planned_start: '2016-01-01',
      planned_end: '2016-12-31',
      actual_start: '2016-01-01',
      actual_end: '2016-12-31',
    })),
  );
  const groups = await ids(
    db,
    'working_groups',
    range(n).map((i) => ({ accompaniment_id: main, theme: `thème ${i + 1}`, name: `Groupe ${i + 1}` })),
  );
  await db('working_group_structures').insert(
    groups.map((g, i) => ({ working_group_id: g, organisation_id: structures[i].id })),
  );
  await db('working_group_members').insert(
    groups.map((g, i) => ({
      working_group_id: g,
      name: `Membre ${i + 1}`,
      contact_id: contacts[i],
      organisation_id: structures[i].id,
    })),
  );
  await db('steering_committee_members').insert(
    range(n).map((i) => ({
      accompaniment_id: main,
      name: `Membre ${i + 1}`,
      contact_id: contacts[i],
      organisation_id: structures[i].id,
      role: 'director',
    })),
  );

  const types = ['kickoff', 'steering_committee', 'working_group', 'restitution'];
  const sessions = await ids(
    db,
    'sessions',
    range(n).map((i) => ({
      accompaniment_id: main,
      type: types[i % types.length],
      title: `Séance ${i + 1}`,
      starts_at: new Date(Date.UTC(2016, 0, 10 + i, 8, 30)),
      phase_id: phases[i],
      working_group_id: types[i % types.length] === 'working_group' ? groups[i] : null,
      status: 'held',
      days_consumed: '0.5',
      minutes: 'Compte rendu.',
      logged_by: coordinator.id,
      validated_at: new Date('2016-03-01T10:00:00Z'),
    })),
  );
  // Everyone at every session: the attendance matrix is sessions × people.
  await db('session_attendees').insert(
    sessions.flatMap((s) =>
      contacts.map((c, i) => ({
        session_id: s,
        contact_id: c,
        name: `Contact ${i + 1}`,
        organisation_id: structures[i].id,
        presence: 'present',
      })),
    ),
  );
  await db('action_items').insert(
    range(n).map((i) => ({
      accompaniment_id: main,
      session_id: sessions[i],
      what: `Action ${i + 1}`,
      owner_organisation_id: structures[i].id,
      due_on: '2016-06-30',
      status: i % 2 ? 'open' : 'in_progress',
    })),
  );

  const deliverables = await ids(
    db,
    'deliverables',
    range(n).map((i) => ({
      accompaniment_id: main,
      type: 'other',
      title: `Livrable ${i + 1}`,
      expected_on: '2016-06-30',
      status: i % 2 ? 'accepted' : 'changes_requested',
    })),
  );
  const versionDocs = await documents(db, main, 'deliverable', n);
  await db('deliverable_versions').insert(
    deliverables.map((d, i) => ({
      deliverable_id: d,
      version: 1,
      document_id: versionDocs[i].id,
      sha256: versionDocs[i].sha256,
      uploaded_by: consultant.id,
    })),
  );
  await db('deliverable_comments').insert(
    deliverables.map((d) => ({
      deliverable_id: d,
      decision: 'changes_requested',
      body: 'À reprendre.',
      version: 1,
      author_id: coordinator.id,
    })),
  );
  await db('deliverable_consents').insert(
    deliverables.map((d, i) => ({
      deliverable_id: d,
      organisation_id: structures[i].id,
      signatory_name: `Contact ${i + 1}`,
      given_on: '2016-11-20',
    })),
  );
  await documents(db, main, 'diagnostic_attachment', n);

  await db('notices').insert(
    range(n).map((i) => ({
      accompaniment_id: main,
      kind: 'funders_informed',
      on_date: '2015-11-15',
      recipients: `Financeur ${i + 1}`,
    })),
  );
  await db('diagnostics').insert({
    accompaniment_id: main,
    findings: 'Constats.',
    context: 'Contexte.',
    recommendations: 'Pistes.',
    days: '1',
    written_on: '2015-10-01',
  });
  const objectives = await ids(
    db,
    'diagnostic_objectives',
    range(n).map((i) => ({ accompaniment_id: main, theme: 'gouvernance', aim: `Objectif ${i + 1}`, position: i + 1 })),
  );
  await db('diagnostic_validations').insert(
    structures.map((s, i) => ({
      accompaniment_id: main,
      organisation_id: s.id,
      validated_on: '2015-10-15',
      validated_by_name: `Contact ${i + 1}`,
    })),
  );
  await db('objective_results').insert(
    objectives.map((o) => ({ objective_id: o, accompaniment_id: main, result: 'met' })),
  );
  await db('satisfaction_surveys').insert(
    structures.map((s) => ({
      accompaniment_id: main,
      organisation_id: s.id,
      score_quality: 4,
      score_listening: 5,
      score_deliverables: 4,
      score_overall: 4,
      answered_by: coordinator.id,
      on_behalf: true,
    })),
  );

  // Bids of n providers, the portfolio's provider selected; a convention signed by every party.
  const otherProviders = [];
  for (let i = 1; i < n; i++)
    otherProviders.push(await createOrganisation(db, { kind: 'provider', name: `Cabinet ${tag} ${i}` }));
  if (otherProviders.length)
    await db('consultation_bids').insert(
      otherProviders.map((p) => ({
        accompaniment_id: main,
        provider_id: p.id,
        invited_on: '2015-10-20',
        status: 'not_selected',
        received_on: '2015-11-05',
        proposal_days: '5',
        proposal_price_eur: '5000',
      })),
    );
  const [conventionDoc] = await documents(db, main, 'convention', 1);
  const [{ id: conventionId }] = await db('conventions')
    .insert({
      accompaniment_id: main,
      version: 1,
      document_id: conventionDoc.id,
      sha256: conventionDoc.sha256,
      generated_by: coordinator.id,
    })
    .returning('id');
  const parties = [
    ...structures.map((s) => ({ kind: 'structure', id: s.id, name: s.name })),
    { kind: 'operator', id: operator.id, name: operator.name },
    { kind: 'provider', id: provider.id, name: provider.name },
  ];
  const partyIds = await ids(
    db,
    'convention_parties',
    parties.map((p, i) => ({
      convention_id: conventionId,
      party_kind: p.kind,
      organisation_id: p.id,
      name: p.name,
      position: i + 1,
    })),
  );
  await db('convention_signatures').insert(
    parties.map((p, i) => ({
      convention_id: conventionId,
      party_id: partyIds[i],
      party_kind: p.kind,
      organisation_id: p.id,
      signatory_name: 'Signataire',
      capacity: 'Direction',
      signed_on: '2016-01-05',
      method: 'click',
      user_id: coordinator.id,
      sha256_signed: conventionDoc.sha256,
    })),
  );

  await db('case_sheets').insert({
    accompaniment_id: main,
    context: ['Contexte'],
    results: ['Résultat'],
    success_factors: ['Facteur'],
    risks: ['Risque'],
    advice: ['Conseil'],
    lock_version: 1,
  });
  await db('case_sheet_quotes').insert(
    range(n).map((i) => ({
      accompaniment_id: main,
      person_name: `Contact ${i + 1}`,
      text: `Citation ${i + 1}`,
      consent_on: '2016-11-20',
      consent_recorded_by: coordinator.id,
      position: i,
    })),
  );

  // Every case handed to the relay (the relay's home lists them); the main one with n members and key dates.
  const handoffIds = await ids(
    db,
    'handoffs',
    accIds.map((accId) => ({
      accompaniment_id: accId,
      relay_id: relay.id,
      summary: 'Suivi confié au relais.',
      workstreams: ['Comptabilité'],
      handed_off_on: '2016-12-15',
      handed_off_by: coordinator.id,
    })),
  );
  await db('handoff_members').insert(relayUsers.map((u) => ({ handoff_id: handoffIds[0], user_id: u.id })));
  await db('handoff_key_dates').insert(
    range(n).map((i) => ({
      handoff_id: handoffIds[0],
      on_date: `2017-${String((i % 12) + 1).padStart(2, '0')}-01`,
      label: `Étape ${i + 1}`,
    })),
  );
  await db.transaction((trx) =>
    scheduleCheckpoints(
      trx,
      main,
      '2016-12-15',
      range(n).map((i) => 6 * (i + 1)),
    ),
  );

  return {
    tag,
    n,
    operator,
    coordinator,
    provider,
    consultant,
    funder,
    funderUser,
    relay,
    relayUser: relayUsers[0],
    beneficiaryUser,
    accIds,
    main,
    sessions,
    deliverables,
    handoffId: handoffIds[0],
  };
}

export type Portfolio = Awaited<ReturnType<typeof createPortfolio>>;

const range = (n: number) => Array.from({ length: n }, (_, i) => i);
const nextYear = () => new Date(Date.UTC(new Date().getFullYear() + 1, 2, 1, 8, 30));

async function ids(db: Db, table: string, rows: Record<string, unknown>[]): Promise<string[]> {
  const inserted: { id: string | number }[] = await db(table).insert(rows).returning('id');
  return inserted.map((r) => String(r.id));
}

/** Document rows only (no file behind them): the pages list documents, they never open them. */
async function documents(db: Db, accompanimentId: string, purpose: string, n: number) {
  const rows = range(n).map((i) => ({
    accompaniment_id: accompanimentId,
    purpose,
    filename: `${purpose}-${i + 1}.pdf`,
    mime_type: 'application/pdf',
    size_bytes: 1000,
    sha256: randomBytes(32).toString('hex'),
    storage_key: `volume/${randomBytes(8).toString('hex')}`,
  }));
  const inserted: { id: string | number; sha256: string }[] = await db('documents')
    .insert(rows)
    .returning(['id', 'sha256']);
  return inserted.map((r) => ({ id: String(r.id), sha256: r.sha256 }));
}
