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
