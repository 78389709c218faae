import type { z } from 'zod';
import { transitionSchema } from '../../src/accompaniments/schemas';
import { validationSchema } from '../../src/diagnostics/schemas';
import { reviewSchema } from '../../src/deliverables/schemas';
import { notificationSchema, unselectSchema } from '../../src/consultations/schemas';
import { signatureSchema } from '../../src/conventions/schemas';
import { contactSchema } from '../../src/structures/schemas';
import { handoffSchema } from '../../src/handoffs/schemas';
import { reopenSchema } from '../../src/intake/schemas';
import { newPasswordSchema } from '../../src/auth/password-routes';
import { meetingSchema, meetingTransitionSchema, overrideSchema } from '../../src/support-committee/schemas';
import { actionTransitionSchema, closureSchema, linkSchema, outcomeSchema } from '../../src/pathways/schemas';
import { commitSchema, envelopeSchema, releaseSchema } from '../../src/envelopes/schemas';
import type { Db } from '../../src/platform/db';
import type { Field } from './html';

/** The field names of a zod object schema, through refinements and pipes. */
export function fieldsOfSchema(schema: z.ZodType): string[] {
  let def = (schema as unknown as { _zod: { def: { type: string; shape?: Record<string, unknown>; in?: z.ZodType } } })
    ._zod.def;
  while (def.type === 'pipe' && def.in) def = (def.in as unknown as { _zod: { def: typeof def } })._zod.def;
  if (def.type !== 'object' || !def.shape) throw new Error(`not an object schema: ${def.type}`);
  return Object.keys(def.shape);
}

const first = async (db: Db, sql: string) => {
  const { rows } = await db.raw<{ rows: Array<{ id: string }> }>(sql);
  if (!rows[0]) throw new Error(`no record for: ${sql}`);
  return String(rows[0].id);
};
const caseIn = (db: Db, state: string) =>
  first(db, `select id from accompaniments where state = '${state}' order by id limit 1`);
/** A parcours of the demo coordinator's operator. */
const demoPathway = (db: Db) =>
  first(
    db,
    "select p.id from pathways p join users u on u.organisation_id = p.operator_id where u.email = 'coordination@jalons.test' order by p.id limit 1",
  );
/** An action of that parcours of a kind, added (planned) when the demo has none. */
async function demoAction(db: Db, kind: 'advice' | 'orientation') {
  const p = await demoPathway(db);
  const { rows } = await db.raw<{ rows: Array<{ id: string }> }>(
    'select id from pathway_actions where pathway_id = ? and kind = ? order by id limit 1',
    [p, kind],
  );
  const id =
    rows[0]?.id ??
    String(
      (
        await db('pathway_actions')
          .insert({ pathway_id: p, kind, title: 'Action', target_on: '2026-01-01' })
          .returning('id')
      )[0].id,
    );
  return `/pathways/${p}/actions/${id}`;
}
const text = (names: string[]): Field[] => names.map((name) => ({ name, kind: 'text', value: '', options: [] }));

export type SchemaForm = { role: string; fields: Field[]; url: (db: Db) => Promise<string>; why: string };

/**
 * Forms the crawl of the demo data cannot reach (they appear in a state the demo has no case
 * in, or before login): their fields come from the zod schema the route parses, their record
 * from the database. A hostile value must still never reach a 500.
 */
