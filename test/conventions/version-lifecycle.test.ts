import { localToday } from '../../src/platform/dates';
import { translate } from '../../src/platform/i18n';
import { eventsFrom } from '../../src/platform/transitions';
import {
  findVersionTransition,
  transitionVersion,
  VERSION_EVENTS,
  VERSION_STATUSES,
  VERSION_TRANSITIONS,
  VersionTransitionRefused,
  versionRefusalText,
  versionStatus,
  type VersionEvent,
} from '../../src/conventions/version-lifecycle';
import { down, up } from '../../migrations/20261207200100_convention_version_transitions';
import { createTestApp, loginAs, TestApp } from '../support/app';
import { conventionKit, status, type Session } from './kit';
import { writtenOutside } from '../support/written-elsewhere';

// A convention version's status (draft → issued → signed → void) moves only through its table, and each move is logged.
let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

const { current, generate, click, scan, generated, signAll, stateOf } = conventionKit(() => t);
const fr = (key: Parameters<typeof translate>[1], params?: Parameters<typeof translate>[2]) =>
  translate('fr', key, params);

const logOf = (conventionId: string) =>
  t
    .db('convention_version_transitions')
    .where({ convention_id: conventionId })
    .orderBy('id')
    .select('from_status', 'to_status', 'cause', 'on_date', 'actor_id');
const statusOf = (conventionId: string) => t.db.transaction((trx) => versionStatus(trx, conventionId));

/** Tries a move in its own transaction; answers the French reason it was refused with, or null. */
async function tryMove(conventionId: string, event: VersionEvent) {
  try {
    await t.db.transaction((trx) =>
      transitionVersion(trx, conventionId, event, { actorId: null, onDate: '2016-03-01', cause: 'signature' }),
    );
    return null;
  } catch (err) {
    if (!(err instanceof VersionTransitionRefused)) throw err;
    return versionRefusalText(fr, err);
  }
}

