import { ACTION_TRANSITIONS, actionEventsFrom, PATHWAY_TRANSITIONS } from '../../src/pathways/lifecycle';
import { writtenOutside } from '../support/written-elsewhere';

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
    expect(
      writtenOutside('pathways/lifecycle.ts', /\('(pathways|pathway_actions)'\)[^;]*?\bstatus:/g, ['src', 'seeds']),
    ).toEqual([]);
  });
});