export const SCHEMA_FORMS: Record<string, SchemaForm> = {
  '/login': { role: 'anonymous', fields: text(['email', 'password']), url: async () => '/login', why: 'before login' },
  '/password/forgot': {
    role: 'anonymous',
    fields: text(['email']),
    url: async () => '/password/forgot',
    why: 'before login',
  },
  '/password/reset/:token': {
    role: 'anonymous',
    fields: text(fieldsOfSchema(newPasswordSchema)),
    url: async () => '/password/reset/unknown-token',
    why: 'needs a mailed token; an unknown one is answered 410',
  },
  '/invitation/:token': {
    role: 'anonymous',
    fields: text(fieldsOfSchema(newPasswordSchema)),
    url: async () => '/invitation/unknown-token',
    why: 'needs a mailed token; an unknown one is answered 410',
  },
  '/accompaniments/:id/transitions': {
    role: 'coordinator',
    fields: text(fieldsOfSchema(transitionSchema)),
    url: async (db) => `/accompaniments/${await caseIn(db, 'intake')}/transitions`,
    why: 'a move opens its own form page (GET …/transitions/new?to=…), linked from the case page',
  },
  '/accompaniments/:id/diagnostic/validations': {
    role: 'coordinator',
    fields: text(fieldsOfSchema(validationSchema)),
    url: async (db) => `/accompaniments/${await caseIn(db, 'diagnostic')}/diagnostic/validations`,
    why: 'shown once a diagnostic is written',
  },
  '/deliverables/:id/review': {
    role: 'coordinator',
    fields: text(fieldsOfSchema(reviewSchema)),
    url: async (db) =>
      `/deliverables/${await first(db, "select d.id from deliverables d join accompaniments a on a.id = d.accompaniment_id where a.title = 'Cas hostile en cours'")}/review`,
    why: 'shown once a version is submitted',
  },
  '/accompaniments/:id/consultation/bids/:bidId/scores': {
    role: 'coordinator',
    fields: text(['score_1', 'score_2', 'score_999999999999999999']),
    url: async (db) => {
      const bid = await first(
        db,
        "select b.id from consultation_bids b join accompaniments a on a.id = b.accompaniment_id where a.state = 'consultation'",
      );
      return `/accompaniments/${await caseIn(db, 'consultation')}/consultation/bids/${bid}/scores`;
    },
    why: 'fields are score_<criterion id>, shown once a grid exists',
  },
  '/accompaniments/:id/consultation/unselect': {
    role: 'coordinator',
    fields: text(fieldsOfSchema(unselectSchema)),
    url: async (db) => `/accompaniments/${await caseIn(db, 'consultation')}/consultation/unselect`,
    why: 'shown once a provider is selected',
  },
  '/accompaniments/:id/consultation/bids/:bidId/notification': {
    role: 'coordinator',
    fields: text(fieldsOfSchema(notificationSchema)),
    url: async (db) => {
      const bid = await first(
        db,
        "select b.id from consultation_bids b join accompaniments a on a.id = b.accompaniment_id where a.state = 'consultation'",
      );
      return `/accompaniments/${await caseIn(db, 'consultation')}/consultation/bids/${bid}/notification`;
    },
    why: 'shown only for a bidder whose result was not notified (the demo notified every bidder)',
  },
  '/accompaniments/:id/convention/signatures': {
    role: 'coordinator',
    fields: [...text(fieldsOfSchema(signatureSchema)), { name: 'party', kind: 'text', value: 'operator', options: [] }],
    url: async (db) => `/accompaniments/${await caseIn(db, 'delivery')}/convention/signatures`,
    why: 'shown while a convention awaits signatures',
  },
  '/structures/:id/contacts': {
    role: 'coordinator',
    fields: text(fieldsOfSchema(contactSchema)),
    url: async (db) =>
      `/structures/${await first(db, "select s.organisation_id as id from structures s join organisations o on o.id = s.organisation_id where o.name = 'Intermed'")}/contacts`,
    why: 'the contacts form of a structure page',
  },
  '/accompaniments/:id/handoff': {
    role: 'coordinator',
    fields: text(fieldsOfSchema(handoffSchema)),
    url: async (db) => `/accompaniments/${await caseIn(db, 'delivery')}/handoff`,
    why: 'shown once a case is closed out',
  },
  '/intake/:id/reopen': {
    role: 'coordinator',
    fields: text(fieldsOfSchema(reopenSchema)),
    url: async (db) =>
      `/intake/${await first(db, "select id from intake_requests where status in ('oriented', 'not_eligible', 'no_follow_up') order by id limit 1")}/reopen`,
    why: 'shown once a request has an outcome other than a diagnostic (the crawl reads a few requests only)',
  },
  '/support-committee/meetings/:id': {
    role: 'coordinator',
    fields: text([...fieldsOfSchema(meetingSchema), 'lock_version']),
    url: async (db) =>
      `/support-committee/meetings/${await first(db, 'select id from support_committee_meetings order by id limit 1')}`,
    why: 'a meeting is edited while planned; the demo’s meeting was held in 2015',
  },
  '/support-committee/meetings/:id/transitions': {
    role: 'coordinator',
    fields: text(fieldsOfSchema(meetingTransitionSchema)),
    url: async (db) =>
      `/support-committee/meetings/${await first(db, 'select id from support_committee_meetings order by id limit 1')}/transitions`,
    why: 'holding or cancelling opens its own form page, offered while a meeting is planned',
  },
  '/pathways/:id/consultancies': {
    role: 'coordinator',
    fields: text(fieldsOfSchema(linkSchema)),
    url: async (db) => `/pathways/${await demoPathway(db)}/consultancies`,
    why: 'offered only when a case of the structure is not in its parcours yet (joining a case adds it)',
  },
  '/pathways/:id/actions/:actionId/transitions': {
    role: 'coordinator',
    fields: text(fieldsOfSchema(actionTransitionSchema)),
    url: async (db) => `${await demoAction(db, 'advice')}/transitions`,
    why: 'offered on an action still planned or in progress; the demo’s actions are done',
  },
  '/pathways/:id/actions/:actionId/outcome': {
    role: 'coordinator',
    fields: text(fieldsOfSchema(outcomeSchema)),
    url: async (db) => `${await demoAction(db, 'orientation')}/outcome`,
    why: 'offered on an orientation once done',
  },
  '/pathways/:id/reopen': {
    role: 'coordinator',
    fields: text(fieldsOfSchema(closureSchema)),
    url: async (db) => `/pathways/${await demoPathway(db)}/reopen`,
    why: 'offered on a closed parcours',
  },
  '/envelopes': {
    role: 'manager',
    fields: text(fieldsOfSchema(envelopeSchema)),
    url: async () => '/envelopes',
    why: 'the new envelope form of the year’s page (the director’s)',
  },
  '/envelopes/:id': {
    role: 'manager',
    fields: text([...fieldsOfSchema(envelopeSchema), 'lock_version']),
    url: async (db) => `/envelopes/${await demoEnvelope(db)}`,
    why: 'an envelope’s edit form, offered to the director on its page',
  },
  '/envelopes/:id/commitments/:commitmentId/release': {
    role: 'manager',
    fields: text(fieldsOfSchema(releaseSchema)),
    url: demoCommitment,
    why: 'offered on a commitment still committed, on its envelope’s page',
  },
  '/accompaniments/:id/envelope-commitments': {
    role: 'manager',
    fields: text(fieldsOfSchema(commitSchema)),
    url: async (db) => `/accompaniments/${await caseIn(db, 'delivery')}/envelope-commitments`,
    why: 'committing a case on an envelope, from the case’s framing tab (the director’s)',
  },
  '/accompaniments/:id/committee-override': {
    role: 'manager',
    fields: text(fieldsOfSchema(overrideSchema)),
    url: async (db) => `/accompaniments/${await caseIn(db, 'diagnostic')}/committee-override`,
    why: 'offered on the case page while the comité d’appui has not given a favourable opinion',
  },
};

