import type { Db } from '../../../src/platform/db';

/**
 * Sizes and id layout of the generated national data set. Every table gets explicit ids
 * (1..n per kind, in fixed blocks), so rows refer to each other by arithmetic instead of lookups,
 * and the same seed always gives the same rows.
 */
export type Plan = {
  seed: number;
  /** The generator's "today": every date is relative to it (same seed + same anchor → same data). */
  anchor: string;
  operators: number;
  providers: number;
  funders: number;
  relays: number;
  structures: number;
  providerUsers: number;
  funderUsers: number;
  relayUsers: number;
  accompaniments: number;
  sessions: number;
  documents: number;
  sentReports: number;
  /** Intake requests (issue 19): the first ones open a parcours, the others end otherwise or are still open. */
  intakeRequests: number;
  /** Extra sessions of the rich case (accompaniment 1), on top of the generic ones. */
  richSessions: number;
};

export function makePlan(seed: number, scale: number, anchor: string): Plan {
  const n = (x: number) => Math.max(1, Math.round(x * scale));
  return {
    seed,
    anchor,
    operators: n(120),
    providers: Math.max(3, n(300)), // three bids per consultation, from three providers
    funders: Math.max(6, n(60)),
    relays: n(20),
    structures: Math.max(50, n(20_000)),
    providerUsers: n(60),
    funderUsers: n(40),
    relayUsers: n(19),
    accompaniments: n(15_000),
    sessions: n(150_000),
    documents: n(60_000),
    sentReports: n(5_000),
    intakeRequests: n(30_000),
    richSessions: Math.min(100, Math.floor(n(150_000) / 10)),
  };
}

/** First organisation id of each kind (ids are laid out in blocks, operators first). */
export function orgBase(p: Plan) {
  const provider = p.operators;
  const funder = provider + p.providers;
  const relay = funder + p.funders;
  const structure = relay + p.relays;
  return { operator: 0, provider, funder, relay, structure, end: structure + p.structures };
}

/**
 * User ids: 1 admin, then per operator one manager and three coordinators, then providers,
 * funders and relays. Coordinator k (1..3) of operator o is `coordinatorId(p, o, k)`.
 */
export function userBase(p: Plan) {
  const manager = 1;
  const coordinator = manager + p.operators;
  const provider = coordinator + 3 * p.operators;
  const funder = provider + p.providerUsers;
  const relay = funder + p.funderUsers;
  return { manager, coordinator, provider, funder, relay, end: relay + p.relayUsers };
}

/** SQL for the coordinator of accompaniment n (1-based): operator (n-1)%O+1, coordinator ((n-1)/O)%3+1. */
export const operatorOf = (p: Plan, n: string) => `((${n} - 1) % ${p.operators} + 1)`;
export const coordinatorOf = (p: Plan, n: string) =>
  `(${userBase(p).coordinator} + ((${n} - 1) % ${p.operators}) * 3 + ((${n} - 1) / ${p.operators}) % 3 + 1)`;

/** A uniform number in [0, 1) for row n and a salt, from the seed: the same inputs give the same number. */
export const rnd = (n: string, salt: number) => `bench_rand((${n})::bigint, ${salt})`;

export async function createRandom(db: Db, seed: number) {
  await db.raw(`create or replace function bench_rand(n bigint, salt int) returns float8
    language sql immutable parallel safe as
    $$ select (hashint8extended(n, ${Math.trunc(seed)}::bigint * 1000 + salt) & 4503599627370495)::float8 / 4503599627370496.0 $$`);
}

export async function dropRandom(db: Db) {
  await db.raw('drop function if exists bench_rand(bigint, int)');
}

/** Moves each table's id sequence past the explicit ids the generator wrote. */
export async function resetSequences(db: Db, tables: string[]) {
  for (const t of tables) {
    await db.raw(
      `select setval(pg_get_serial_sequence(?, 'id'), greatest(1, (select coalesce(max(id), 0) from ${t})))`,
      [t],
    );
  }
}