describe('the transition table of a convention version', () => {
  it('knows exactly these moves, and refuses every other event from each status', () => {
    expect(VERSION_TRANSITIONS.map((x) => `${x.event}: ${x.from} → ${x.to}`)).toEqual([
      'issue: draft → issued',
      'complete: issued → signed',
      'await_again: signed → issued',
      'void: issued → void',
      'void: signed → void',
    ]);
    for (const from of VERSION_STATUSES) {
      for (const event of VERSION_EVENTS) {
        const allowed = VERSION_TRANSITIONS.some((x) => x.from === from && x.event === event);
        expect(findVersionTransition(from, event) !== undefined).toBe(allowed);
      }
    }
    expect(eventsFrom(VERSION_TRANSITIONS, 'issued')).toEqual(['complete', 'void']);
    expect(eventsFrom(VERSION_TRANSITIONS, 'void')).toEqual([]);
  });

  it('walks draft → issued → signed → void, logging each move with its day, its cause and who caused it', async () => {
    const { c, coord } = await generated();
    const v1 = await current(c.accId);
    expect(await logOf(v1.id)).toEqual([
      { from_status: 'draft', to_status: 'issued', cause: 'issue', on_date: '2015-12-15', actor_id: c.coordinator.id },
    ]);
    expect(await statusOf(v1.id)).toBe('issued');

    await signAll(c, coord);
    // The provider's scan (signed on 5 January 2016) completed it; the clicks, dated today, are its latest signatures.
    expect((await logOf(v1.id)).at(-1)).toEqual({
      from_status: 'issued',
      to_status: 'signed',
      cause: 'signature',
      on_date: localToday(),
      actor_id: c.coordinator.id,
    });
    expect(await statusOf(v1.id)).toBe('signed');

    await generate(coord, c.accId, [], '2016-01-20').expect(302);
    const v2 = await current(c.accId);
    expect((await logOf(v1.id)).at(-1)).toEqual({
      from_status: 'signed',
      to_status: 'void',
      cause: 'new_version',
      on_date: '2016-01-20',
      actor_id: c.coordinator.id,
    });
    expect(await statusOf(v1.id)).toBe('void');
    expect(await t.db('convention_signatures').where({ convention_id: v1.id }).whereNull('voided_at')).toEqual([]);
    expect(await logOf(v2.id)).toEqual([
      { from_status: 'draft', to_status: 'issued', cause: 'issue', on_date: '2016-01-20', actor_id: c.coordinator.id },
    ]);
    // A version replaced before it was signed goes issued → void.
    await generate(coord, c.accId, [], '2016-01-21').expect(302);
    expect((await logOf(v2.id)).map((r) => `${r.from_status} → ${r.to_status}`)).toEqual([
      'draft → issued',
      'issued → void',
    ]);
  });

  it('refuses a move outside the table or whose guard fails, with the French reason, and logs nothing', async () => {
    const { c, coord } = await generated();
    const v1 = await current(c.accId);
    expect(await tryMove(v1.id, 'complete')).toBe(
      'La convention en vigueur n’est pas encore signée par toutes les parties.',
    );
    expect(await tryMove(v1.id, 'issue')).toBe(
      'Une version de la convention ne peut pas passer de l’état « Établie, en attente de signatures » à l’état « Établie, en attente de signatures ».',
    );
    expect(await tryMove(v1.id, 'await_again')).toBe(
      'Une version de la convention ne peut pas passer de l’état « Établie, en attente de signatures » à l’état « Établie, en attente de signatures ».',
    );

    await signAll(c, coord);
    expect(await tryMove(v1.id, 'await_again')).toBe(
      'Toutes les parties attendues ont signé cette version de la convention.',
    );
    expect(await tryMove(v1.id, 'complete')).toBe(
      'Une version de la convention ne peut pas passer de l’état « Signée par toutes les parties » à l’état « Signée par toutes les parties ».',
    );
    expect(await tryMove(v1.id, 'issue')).toBe(
      'Une version de la convention ne peut pas passer de l’état « Signée par toutes les parties » à l’état « Établie, en attente de signatures ».',
    );

    await generate(coord, c.accId, [], '2016-01-20').expect(302);
    expect(await tryMove(v1.id, 'await_again')).toBe(
      'Une version de la convention ne peut pas passer de l’état « Remplacée » à l’état « Établie, en attente de signatures ».',
    );
    expect(await tryMove(v1.id, 'complete')).toBe(
      'Une version de la convention ne peut pas passer de l’état « Remplacée » à l’état « Signée par toutes les parties ».',
    );
    expect(await tryMove(v1.id, 'void')).toBe(
      'Une version de la convention ne peut pas passer de l’état « Remplacée » à l’état « Remplacée ».',
    );
    expect((await logOf(v1.id)).map((r) => `${r.from_status} → ${r.to_status}`)).toEqual([
      'draft → issued',
      'issued → signed',
      'signed → void',
    ]);
  });
});

