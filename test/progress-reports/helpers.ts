import { createHash } from 'node:crypto';
import type { Express } from 'express';
import request from 'supertest';
import { BELFORT_TITLE } from '../../seeds/belfort';
import { DEMO_PASSWORD } from '../../seeds/demo-accounts';
import type { Db } from '../../src/platform/db';
import { loginAs } from '../support/app';

export const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');

/** supertest parser keeping a response's exact bytes. */
export const binary = (res: request.Response, cb: (err: Error | null, body: Buffer) => void) => {
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(c));
  res.on('end', () => cb(null, Buffer.concat(chunks)));
};

export { pdfText } from '../support/pdf-text';

/** Awaits a request and checks its status, showing the page when it differs. */
export async function status(p: PromiseLike<request.Response>, code: number) {
  const res = await p;
  if (res.status !== code) throw new Error(`expected ${code}, got ${res.status}: ${String(res.text).slice(0, 1500)}`);
  return res;
}

export type Agent = Awaited<ReturnType<typeof loginAs>>;
export const loginDemo = (app: Express, email: string) => loginAs(app, email, DEMO_PASSWORD);

export const belfortId = async (db: Db) =>
  String((await db('accompaniments').where({ title: BELFORT_TITLE }).first('id')).id);

export const draftFields = (over: Record<string, string> = {}) => ({
  milestone: 'restitution',
  title: 'Point d’étape après la restitution',
  period_end: '2016-12-01',
  next_steps: 'Mettre en place le comité de direction commun.',
  risks: 'Départ de la direction partagée.',
  comment: 'Un regroupement solide malgré la sortie de Chamois.',
  ...over,
});

/** Creates a draft through the form and answers its id. */
export async function createDraft(s: Agent, accId: string, over: Record<string, string> = {}) {
  const res = await status(
    s.agent
      .post(`/accompaniments/${accId}/reports`)
      .type('form')
      .send({ _csrf: s.csrf, ...draftFields(over) }),
    302,
  );
  return String(res.headers.location).split('/').pop()!;
}
