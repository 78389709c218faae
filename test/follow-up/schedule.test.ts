import { dueDate, scheduleCheckpoints } from '../../src/follow-up/schedule';
import { checkpointStatus, overdueBefore } from '../../src/follow-up/status';
import { createTestApp, TestApp } from '../support/app';
import { handedOffCase } from './factory';

describe('due dates of checkpoints (calendar dates, Europe/Paris)', () => {
  it('runs in the office time zone, so a DST shift would show if dates went through instants', () => {
    expect(process.env.TZ).toBe('Europe/Paris');
    expect(Intl.DateTimeFormat().resolvedOptions().timeZone).toBe('Europe/Paris');
  });

  it('clamps to the end of a shorter month', () => {
    expect(dueDate('2016-08-31', 6)).toBe('2017-02-28');
    expect(dueDate('2019-08-31', 6)).toBe('2020-02-29'); // leap year
    expect(dueDate('2016-08-31', 12)).toBe('2017-08-31');
    expect(dueDate('2017-03-31', 6)).toBe('2017-09-30');
  });

  it('is not shifted by a daylight-saving change in between', () => {
    // The clocks went forward on 26 March 2017 and back on 30 October 2016.
    expect(dueDate('2016-09-25', 6)).toBe('2017-03-25');
    expect(dueDate('2016-09-26', 6)).toBe('2017-03-26');
    expect(dueDate('2017-04-30', 6)).toBe('2017-10-30');
    expect(dueDate('2016-10-30', 12)).toBe('2017-10-30');
  });

  it('says when a checkpoint is upcoming, due, overdue or done', () => {
    expect(checkpointStatus({ due_on: '2017-06-15', recorded_at: null }, '2017-06-14')).toBe('upcoming');
    expect(checkpointStatus({ due_on: '2017-06-15', recorded_at: null }, '2017-06-15')).toBe('due');
    expect(checkpointStatus({ due_on: '2017-06-15', recorded_at: null }, overdueBefore('2017-07-15'))).toBe('due');
    expect(checkpointStatus({ due_on: '2017-06-15', recorded_at: null }, '2017-07-16')).toBe('overdue');
    expect(checkpointStatus({ due_on: '2017-06-15', recorded_at: new Date() }, '2017-07-16')).toBe('done');
  });
});

describe('scheduleCheckpoints', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('creates one checkpoint per offset, stored as the calendar dates computed', async () => {
    const c = await handedOffCase(t.db, { closedOutOn: '2016-08-31' });
    expect(c.checkpoints.map((x) => [x.offset_months, x.due_on])).toEqual([
      [6, '2017-02-28'],
      [12, '2017-08-31'],
      [18, '2018-02-28'],
    ]);
  });

  it('keeps a DST-crossing date exactly on PostgreSQL’s date column', async () => {
    const c = await handedOffCase(t.db, { closedOutOn: '2016-09-25', offsets: [6] });
    expect(c.checkpoints.map((x) => x.due_on)).toEqual(['2017-03-25']);
  });

  it('is idempotent: offsets already scheduled are skipped, new ones added, recorded ones untouched', async () => {
    const c = await handedOffCase(t.db, { closedOutOn: '2016-12-15', offsets: [6] });
    await t
      .db('follow_up_checkpoints')
      .where({ id: c.checkpoints[0].id })
      .update({ notes: 'déjà saisi', jobs_rating: 'stable' });
    await t.db.transaction((trx) => scheduleCheckpoints(trx, c.acc.id, '2017-01-31', [6, 12, 12]));
    const rows = await t.db('follow_up_checkpoints').where({ accompaniment_id: c.acc.id }).orderBy('offset_months');
    expect(rows.map((r) => [r.offset_months, r.due_on, r.notes])).toEqual([
      [6, '2017-06-15', 'déjà saisi'],
      [12, '2018-01-31', null],
    ]);
  });
});
