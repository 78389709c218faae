/**
 * Two people edit the same record (continued from concurrent-edit.test.ts, same story): each
 * loads the edit form, both save; the second save is refused with 409, its page keeping what was
 * typed, and the database keeping the first save; saving again from the conflict page goes
 * through. Then a form posted with no lock_version, or a garbage one, is refused (409 or 422),
 * never a 500, and changes nothing. The forms are filled from the pages as a browser would.
 */
import type { Express } from 'express';
import request from 'supertest';
import { BELFORT_TITLE } from '../../seeds/belfort';
import { DEMO_PASSWORD } from '../../seeds/demo-accounts';
import { createSession, createWorkingGroup } from '../factories/committees';
import { createBid, createGrid, createProviderOrg } from '../factories/consultations';
import { createPhase } from '../factories/phases';
import { addAttendee } from '../factories/sessions';
import { Fields, fieldValue, formFields, setFields } from '../load/form';
import { createDemoApp, loginAs, TestApp } from '../support/app';

let t: TestApp;
beforeAll(async () => {
  t = await createDemoApp();
});
afterAll(() => t.close());

const logIn = async (app: Express, email: string) => (await loginAs(app, email, DEMO_PASSWORD)).agent;

type Record_ = { page: string; action: string; field: string; read: () => Promise<string | null> };
type Case = {
  name: string;
  who: string;
  /** The edit page, its form's action and the field both people change, once the record exists. */
  record: () => Promise<Record_>;
  /** What each person types (free text unless the field is a number or a choice). */
  typed?: (n: 1 | 2) => string;
  /** How the typed value reads back from the database, when it is stored differently. */
  stored?: (typed: string) => string;
  /** Whether the conflict page shows the typed value (a text field by default). */
  shows?: (html: string, typed: string) => boolean;
};

const stamp = Date.now();
const text = (n: 1 | 2) =>
  n === 1
    ? `Saisie de la première personne ${stamp}`
    : `Saisie de la seconde personne, qui ne doit pas écraser l’autre ${stamp}`;
const caseIn = async (state: string) =>
  String((await t.db('accompaniments').whereNot({ title: BELFORT_TITLE }).where({ state }).first('id')).id);
const orgId = async (name: string) => String((await t.db('organisations').where({ name }).first('id')).id);

const cases: Case[] = [
  {
    name: 'an organisation',
    who: 'admin@jalons.test',
    record: async () => {
      const id = await orgId('Cabinet Hélios Conseil');
      return {
        page: `/organisations/${id}/edit`,
        action: `/organisations/${id}`,
        field: 'name',
        read: async () => (await t.db('organisations').where({ id }).first('name')).name,
      };
    },
  },
  {
    name: 'an account',
    who: 'admin@jalons.test',
    record: async () => {
      const { id } = await t.db('users').where({ email: 'relais@jalons.test' }).first('id');
      return {
        page: `/users/${id}/edit`,
        action: `/users/${id}`,
        field: 'name',
        read: async () => (await t.db('users').where({ id }).first('name')).name,
      };
    },
  },
  {
    name: 'a structure',
    who: 'coordination@jalons.test',
    record: async () => {
      const id = await orgId('Jardins de la Savoureuse');
      return {
        page: `/structures/${id}/edit`,
        action: `/structures/${id}`,
        field: 'address',
        read: async () => (await t.db('structures').where({ organisation_id: id }).first('address'))?.address ?? null,
      };
    },
  },
  {
    name: 'a diagnostic not saved yet (version 0: both would insert)',
    who: 'coordination@jalons.test',
    record: async () => {
      const id = await caseIn('diagnostic');
      return {
        page: `/accompaniments/${id}/diagnostic/edit`,
        action: `/accompaniments/${id}/diagnostic/edit`,
        field: 'findings',
        read: async () =>
          (await t.db('diagnostics').where({ accompaniment_id: id }).first('findings'))?.findings ?? null,
      };
    },
  },
  {
    name: 'the phases of a case (one form for the whole set)',
    who: 'coordination@jalons.test',
    record: async () => {
      const id = await caseIn('consultation');
      const phase = await createPhase(t.db, id, { name: 'Phase unique' });
      return {
        page: `/accompaniments/${id}/phases/edit`,
        action: `/accompaniments/${id}/phases/edit`,
        field: 'p0_name',
        read: async () => (await t.db('phases').where({ id: phase.id }).first('name')).name,
      };
    },
  },
  {
    name: 'the terms of a call',
    who: 'coordination@jalons.test',
    record: async () => {
      const id = await caseIn('intake');
      return {
        page: `/accompaniments/${id}/consultation/edit`,
        action: `/accompaniments/${id}/consultation/edit`,
        field: 'objectives',
        read: async () =>
          (await t.db('consultations').where({ accompaniment_id: id }).first('objectives'))?.objectives ?? null,
      };
    },
  },
  {
    name: 'a provider’s answer to a call',
    who: 'coordination@jalons.test',
    record: async () => {
      const acc = await caseIn('consultation');
      const bid = await createBid(t.db, acc, (await createProviderOrg(t.db)).id);
      const url = `/accompaniments/${acc}/consultation/bids/${bid}`;
      return {
        page: url,
        action: url,
        field: 'method',
        read: async () => (await t.db('consultation_bids').where({ id: bid }).first('method')).method,
      };
    },
  },
  {
    name: 'the scores of a proposal',
    who: 'coordination@jalons.test',
    typed: (n) => (n === 1 ? '12' : '17,5'),
    stored: (typed) => typed.replace(',', '.'),
    shows: (html, typed) => html.includes(`value="${typed}"`),
    record: async () => {
      const acc = await caseIn('consultation');
      const [criterion, ...others] = await createGrid(t.db, acc);
      const bid = await createBid(t.db, acc, (await createProviderOrg(t.db)).id);
      // Every criterion is required: the others are already scored, the form shows them filled in.
      await t.db('bid_scores').insert(others.map((c) => ({ bid_id: bid, criterion_id: c, points: '5' })));
      const url = `/accompaniments/${acc}/consultation/bids/${bid}/scores`;
      const read = async () => {
        const row = await t.db('bid_scores').where({ bid_id: bid, criterion_id: criterion }).first('points');
        return row ? String(Number(row.points)) : null;
      };
      return { page: url, action: url, field: `score_${criterion}`, read };
    },
  },
  {
    name: 'a working group',
    who: 'coordination@jalons.test',
    record: async () => {
      const { id } = await createWorkingGroup(t.db, await caseIn('consultation'));
      return {
        page: `/working-groups/${id}/edit`,
        action: `/working-groups/${id}`,
        field: 'aim',
        read: async () => (await t.db('working_groups').where({ id }).first('aim')).aim,
      };
    },
  },
  {
    name: 'the attendance of a session',
    who: 'coordination@jalons.test',
    typed: (n) => (n === 1 ? 'present' : 'absent'),
    shows: (html, typed) => new RegExp(`value="${typed}"\\s*checked`).test(html),
    record: async () => {
      const { id } = await createSession(t.db, await caseIn('consultation'), {
        title: 'Réunion passée',
        starts_at: '2016-02-12T09:30:00+01:00',
      });
      const attendee = await addAttendee(t.db, id, 'Alice Martin');
      const read = async () => (await t.db('session_attendees').where({ id: attendee }).first('presence')).presence;
      return {
        page: `/sessions/${id}/attendance`,
        action: `/sessions/${id}/attendance`,
        field: `presence_${attendee}`,
        read,
      };
    },
  },
];

