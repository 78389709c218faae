import type session from 'express-session';
import { KnexSessionStore, TOUCH_AFTER_MS } from '../../src/platform/session-store';
import type { Database } from '../../src/platform/db';
import { createTestDatabase } from '../support/db';

// Sliding an idle session's expiry is a write; it is only done when the expiry moves by a minute
// or more, so that ordinary page views read the session without writing it.
let database: Database;
let store: KnexSessionStore;
beforeAll(async () => {
  database = await createTestDatabase();
  store = new KnexSessionStore(database.db, 60 * 60_000, 0);
});
afterAll(() => database.close());

const data = (expires: Date) =>
  ({ cookie: { expires, originalMaxAge: 3_600_000 }, passport: { user: '1' } }) as unknown as session.SessionData;
const call = (fn: (cb: (err?: unknown, v?: unknown) => void) => void) =>
  new Promise<unknown>((resolve, reject) =>
    fn((err, v) => (err ? reject(err instanceof Error ? err : new Error('session store failed')) : resolve(v))),
  );
const storedExpiry = async (sid: string) =>
  new Date((await database.db('user_sessions').where({ sid }).first('expires_at')).expires_at).getTime();

describe('the session store', () => {
  it('does not write when a page view would slide the expiry by less than a minute, and does past it', async () => {
    const start = new Date(Date.now() + 3_600_000);
    await call((cb) => store.set('slide', data(start), cb));
    expect(await call((cb) => store.get('slide', cb))).toMatchObject({ passport: { user: '1' } });

    await call((cb) => store.touch('slide', data(new Date(start.getTime() + 30_000)), cb));
    expect(await storedExpiry('slide')).toBe(start.getTime());

    const later = new Date(start.getTime() + TOUCH_AFTER_MS + 1_000);
    await call((cb) => store.touch('slide', data(later), cb));
    expect(await storedExpiry('slide')).toBe(later.getTime());
  });

  it('writes when it has not read the session itself (another process read it)', async () => {
    const start = new Date(Date.now() + 3_600_000);
    await call((cb) => store.set('other', data(start), cb));
    const second = new KnexSessionStore(database.db, 60 * 60_000, 0);
    const moved = new Date(start.getTime() + 5_000);
    await call((cb) => second.touch('other', data(moved), cb));
    expect(await storedExpiry('other')).toBe(moved.getTime());
  });

  it('still ends a session whose stored expiry has passed', async () => {
    await call((cb) => store.set('gone', data(new Date(Date.now() + 3_600_000)), cb));
    await database
      .db('user_sessions')
      .where({ sid: 'gone' })
      .update({ expires_at: new Date(Date.now() - 1000) });
    expect(await call((cb) => store.get('gone', cb))).toBeNull();
  });
});
