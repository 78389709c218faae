import type request from 'supertest';
import { conventionCase } from '../factories/conventions';
import { tinyPdf } from '../factories/diagnostics';
import { loginAs, type TestApp } from '../support/app';

export type Case = Awaited<ReturnType<typeof conventionCase>>;
export type Session = Awaited<ReturnType<typeof loginAs>>;

/** Awaits a request and checks its status (the helpers are async, so no .expect chaining). */
export async function status(p: Promise<request.Response>, code: number) {
  const res = await p;
  if (res.status !== code) throw new Error(`expected ${code}, got ${res.status}: ${res.text.slice(0, 2000)}`);
  return res;
}

/** What the convention tests do through the app: generate, sign by click or scan, read the parties. */
export function conventionKit(app: () => TestApp) {
  const current = (accId: string) =>
    app().db('conventions').where({ accompaniment_id: accId }).whereNull('voided_at').first();
  const partyOf = async (accId: string, organisationId: string) => {
    const conv = await current(accId);
    return app().db('convention_parties').where({ convention_id: conv.id, organisation_id: organisationId }).first();
  };
  const stateOf = async (accId: string) => (await app().db('accompaniments').where({ id: accId }).first('state')).state;

  /** A version issued on `issuedOn` (by default in December 2015, before the factory's signatures of January 2016). */
  const generate = (s: Session, accId: string, two: string[] = [], issuedOn = '2015-12-15') =>
    s.agent
      .post(`/accompaniments/${accId}/convention/generate`)
      .type('form')
      .send({ _csrf: s.csrf, two_signatories: two, issued_on: issuedOn });

  async function click(
    s: Session,
    accId: string,
    organisationId: string,
    fields: Record<string, string> = {},
    conventionId?: string,
  ) {
    const conv = conventionId ?? String((await current(accId)).id);
    const party = await app()
      .db('convention_parties')
      .where({ convention_id: conv, organisation_id: organisationId })
      .first();
    return s.agent
      .post(`/accompaniments/${accId}/convention/signatures`)
      .type('form')
      .send({
        _csrf: s.csrf,
        convention_id: conv,
        party_id: String(party.id),
        method: 'click',
        signatory_name: 'Odile Perrot',
        capacity: 'Présidente',
        ...fields,
      });
  }

  async function scan(s: Session, accId: string, organisationId: string, fields: Record<string, string> = {}) {
    const party = await partyOf(accId, organisationId);
    const conv = await current(accId);
    const body: Record<string, string> = {
      convention_id: String(conv.id),
      party_id: String(party.id),
      method: 'scan',
      signatory_name: 'Jean Martin',
      capacity: 'Directeur',
      signed_on: '2016-01-05',
      ...fields,
    };
    let req = s.agent.post(`/accompaniments/${accId}/convention/signatures`).field('_csrf', s.csrf);
    for (const [k, v] of Object.entries(body)) req = req.field(k, v);
    return req.attach('file', tinyPdf('Convention signee'), 'convention signée.pdf');
  }

  /** A generated convention, with sessions for the coordinator, each structure and the provider. */
  async function generated(opts: { two?: 'first-structure' } = {}) {
    const c = await conventionCase(app().db);
    const coord = await loginAs(app().app, c.coordinator.email);
    await generate(coord, c.accId, opts.two ? [c.structures[0].id] : []).expect(302);
    return { c, coord };
  }

  async function signAll(c: Case, coord: Session) {
    for (const st of c.structures) await status(click(await loginAs(app().app, st.user.email), c.accId, st.id), 302);
    await status(
      click(coord, c.accId, c.operator.id, { signatory_name: 'Claire Coordination', capacity: 'Directrice' }),
      302,
    );
    await status(scan(coord, c.accId, c.provider!.id), 302);
  }
  return { current, partyOf, stateOf, generate, click, scan, generated, signAll };
}