const post = (agent: request.Agent, action: string, fields: Fields) =>
  agent.post(action).type('form').send(new URLSearchParams(fields).toString());

describe.each(cases)(
  'two people editing $name at the same time',
  ({ who, record, typed = text, stored = (v: string) => v, shows = (html: string, v: string) => html.includes(v) }) => {
    let r: Record_;
    let first: request.Agent;
    beforeAll(async () => {
      r = await record();
      first = await logIn(t.app, who);
    });

    const formOf = async (agent: request.Agent) => {
      const res = await agent.get(r.page).expect(200);
      const fields = formFields(res.text, r.action);
      if (!fields) throw new Error(`no form posting to ${r.action} on ${r.page}`);
      expect(fieldValue(fields, 'lock_version')).toMatch(/^\d+$/);
      return fields;
    };

    it('saves the first, refuses the second with 409 keeping its input, overwrites nothing', async () => {
      const second = await logIn(t.app, who); // a colleague, or the same person in another tab
      const mine = await formOf(first);
      const theirs = await formOf(second);

      expect((await post(first, r.action, setFields(mine, { [r.field]: typed(1) }))).status).toBe(302);
      expect(await r.read()).toBe(stored(typed(1)));

      const refused = await post(second, r.action, setFields(theirs, { [r.field]: typed(2) }));
      expect(refused.status).toBe(409);
      expect(refused.text).toContain('lang="fr"');
      expect(refused.text).toMatch(/(Quelqu’un a (modifié|enregistré|noté))/);
      expect(shows(refused.text, typed(2))).toBe(true); // what the second person typed is on the conflict page
      expect(await r.read()).toBe(stored(typed(1)));

      // Saving again from the conflict page (it carries the current version) is a deliberate overwrite.
      const retry = await post(second, r.action, formFields(refused.text, r.action)!);
      expect(retry.status).toBe(302);
      expect(await r.read()).toBe(stored(typed(2)));
    });

    it.each([
      ['no lock_version', null],
      ['a garbage lock_version', 'abc'],
      ['a negative one', '-1'],
      ['one too big for the column', '99999999999999999999'],
    ])('refuses a save with %s (409 or 422, never a 500) and changes nothing', async (_label, lockVersion) => {
      const before = await r.read();
      const fields = setFields(await formOf(first), { [r.field]: typed(1) }).filter(([k]) => k !== 'lock_version');
      const res = await post(
        first,
        r.action,
        lockVersion === null ? fields : [...fields, ['lock_version', lockVersion]],
      );
      expect([409, 422]).toContain(res.status);
      expect(await r.read()).toBe(before);
    });
  },
);