/** An envelope of the demo director's operator (issue 20), added when the demo has none. */
async function demoEnvelope(db: Db) {
  const { rows } = await db.raw<{ rows: Array<{ id: string }> }>(
    "select e.id from funding_envelopes e join users u on u.organisation_id = e.operator_id where u.email = 'direction@jalons.test' order by e.id limit 1",
  );
  if (rows[0]) return String(rows[0].id);
  const operator = await first(db, "select organisation_id as id from users where email = 'direction@jalons.test'");
  const funder = await first(db, "select id from organisations where kind = 'funder' order by id limit 1");
  const [{ id }] = await db('funding_envelopes')
    .insert({ operator_id: operator, funder_id: funder, year: 2026, label: 'Enveloppe hostile', amount_eur: '1000.00' })
    .returning<Array<{ id: string }>>('id');
  return String(id);
}
/** A commitment still committed on that envelope, as the release form needs one. */
async function demoCommitment(db: Db) {
  const envelope = await demoEnvelope(db);
  const { rows } = await db.raw<{ rows: Array<{ id: string }> }>(
    "select id from envelope_commitments where envelope_id = ? and status = 'committed' order by id limit 1",
    [envelope],
  );
  const id = rows[0]?.id ?? '999999999';
  return `/envelopes/${envelope}/commitments/${id}/release`;
}

/** POST routes with no field to fill (a button): their parameters are covered by params.test.ts. */
export const NOT_FORMS: Record<string, string> = {
  '/logout': 'ends the session (posting it would log the suite out); no field',
  '/users/:id/invitation': 'button: sends the invitation again',
  '/users/:id/enable': 'button: enables an account',
  '/documents/:id/delete': 'button: deletes a document',
  '/accompaniments/:id/diagnostic/validations/:orgId/delete': 'button: cancels a validation',
  '/deliverables/:id/submit': 'button: submits a version',
  '/deliverables/:id/actions/:actionId/delete': 'button: deletes a follow-up action',
  '/accompaniments/:id/consultation/apply-budget': 'button: copies the selected bid into the budget',
  '/accompaniments/:id/convention/remind': 'button: reminds the signatories',
  '/sessions/:id/validate': 'button: validates the minutes',
  '/outbox/:id/retry': 'button: retries a mail',
  '/account/calendar/revoke': 'button: revokes the calendar feed',
  '/handoffs/:id/acknowledge': 'button: the relay acknowledges the package',
  '/handoffs/:id/remind': 'button: reminds the relay',
  '/case-sheet-quotes/:id/delete': 'button: deletes a quote',
  '/reports/:id/recipients/:recipientId/retry': 'button: sends a report again to one funder',
  '/support-committee/meetings/:id/items/:itemId/delete': 'button: takes an item without opinion off the agenda',
  '/accompaniments/:id/steering-committee/members/contacts':
    'button: adds every contact of the structures to the committee',
};
