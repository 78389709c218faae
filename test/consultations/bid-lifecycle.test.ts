import {
  applyBidTransition,
  BID_EVENTS,
  BID_STATUSES,
  BID_TRANSITIONS,
  type BidEvent,
  findBidTransition,
} from '../../src/consultations/bid-lifecycle';
import { ConsultationRefused } from '../../src/consultations/commands';
import { localToday } from '../../src/platform/dates';
import { translate } from '../../src/platform/i18n';
import { createBid, createConsultationCase, createProviderOrg } from '../factories/consultations';
import { createTestApp, loginAs, TestApp } from '../support/app';
import { writtenOutside } from '../support/written-elsewhere';

// The bid's status table (src/consultations/bid-lifecycle.ts): every status × event pair, the log
// written by a real invite → answer → select → unselect, and no status written anywhere else.
let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

/** Where each event takes a bid from each status; null when the table refuses it. */
const EXPECTED: Record<string, Record<BidEvent, string | null>> = {
  invited: { propose: 'proposed', decline: 'declined', select: null, set_aside: null, reopen: null },
  proposed: { propose: 'proposed', decline: 'declined', select: 'selected', set_aside: 'not_selected', reopen: null },
  declined: { propose: 'proposed', decline: 'declined', select: null, set_aside: null, reopen: null },
  selected: { propose: null, decline: null, select: null, set_aside: null, reopen: 'proposed' },
  not_selected: { propose: null, decline: null, select: null, set_aside: null, reopen: 'proposed' },
};

/** The French reason of each refused event, as the pages show it (the same as before the table). */
const REFUSAL: Record<BidEvent, string> = {
  propose: 'consultations.locked.selected',
  decline: 'consultations.locked.selected',
  select: 'consultations.select.notAProposal',
  set_aside: 'consultations.select.notAProposal',
  reopen: 'consultations.unselect.nothing',
};

