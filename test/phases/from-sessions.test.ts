import { listPhases, listRecordedPhases } from '../../src/phases/queries';
import { caseUrl } from '../../src/accompaniments/tabs';
import { createCase, createPhase } from '../factories/phases';
import { createTestApp, csrfOf, loginAs, TestApp } from '../support/app';
import { getCaseTab } from '../support/case-page';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

const session = (
  accId: string,
  phaseId: string,
  startsAt: string,
  status: 'planned' | 'held' | 'closed',
  title: string,
) =>
  t.db('sessions').insert({
    accompaniment_id: accId,
    phase_id: phaseId,
    type: 'steering_committee',
    title,
    starts_at: startsAt,
    status,
    days_consumed: status === 'planned' ? 0 : 0.5,
  });

/** The phases table of the phases section, row by row, as text. */
const phaseRows = (html: string) =>
  [...html.matchAll(/<tr>([\s\S]*?)<\/tr>/g)]
    .map((m) =>
      m[1]
        .replace(/<[^>]+>/g, ' ')
        .replace(/\s+/g, ' ')
        .trim(),
    )
    .filter((r) => /^\d+\. /.test(r) || /Phase (un|deux|trois)/.test(r));

describe('a phase started by its sessions', () => {
  it('is « en cours » from its first session held, unless set by hand; the case list shows the current phase', async () => {
    const { acc, coordinator } = await createCase(t.db, { title: 'Cas aux phases sans dates' });
    const p1 = await createPhase(t.db, acc.id, {
      position: 1,
      name: 'Phase un',
      planned_start: '2016-01-01',
      planned_end: '2016-02-28',
    });
    const p2 = await createPhase(t.db, acc.id, {
      position: 2,
      name: 'Phase deux',
      planned_start: '2016-03-01',
      planned_end: '2016-06-30',
    });
    const p3 = await createPhase(t.db, acc.id, { position: 3, name: 'Phase trois', planned_start: '2016-07-01' });
    await session(acc.id, p1.id, '2016-01-12T14:00:00+01:00', 'closed', 'Lancement');
    await session(acc.id, p1.id, '2016-01-10T14:00:00+01:00', 'held', 'Avant-première');
    await session(acc.id, p2.id, '2016-03-05T09:30:00+01:00', 'held', 'Comité de mars');
    // Planned sessions start nothing: phase three has only one.
    await session(acc.id, p2.id, '2016-05-01T09:30:00+02:00', 'planned', 'Comité de mai');
    await session(acc.id, p3.id, '2016-09-01T09:30:00+02:00', 'planned', 'Comité de septembre');

    const { agent } = await loginAs(t.app, coordinator.email);
    const page = await getCaseTab(agent, acc.id, 'phases').expect(200);
    const rows = phaseRows(page.text);
    expect(rows.find((r) => r.includes('Phase un'))).toMatch(
      /depuis le 10 janvier 2016 \(en cours\) \(début d’après la première séance\) En cours/,
    );
    expect(rows.find((r) => r.includes('Phase deux'))).toContain('5 mars 2016');
    expect(rows.find((r) => r.includes('Phase deux'))).toContain('En cours');
    expect(rows.find((r) => r.includes('Phase trois'))).toContain('À venir');
    expect(rows.find((r) => r.includes('Phase trois'))).not.toContain('début d’après');

    // The case list: the latest phase started and still in progress.
    const list = await agent.get('/accompaniments?q=phases+sans+dates').expect(200);
    const row = [...list.text.matchAll(/<tr[\s>][\s\S]*?<\/tr>/g)]
      .map((m) => m[0])
      .find((r) => r.includes('Cas aux phases sans dates'));
    expect(row).toContain('Phase deux');
    expect(row).not.toContain('Phase un');

    // As of a past day: only the sessions held by then count.
    const asOf = (day: string) => listPhases(t.db, acc.id, day);
    expect((await asOf('2016-01-11')).map((p) => [p.status, p.actual_start])).toEqual([
      ['in_progress', '2016-01-10'],
      ['planned', null],
      ['planned', null],
    ]);
    expect((await asOf('2016-01-09')).map((p) => p.status)).toEqual(['planned', 'planned', 'planned']);

    // Set by hand: phase one ended on 28 February. The edit form shows what was typed, not derived.
    const form = await agent.get(`/accompaniments/${acc.id}/phases/edit`).expect(200);
    expect(form.text).toMatch(/name="p1_actual_start"[^>]*value=""/);
    const recorded = await listRecordedPhases(t.db, acc.id);
    const body: Record<string, string> = {
      _csrf: csrfOf(form.text),
      row_count: String(recorded.length),
      lock_version: String(
        (await t.db('accompaniments').where({ id: acc.id }).first('phases_lock_version')).phases_lock_version,
      ),
    };
    recorded.forEach((p, i) => {
      const typed = i === 0 ? { actual_start: '2016-01-10', actual_end: '2016-02-28', status: 'done' } : {};
      const r = {
        id: p.id,
        position: String(p.position),
        name: p.name,
        planned_start: p.planned_start ?? '',
        planned_end: p.planned_end ?? '',
        actual_start: p.actual_start ?? '',
        actual_end: p.actual_end ?? '',
        status: p.status,
        ...typed,
      };
      for (const [k, v] of Object.entries(r)) body[`p${i}_${k}`] = String(v);
    });
    const saved = await agent.post(`/accompaniments/${acc.id}/phases/edit`).type('form').send(body).expect(302);
    expect(saved.headers.location).toBe(caseUrl(acc.id, 'phases'));
    expect(await t.db('phases').where({ id: p1.id }).first('status', 'actual_start', 'actual_end')).toEqual({
      status: 'done',
      actual_start: '2016-01-10',
      actual_end: '2016-02-28',
    });
    const after = phaseRows((await getCaseTab(agent, acc.id, 'phases').expect(200)).text);
    expect(after.find((r) => r.includes('Phase un'))).toContain('Terminée');
    expect(after.find((r) => r.includes('Phase un'))).not.toContain('début d’après');
    // Before its typed end, the phase was still in progress.
    expect((await asOf('2016-02-01')).map((p) => [p.status, p.actual_end])).toEqual([
      ['in_progress', null],
      ['planned', null],
      ['planned', null],
    ]);
    expect((await asOf('2016-03-31')).map((p) => p.status)).toEqual(['done', 'in_progress', 'planned']);
  });
});
