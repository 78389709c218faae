import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { ACTION_TRANSITIONS, actionEventsFrom, PATHWAY_TRANSITIONS } from '../../src/pathways/lifecycle';

/** The transition tables of a parcours and of its actions, and the one place their statuses are written. */
describe('the transition tables', () => {
  it('lets a parcours close and reopen, each with a reason', () => {
    expect(
      PATHWAY_TRANSITIONS.map((t) => `${t.from} -${t.event}-> ${t.to}${t.reasonRequired ? ' (reason)' : ''}`),
    ).toEqual(['open -close-> closed (reason)', 'closed -reopen-> open (reason)']);
  });

  it('moves an action planned → in progress → done, or cancelled with a reason; a consultancy follows its case only', () => {
    expect(
      ACTION_TRANSITIONS.map((t) => `${t.from} -${t.event}-> ${t.to}${t.reasonRequired ? ' (reason)' : ''}`),
    ).toEqual([
      'planned -start-> in_progress',
      'planned -complete-> done',
      'in_progress -complete-> done',
      'planned -cancel-> cancelled (reason)',
      'in_progress -cancel-> cancelled (reason)',
    ]);
    expect(actionEventsFrom('planned', 'advice')).toEqual(['start', 'complete', 'cancel']);
    expect(actionEventsFrom('done', 'advice')).toEqual([]);
    expect(actionEventsFrom('planned', 'consultancy')).toEqual([]);
  });
});

describe('one place for the statuses of a parcours and its actions', () => {
  it('no statement on pathways or pathway_actions outside pathways/lifecycle.ts writes a status', () => {
    const files = (dir: string): string[] =>
      readdirSync(dir).flatMap((f) =>
        statSync(join(dir, f)).isDirectory() ? files(join(dir, f)) : f.endsWith('.ts') ? [join(dir, f)] : [],
      );
    const offenders = [...files(join(__dirname, '../../src')), ...files(join(__dirname, '../../seeds'))]
      .filter((f) => !f.endsWith(join('pathways', 'lifecycle.ts')))
      .flatMap((f) =>
        (readFileSync(f, 'utf8').match(/\('(pathways|pathway_actions)'\)[^;]*?\bstatus:/g) ?? []).map(
          (m) => `${f}: ${m.slice(0, 80)}`,
        ),
      );
    expect(offenders).toEqual([]);
  });
});
