/**
 * Two people edit the same record: each loads the edit form, both save; the second save must be
 * refused with 409, its page keeping what was typed, and the database keeping the first save.
 * One place for every record edited through a form with optimistic locking (lock_version).
 * The forms are filled from the pages (test/load/form.ts) as a browser would, hidden fields included.
 */
import type { Express } from 'express';
import request from 'supertest';
import { BELFORT_TITLE } from '../../seeds/belfort';
import { DEMO_PASSWORD } from '../../seeds/demo-accounts';
import { createSession } from '../factories/committees';
import { fieldValue, formFields, setFields } from '../load/form';
import { createDemoApp, loginAs, TestApp } from '../support/app';

let t: TestApp;
beforeAll(async () => {
  t = await createDemoApp();
});
afterAll(() => t.close());

const logIn = async (app: Express, email: string) => (await loginAs(app, email, DEMO_PASSWORD)).agent;

type Case = {
  name: string;
  who: string;
  /** The edit page and its form's action, once the record exists. */
  record: () => Promise<{ page: string; action: string; read: () => Promise<string | null> }>;
  field: string;
};

const belfortId = async () => String((await t.db('accompaniments').where({ title: BELFORT_TITLE }).first('id')).id);
const openCaseId = async () =>
  String(
    (await t.db('accompaniments').whereNot({ title: BELFORT_TITLE }).where({ state: 'consultation' }).first('id')).id,
  );

const cases: Case[] = [
  {
    name: 'an accompaniment',
    who: 'coordination@jalons.test',
    field: 'title',
    record: async () => {
      const id = await openCaseId();
      return {
        page: `/accompaniments/${id}/edit`,
        action: `/accompaniments/${id}`,
        read: async () => (await t.db('accompaniments').where({ id }).first('title')).title,
      };
    },
  },
  {
    name: 'a session',
    who: 'coordination@jalons.test',
    field: 'minutes',
    record: async () => {
      const { id } = await createSession(t.db, await openCaseId(), {
        title: 'Réunion de cadrage',
        status: 'planned',
        days_consumed: '0',
      });
      return {
        page: `/sessions/${id}/edit`,
        action: `/sessions/${id}`,
        read: async () => (await t.db('sessions').where({ id }).first('minutes')).minutes,
      };
    },
  },
  {
    name: 'a draft progress report',
    who: 'coordination@jalons.test',
    field: 'risks',
    record: async () => {
      const acc = await belfortId();
      const agent = await logIn(t.app, 'coordination@jalons.test');
      const form = await agent.get(`/accompaniments/${acc}/reports/new`).expect(200);
      const res = await agent
        .post(`/accompaniments/${acc}/reports`)
        .type('form')
        .send(new URLSearchParams(formFields(form.text, `/accompaniments/${acc}/reports`)!).toString())
        .expect(302);
      const id = res.headers.location.split('/').pop()!;
      return {
        page: `/reports/${id}/edit`,
        action: `/reports/${id}`,
        read: async () => (await t.db('progress_reports').where({ id }).first('risks')).risks,
      };
    },
  },
  {
    name: 'a case sheet',
    who: 'coordination@jalons.test',
    field: 'advice',
    record: async () => {
      const id = await belfortId();
      return {
        page: `/accompaniments/${id}/case-sheet/edit`,
        action: `/accompaniments/${id}/case-sheet/edit`,
        read: async () => {
          const row = await t.db('case_sheets').where({ accompaniment_id: id }).first('advice');
          return row ? [row.advice].flat().join('\n') : null;
        },
      };
    },
  },
  {
    name: 'a follow-up checkpoint',
    who: 'relais@jalons.test',
    field: 'notes',
    record: async () => {
      const cp = await t
        .db('follow_up_checkpoints')
        .where({ accompaniment_id: await belfortId() })
        .orderBy('offset_months')
        .first('id');
      return {
        page: `/checkpoints/${cp.id}`,
        action: `/checkpoints/${cp.id}`,
        read: async () => (await t.db('follow_up_checkpoints').where({ id: cp.id }).first('notes')).notes,
      };
    },
  },
];

describe.each(cases)('two people editing $name at the same time', ({ who, field, record }) => {
  it('saves the first, refuses the second with 409 keeping its input, overwrites nothing', async () => {
    const { page, action, read } = await record();
    const first = await logIn(t.app, who);
    const second = await logIn(t.app, who); // a colleague, or the same person in another tab
    const formOf = async (agent: request.Agent) => {
      const res = await agent.get(page).expect(200);
      const fields = formFields(res.text, action);
      if (!fields) throw new Error(`no form posting to ${action} on ${page}`);
      expect(fieldValue(fields, 'lock_version')).toBeDefined();
      return fields;
    };
    const mine = await formOf(first);
    const theirs = await formOf(second);

    const firstText = `Saisie de la première personne ${Date.now()}`;
    const secondText = `Saisie de la seconde personne, qui ne doit pas écraser l’autre ${Date.now()}`;
    const post = (agent: request.Agent, fields: [string, string][]) =>
      agent.post(action).type('form').send(new URLSearchParams(fields).toString());

    const ok = await post(first, setFields(mine, { [field]: firstText }));
    expect(ok.status).toBe(302);
    expect(await read()).toBe(firstText);

    const refused = await post(second, setFields(theirs, { [field]: secondText }));
    expect(refused.status).toBe(409);
    expect(refused.text).toContain('lang="fr"');
    expect(refused.text).toContain(secondText); // what the second person typed is on the conflict page
    expect(await read()).toBe(firstText);

    // Saving again from the conflict page (it carries the new version) goes through.
    const retry = await post(second, formFields(refused.text, action)!);
    expect(retry.status).toBe(302);
    expect(await read()).toBe(secondText);
  });
});