describe('a structure that left the case without signing', () => {
  const move = (s: Session, accId: string) =>
    s.agent
      .post(`/accompaniments/${accId}/transitions`)
      .type('form')
      .send({ _csrf: s.csrf, to: 'delivery', on_date: '2016-02-20' });
  const withdraw = (s: Session, accId: string, orgId: string, on: string) =>
    s.agent
      .post(`/accompaniments/${accId}/beneficiaries/${orgId}/withdraw`)
      .type('form')
      .send({ _csrf: s.csrf, withdrawn_on: on, withdrawal_reasons: 'Projet abandonné.' });
  const rejoin = (s: Session, accId: string, orgId: string, on: string) =>
    s.agent
      .post(`/accompaniments/${accId}/beneficiaries/${orgId}/rejoin`)
      .type('form')
      .send({ _csrf: s.csrf, on_date: on });

  it('does not block the version from being signed nor the case from entering delivery; coming back, it is awaited again', async () => {
    const { c, coord } = await generated();
    const [signer, leaver] = c.structures;
    // The signed copies collected by the coordinator, signed on 5 January 2016.
    for (const orgId of [signer.id, c.operator.id, c.provider!.id]) await status(scan(coord, c.accId, orgId), 302);
    const v1 = await current(c.accId);
    expect(await statusOf(v1.id)).toBe('issued');
    const refused = await move(coord, c.accId).expect(422);
    expect(refused.text).toContain('La convention en vigueur n’est pas encore signée par toutes les parties.');

    await status(withdraw(coord, c.accId, leaver.id, '2016-02-01'), 302);
    expect(await statusOf(v1.id)).toBe('signed');
    // Signed on the day its last awaited party left, after the signatures of 5 January 2016.
    expect((await logOf(v1.id)).at(-1)).toEqual({
      from_status: 'issued',
      to_status: 'signed',
      cause: 'withdrawal',
      on_date: '2016-02-01',
      actor_id: c.coordinator.id,
    });

    // It comes back before the case moved: its signature is awaited again.
    await status(rejoin(coord, c.accId, leaver.id, '2016-02-10'), 302);
    expect(await statusOf(v1.id)).toBe('issued');
    expect((await logOf(v1.id)).at(-1)).toMatchObject({
      from_status: 'signed',
      to_status: 'issued',
      cause: 'rejoin',
      on_date: '2016-02-10',
    });
    await move(coord, c.accId).expect(422);

    await status(withdraw(coord, c.accId, leaver.id, '2016-02-15'), 302);
    await move(coord, c.accId).expect(302);
    expect(await stateOf(c.accId)).toBe('delivery');
    expect((await logOf(v1.id)).map((r) => `${r.from_status} → ${r.to_status}`)).toEqual([
      'draft → issued',
      'issued → signed',
      'signed → issued',
      'issued → signed',
    ]);
  });

  it('leaving after it signed changes nothing: the version stays as its signatures make it', async () => {
    const { c, coord } = await generated();
    const [leaver] = c.structures;
    await status(click(await loginAs(t.app, leaver.user.email), c.accId, leaver.id), 302);
    const v1 = await current(c.accId);
    await status(withdraw(coord, c.accId, leaver.id, '2016-02-01'), 302);
    expect(await statusOf(v1.id)).toBe('issued');
    expect((await logOf(v1.id)).map((r) => `${r.from_status} → ${r.to_status}`)).toEqual(['draft → issued']);
  });
});

describe('one place for a version’s status', () => {
  it('no statement outside version-lifecycle.ts voids a version or its signatures, or writes its log', () => {
    expect(
      writtenOutside(
        'conventions/version-lifecycle.ts',
        /\('(conventions|convention_signatures)'\)[^;]*?\bvoided_at:|'convention_version_transitions'\)[^;]*?\.(insert|update)\(|logTransition\(\w+, 'convention_version_transitions'/g,
        ['src', 'seeds'],
      ),
    ).toEqual([]);
  });
});

describe('the history of versions recorded before the log existed', () => {
  it('is back-filled by the migration as the commands would have written it: issued, signed on its latest signature or exit, void when replaced', async () => {
    const walked = await generated();
    await signAll(walked.c, walked.coord);
    const replaced = await current(walked.c.accId);
    await generate(walked.coord, walked.c.accId, [], '2016-01-20').expect(302);
    const inForce = await current(walked.c.accId);
    const left = await generated();
    for (const orgId of [left.c.structures[0].id, left.c.operator.id, left.c.provider!.id])
      await status(scan(left.coord, left.c.accId, orgId), 302);
    await status(
      left.coord.agent
        .post(`/accompaniments/${left.c.accId}/beneficiaries/${left.c.structures[1].id}/withdraw`)
        .type('form')
        .send({ _csrf: left.coord.csrf, withdrawn_on: '2016-02-01', withdrawal_reasons: 'Projet abandonné.' }),
      302,
    );
    const signedByAll = await current(left.c.accId);

    const ids = [replaced.id, inForce.id, signedByAll.id];
    const moves = async () => {
      const rows = await t
        .db('convention_version_transitions')
        .whereIn('convention_id', ids)
        .orderBy('id')
        .select('convention_id', 'from_status', 'to_status', 'on_date');
      return ids.map((id) =>
        rows.filter((r) => r.convention_id === id).map((r) => `${r.from_status} → ${r.to_status} ${r.on_date}`),
      );
    };
    const written = await moves();
    expect(written).toEqual([
      ['draft → issued 2015-12-15', `issued → signed ${localToday()}`, 'signed → void 2016-01-20'],
      ['draft → issued 2016-01-20'],
      ['draft → issued 2015-12-15', 'issued → signed 2016-02-01'],
    ]);
    await down(t.db);
    await up(t.db);
    expect(await moves()).toEqual(written);
  });
});
