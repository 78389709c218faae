/** The life of an accompaniment (DOMAIN.md, "The life of an accompaniment"). */
export const STATES = [
  'intake',
  'diagnostic',
  'consultation',
  'convention',
  'delivery',
  'close_out',
  'follow_up',
  'closed',
  'referred',
  'abandoned',
] as const;
export type State = (typeof STATES)[number];

/** States after which nothing more happens to the case. */
export const FINAL_STATES: State[] = ['closed', 'referred', 'abandoned'];

export const KINDS = ['individual', 'collective'] as const;
export type Kind = (typeof KINDS)[number];

/**
 * Once the follow-up is handed to a relay (or the case is closed), the former participants (the
 * provider, the structures) keep reading the history but no longer write to it.
 */
export const HANDED_OVER_STATES: State[] = ['follow_up', 'closed'];
export const isHandedOver = (state: string) => (HANDED_OVER_STATES as string[]).includes(state);

/**
 * The lifecycle only moves forward (src/accompaniments/lifecycle.ts): a case in one of these
 * states has never reached the close-out, so it has no handoff and no follow-up checkpoint, and
 * the page's sections for those skip their queries.
 */
export const BEFORE_CLOSE_OUT_STATES: State[] = [
  'intake',
  'diagnostic',
  'consultation',
  'convention',
  'delivery',
  'referred',
];
export const neverClosedOut = (state: string) => (BEFORE_CLOSE_OUT_STATES as string[]).includes(state);
