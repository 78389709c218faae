import type { Db } from '../../src/platform/db';
import { createOrganisation, createUser } from '../factories';
import { createActionItem, createBelfortCase, createSession, withdrawStructure } from '../factories/committees';
import { createDeliverable } from '../factories/deliverables';
import { tinyPdf } from '../factories/diagnostics';
import { loginAs, TestApp } from '../support/app';

let seq = 0;

/** A relay organisation with active relay users (and one disabled, never offered). */
export async function createRelay(db: Db, names = ['Karim Benali', 'Lucie Girardot']) {
  const relay = await createOrganisation(db, {
    kind: 'relay',
    name: `COORACE – délégation régionale ${++seq}-${Date.now().toString(36)}`,
  });
  const users = [];
  for (const name of names) users.push(await createUser(db, { role: 'relay', organisation_id: relay.id, name }));
  return { relay, users };
}

/**
 * The Belfort case at close-out (final review on 15 Nov. 2016), with what the package reads:
 * Chamois withdrawn with its "may rejoin", actions in every status (and a plan's actions not yet
 * public), a consented deliverable and another one without consent (uploaded by the provider).
 */
export async function closeOutCase(t: TestApp) {
  const c = await createBelfortCase(t.db);
  const { db } = t;
  await withdrawStructure(db, c.accId, c.structures.chamois.id);
  await db('accompaniment_beneficiaries')
    .where({ accompaniment_id: c.accId, organisation_id: c.structures.chamois.id })
    .update({ may_rejoin: 'En partie (le chantier d’insertion) une fois structurée' });
  await db('accompaniments')
    .where({ id: c.accId })
    .update({ objectives: 'Accompagner le regroupement de 4 structures.' });

  const session = await createSession(db, c.accId, { title: 'Comité de pilotage de bilan' });
  const actions = {
    open: await createActionItem(db, c.accId, {
      session_id: session.id,
      what: 'Rédiger les statuts de l’association support',
      status: 'open',
    }),
    inProgress: await createActionItem(db, c.accId, {
      session_id: session.id,
      what: 'Choisir un logiciel de paie commun',
      status: 'in_progress',
    }),
    done: await createActionItem(db, c.accId, {
      session_id: session.id,
      what: 'Présenter le texte fédérateur en AG',
      status: 'done',
    }),
    dropped: await createActionItem(db, c.accId, {
      session_id: session.id,
      what: 'Recruter un directeur général',
      status: 'dropped',
    }),
  };
  // An action plan still under review: its actions are not public yet, so not in the package.
  const draftPlan = await createDeliverable(db, c.accId, {
    type: 'action_plan',
    title: 'Plan d’actions provisoire',
    status: 'submitted',
  });
  await db('action_items').insert({
    accompaniment_id: c.accId,
    deliverable_id: draftPlan,
    what: 'Action d’un plan non accepté',
    status: 'open',
    visible: false,
  });

  const shared = await createDeliverable(db, c.accId, { type: 'unifying_text', title: 'Texte fédérateur' });
  const confidential = await createDeliverable(db, c.accId, { type: 'fiscal_diagnosis', title: 'Diagnostic fiscal' });
  const provider = await loginAs(t.app, c.consultant.email);
  for (const [id, name] of [
    [shared, 'texte-federateur.pdf'],
    [confidential, 'diagnostic-fiscal.pdf'],
  ]) {
    await provider.agent
      .post(`/deliverables/${id}/versions`)
      .field('_csrf', provider.csrf)
      .attach('file', tinyPdf(name), name)
      .expect(302);
  }
  await db('deliverable_consents').insert({
    deliverable_id: shared,
    organisation_id: c.structures.energie.id,
    scope: 'funders',
    signatory_name: 'Bernard Lhomme',
    given_on: '2016-11-20',
  });
  const docOf = async (deliverableId: string) =>
    String(
      (await db('deliverable_versions').where({ deliverable_id: deliverableId }).first('document_id')).document_id,
    );

  await db('accompaniments').where({ id: c.accId }).update({ state: 'close_out' });
  await db('accompaniment_transitions').insert({
    accompaniment_id: c.accId,
    from_state: 'delivery',
    to_state: 'close_out',
    on_date: '2016-11-15',
    actor_id: c.coordinator.id,
  });
  return { ...c, session, actions, sharedDoc: await docOf(shared), confidentialDoc: await docOf(confidential) };
}

/** The form as a coordinator would post it (fields may be overridden or removed with undefined). */
export function handoffForm(
  csrf: string,
  relayId: string,
  memberIds: string[],
  extra: Record<string, string | string[] | undefined> = {},
) {
  const fields: Record<string, string | string[] | undefined> = {
    _csrf: csrf,
    relay_id: relayId,
    member_ids: memberIds,
    summary: 'Regroupement de quatre SIAE en GES ; Chamois sortie du processus.',
    management_committee: 'Les deux directrices, les trois président·es et des administrateurs.',
    workstreams: 'Comptabilité commune\nFusion des logiciels\nStatuts de la nouvelle association support',
    handed_off_on: '2016-12-01',
    key_date_on_0: '2017-06-30',
    key_date_approximate_0: '1',
    key_date_label_0: 'Association support créée',
    key_date_on_1: '2018-01-01',
    key_date_label_1: 'Démarrage effectif du GES',
    ...extra,
  };
  return Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined)) as Record<
    string,
    string | string[]
  >;
}

/** The coordinator hands the case to the relay through the form; answers the handoff's id. */
export async function handOff(
  t: TestApp,
  c: { accId: string; coordinator: { email: string } },
  relayId: string,
  memberIds: string[],
) {
  const s = await loginAs(t.app, c.coordinator.email);
  const res = await s.agent
    .post(`/accompaniments/${c.accId}/handoff`)
    .type('form')
    .send(handoffForm(s.csrf, relayId, memberIds))
    .expect(302);
  const id = res.headers.location.match(/^\/handoffs\/(\d+)$/)?.[1];
  if (!id) throw new Error(`unexpected redirect ${res.headers.location}`);
  return { id, coordinator: s };
}
