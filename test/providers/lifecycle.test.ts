import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  applyListingTransition,
  defaultRenewalDue,
  LISTING_EVENTS,
  LISTING_STATUSES,
  LISTING_TRANSITIONS,
  ListingEvent,
  ListingRefused,
} from '../../src/providers/lifecycle';
import { DateRefused } from '../../src/platform/dates';
import { translate } from '../../src/platform/i18n';
import { createTestApp, TestApp } from '../support/app';
import { createProviderOrg } from '../factories/consultations';
import { createProfile } from '../factories/providers';
import { writtenOutside } from '../support/written-elsewhere';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

const fr = (key: Parameters<typeof translate>[1], params?: Parameters<typeof translate>[2]) =>
  translate('fr', key, params);

/** A move through the table in its own transaction; the refusal's French message, or null. */
async function move(id: string, event: ListingEvent, o: { on?: string; reason?: string | null; due?: string } = {}) {
  try {
    await t.db.transaction((trx) =>
      applyListingTransition(trx, id, event, {
        actorId: null,
        on: o.on ?? '2025-03-01',
        dateField: 'happened_on',
        reason: o.reason === undefined ? 'Motif' : o.reason,
        renewalDueOn: o.due ?? null,
      }),
    );
    return null;
  } catch (e) {
    if (e instanceof ListingRefused) return fr(e.reasonKey);
    if (e instanceof DateRefused) return fr(e.key, e.params);
    throw e;
  }
}

const profileOf = (id: string) =>
  t
    .db('provider_profiles')
    .where({ organisation_id: id })
    .first('listing_status', 'listing_status_on', 'renewal_due_on', 'renewal_reminder_sent_at');
const logOf = (id: string) =>
  t
    .db('provider_listing_transitions')
    .where({ provider_id: id })
    .orderBy('id')
    .select('event', 'from_status', 'to_status', 'happened_on', 'reason');

async function providerIn(status: 'listed' | 'pending' | 'not_listed') {
  const p = await createProviderOrg(t.db);
  await createProfile(t.db, p.id, {
    status,
    on: '2025-01-10',
    renewal_due_on: status === 'listed' ? '2026-01-10' : null,
  });
  return p;
}

describe('the listing transition table', () => {
  it('allows exactly the moves of the table from every status, refuses the others in French, and logs each move', async () => {
    for (const from of LISTING_STATUSES) {
      for (const event of LISTING_EVENTS) {
        const p = await providerIn(from);
        const allowed = LISTING_TRANSITIONS.find((x) => x.from === from && x.event === event);
        const refusal = await move(p.id, event);
        const row = await profileOf(p.id);
        const log = await logOf(p.id);
        if (allowed) {
          expect({ from, event, refusal }).toEqual({ from, event, refusal: null });
          expect(row.listing_status).toBe(allowed.to);
          expect(row.listing_status_on).toBe('2025-03-01');
          expect(log.at(-1)).toEqual({
            event,
            from_status: from,
            to_status: allowed.to,
            happened_on: '2025-03-01',
            reason: 'Motif',
          });
        } else {
          expect({ from, event, refusal }).toEqual({ from, event, refusal: fr('providers.listing.notAllowed') });
          expect(row.listing_status).toBe(from);
          expect(log).toHaveLength(1); // the factory's first move only
        }
      }
    }
  });

  it('walks a provider through its years: listed, renewal reviewed, listed again, delisted, applying again', async () => {
    const p = await providerIn('pending');
    expect(await move(p.id, 'list', { on: '2025-02-01', reason: null })).toBeNull();
    expect(await profileOf(p.id)).toMatchObject({ listing_status: 'listed', renewal_due_on: '2026-02-01' });
    // The reminder was sent; a renewal re-arms it for the next year.
    await t
      .db('provider_profiles')
      .where({ organisation_id: p.id })
      .update({ renewal_reminder_sent_at: t.db.fn.now() });
    expect(await move(p.id, 'review_renewal', { on: '2026-01-20', reason: null })).toBeNull();
    expect(await profileOf(p.id)).toMatchObject({ listing_status: 'pending', renewal_due_on: '2026-02-01' });
    expect(await move(p.id, 'list', { on: '2026-02-03', reason: null, due: '2026-12-31' })).toBeNull();
    expect(await profileOf(p.id)).toMatchObject({
      listing_status: 'listed',
      renewal_due_on: '2026-12-31',
      renewal_reminder_sent_at: null,
    });
    expect(await move(p.id, 'delist', { on: '2026-03-01', reason: '' })).toBe(fr('providers.listing.reasonRequired'));
    expect(await move(p.id, 'delist', { on: '2026-03-01', reason: 'Plus de consultant·e disponible' })).toBeNull();
    expect(await profileOf(p.id)).toMatchObject({ listing_status: 'not_listed', renewal_due_on: null });
    expect(await move(p.id, 'reapply', { on: '2026-04-01', reason: null })).toBeNull();
    expect((await logOf(p.id)).map((l) => `${l.event}:${l.to_status}`)).toEqual([
      'apply:pending',
      'list:listed',
      'review_renewal:pending',
      'list:listed',
      'delist:not_listed',
      'reapply:pending',
    ]);
  });

  it('refuses a day in the future, a day before the current status, a renewal before the decision, and a refusal without reason', async () => {
    const p = await providerIn('pending');
    expect(await move(p.id, 'list', { on: '2999-01-01' })).toBe(fr('validation.dateFuture'));
    expect(await move(p.id, 'list', { on: '2024-12-31' })).toBe(
      fr('providers.listing.beforeCurrent', { date: '2025-01-10' }),
    );
    expect(await move(p.id, 'list', { on: '2025-03-01', due: '2025-03-01' })).toBe(
      fr('providers.listing.dueBeforeListed'),
    );
    expect(await move(p.id, 'refuse', { reason: '   ' })).toBe(fr('providers.listing.reasonRequired'));
    expect((await profileOf(p.id)).listing_status).toBe('pending');
    expect(await logOf(p.id)).toHaveLength(1);
  });

  it('renews a year after the decision by default, 29 February included', () => {
    expect(defaultRenewalDue('2026-01-15')).toBe('2027-01-15');
    expect(defaultRenewalDue('2028-02-29')).toBe('2029-02-28');
  });
});

describe('one place for a provider’s listing status', () => {
  it('no statement outside providers/lifecycle.ts writes provider_profiles.listing_status', () => {
    const writes = [
      // knex: an insert or update on the table naming the column
      /\('provider_profiles'\)[^;]*?\.(insert|update)\([^;]*?\blisting_status\b/g,
      // raw SQL
      /update\s+provider_profiles\b[^;]*?\blisting_status\b/gi,
      /insert\s+into\s+provider_profiles\b/gi,
    ];
    expect(writtenOutside('providers/lifecycle.ts', writes)).toEqual([]);
    // The scan does find the lifecycle's own writes (it would prove nothing otherwise).
    const own = readFileSync(join(__dirname, '../../src/providers/lifecycle.ts'), 'utf8');
    expect(own.match(writes[0])?.length).toBe(2);
  });
});