describe('the bid status table', () => {
  it('knows the status of the check constraint and the moves of each status × event pair', () => {
    expect([...BID_STATUSES].sort()).toEqual(Object.keys(EXPECTED).sort());
    for (const status of BID_STATUSES)
      for (const event of BID_EVENTS)
        expect([status, event, findBidTransition(status, event)?.to ?? null]).toEqual([
          status,
          event,
          EXPECTED[status][event],
        ]);
    for (const m of BID_TRANSITIONS) expect(BID_STATUSES).toContain(m.to);
  });

  it('moves a stored bid (and logs it) or refuses in French, for every status × event pair', async () => {
    const c = await createConsultationCase(t.db);
    for (const status of BID_STATUSES)
      for (const event of BID_EVENTS) {
        // One case per pair: at most one selected bid per case.
        const k = await createConsultationCase(t.db);
        const p = await createProviderOrg(t.db);
        const id = await createBid(t.db, k.accId, p.id, { status });
        const who = { actorId: c.coordinator.id, happenedOn: '2015-11-20' };
        let outcome: string;
        try {
          await t.db.transaction((trx) => applyBidTransition(trx, { id, accompanimentId: k.accId }, event, who));
          outcome = (await t.db('consultation_bids').where({ id }).first('status')).status;
        } catch (err) {
          if (!(err instanceof ConsultationRefused)) throw err;
          expect(err.reasonKey).toBe(REFUSAL[event]);
          expect(translate('fr', err.reasonKey)).not.toBe(err.reasonKey);
          outcome = 'refused';
        }
        const log = await t.db('consultation_bid_transitions').where({ bid_id: id }).select('from_status', 'to_status');
        const expected = EXPECTED[status][event];
        expect([status, event, outcome]).toEqual([status, event, expected ?? 'refused']);
        expect(log).toEqual(expected ? [{ from_status: status, to_status: expected }] : []);
      }
    // A bid of another case is not moved.
    const other = await createConsultationCase(t.db);
    const bid = await createBid(t.db, other.accId, (await createProviderOrg(t.db)).id);
    await expect(
      t.db.transaction((trx) =>
        applyBidTransition(trx, { id: bid, accompanimentId: c.accId }, 'select', {
          actorId: null,
          happenedOn: '2015-11-20',
        }),
      ),
    ).rejects.toBeInstanceOf(ConsultationRefused);
  });

  it('logs a real invite → answers → selection → unselection, from null, with who and the day', async () => {
    const c = await createConsultationCase(t.db);
    const p1 = await createProviderOrg(t.db);
    const p2 = await createProviderOrg(t.db);
    const s = await loginAs(t.app, c.coordinator.email);
    const post = (path: string, body: Record<string, string>) =>
      s.agent
        .post(`/accompaniments/${c.accId}/consultation/${path}`)
        .type('form')
        .send({ _csrf: s.csrf, ...body });
    const reason = 'Connu du territoire.';
    for (const p of [p1, p2])
      await post('bids', { bid_provider_id: p.id, bid_invited_on: '2015-10-20', invitation_reason: reason }).expect(
        302,
      );
    const bids = await t.db('consultation_bids').where({ accompaniment_id: c.accId }).orderBy('id').select('id');
    const [b1, b2] = bids.map((b) => String(b.id));
    const lockOf = async (id: string) =>
      (await s.agent.get(`/accompaniments/${c.accId}/consultation/bids/${id}`).expect(200)).text.match(
        /name="lock_version" value="(\d+)"/,
      )![1];

    // Bid 2 declines, then its answer is corrected to a proposal.
    await post(`bids/${b2}`, { outcome: 'declined', received_on: '2015-11-02', lock_version: await lockOf(b2) }).expect(
      302,
    );
    for (const [id, on] of [
      [b1, '2015-11-05'],
      [b2, '2015-11-06'],
    ])
      await post(`bids/${id}`, {
        outcome: 'proposed',
        received_on: on,
        proposal_days: '5',
        proposal_price_eur: '5000',
        lock_version: await lockOf(id),
      }).expect(302);
    // A stale form writes nothing, and logs nothing.
    await post(`bids/${b1}`, { outcome: 'declined', received_on: '2015-11-07', lock_version: '0' }).expect(409);

    await post('select', {
      selected_bid_id: b1,
      selected_on: '2015-11-20',
      selection_rationale: 'Meilleure proposition.',
    }).expect(302);
    // One selected per case: a second selection is refused and changes nothing.
    await post('select', { selected_bid_id: b2, selected_on: '2015-11-21', selection_rationale: 'Autre.' }).expect(302);
    const statuses = await t.db('consultation_bids').where({ accompaniment_id: c.accId }).orderBy('id').pluck('status');
    expect(statuses).toEqual(['selected', 'not_selected']);
    // An answer is refused once the decision is made (the French reason of before).
    const late = await post(`bids/${b2}`, {
      outcome: 'declined',
      received_on: '2015-11-22',
      lock_version: String((await t.db('consultation_bids').where({ id: b2 }).first('lock_version')).lock_version),
    });
    expect(late.status).not.toBe(500);
    expect((await t.db('consultation_bids').where({ id: b2 }).first('status')).status).toBe('not_selected');

    await post('unselect', { unselect_reason: 'Le prestataire se désiste.' }).expect(302);

    const log = await t
      .db('consultation_bid_transitions')
      .whereIn('bid_id', [b1, b2])
      .orderBy('id')
      .select('bid_id', 'event', 'from_status', 'to_status', 'happened_on', 'actor_id', 'reason');
    const line = (
      bid: string,
      event: string,
      from: string | null,
      to: string,
      on: string,
      why: string | null = null,
    ) => ({
      bid_id: bid,
      event,
      from_status: from,
      to_status: to,
      happened_on: on,
      actor_id: c.coordinator.id,
      reason: why,
    });
    expect(log.map((l) => ({ ...l, bid_id: String(l.bid_id), actor_id: String(l.actor_id) }))).toEqual([
      line(b1, 'invite', null, 'invited', '2015-10-20', reason),
      line(b2, 'invite', null, 'invited', '2015-10-20', reason),
      line(b2, 'decline', 'invited', 'declined', '2015-11-02'),
      line(b1, 'propose', 'invited', 'proposed', '2015-11-05'),
      line(b2, 'propose', 'declined', 'proposed', '2015-11-06'),
      line(b2, 'set_aside', 'proposed', 'not_selected', '2015-11-20'),
      line(b1, 'select', 'proposed', 'selected', '2015-11-20'),
      line(b1, 'reopen', 'selected', 'proposed', localToday(), 'Le prestataire se désiste.'),
      line(b2, 'reopen', 'not_selected', 'proposed', localToday(), 'Le prestataire se désiste.'),
    ]);
  });
});

describe('one place for a bid’s status', () => {
  it('no insert or update of consultation_bids outside consultations/bid-lifecycle.ts writes a status (reads may filter on it)', () => {
    expect(
      writtenOutside(
        'consultations/bid-lifecycle.ts',
        /\('consultation_bids'\)[^;]*?\.(?:update|insert)\([^;]*?\bstatus\b/g,
      ),
    ).toEqual([]);
  });
});
