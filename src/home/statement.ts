import type { SessionUser } from '../platform/auth/session-user';
import type { Deps } from '../platform/deps';
import { checkReads, runStatement, statementOf, type Statement } from '../platform/read-together';
import { homePanelsFor, type ActivePanels } from './panels';
import { homeReads } from './queries';

/**
 * The home's reads (its own and the panels') as one statement, built with knex once per role,
 * organisation kind, language and day instead of on every request: building the dozen knex
 * queries and their SQL cost the web process about as much as the template, and the text is
 * the same for every user of a role (the user's values are bindings, one prepared statement).
 *
 * The statement is built for a stand-in user whose id, organisation, name and email are markers
 * (`\0id`…); each request puts its user's values where the markers are in the bindings. The
 * reads may test the user's role and organisation kind, and compare with the day (all three in
 * the key), but must pass the user's values through as bindings: a marker found in the SQL text,
 * or changed on its way (`\0id` turned into something else), stops the build. Under the tests
 * (JALONS_CHECK_READS=1) the statement is also built for the real user and must be the same.
 */
const VALUES = ['id', 'organisation_id', 'name', 'email', 'organisation_name'] as const;
const MARK = '\0';

type Built = { statement: Statement; panels: ActivePanels };

/** Per app (its deps: its database and settings), the statements built on a day, by role, organisation kind and language. */
const builtByApp = new WeakMap<Deps, { on: string; statements: Map<string, Built> }>();

function build(deps: Deps, user: SessionUser, today: string): Built & { reads: ReturnType<typeof homeReads> } {
  const panels = homePanelsFor(deps, user);
  const reads = { ...panels.reads, ...homeReads(deps, user, today) };
  return { statement: statementOf(reads), panels: panels.active, reads };
}

function standIn(user: SessionUser): SessionUser {
  const marked = Object.fromEntries(VALUES.map((v) => [v, `${MARK}${v}`]));
  return { ...user, ...marked };
}

function statementFor(deps: Deps, user: SessionUser, today: string): Built {
  let built = builtByApp.get(deps);
  if (!built || built.on !== today) builtByApp.set(deps, (built = { on: today, statements: new Map() }));
  const key = `${user.role}/${user.organisation_kind}/${user.locale}`;
  let b = built.statements.get(key);
  if (!b) {
    const { statement, panels } = build(deps, standIn(user), today);
    const marked = (v: unknown) => typeof v === 'string' && v.includes(MARK);
    const passed = (v: unknown) => (VALUES as readonly string[]).includes((v as string).slice(1));
    if (statement.sql.includes(MARK) || statement.bindings.some((v) => marked(v) && !passed(v)))
      throw new Error("The home's reads must pass the user's values as bindings (src/home/statement.ts).");
    b = { statement, panels };
    built.statements.set(key, b);
  }
  return b;
}

/** The user's values where the stand-in's markers are. */
function withValuesOf(statement: Statement, user: SessionUser): Statement {
  const bindings = statement.bindings.map((v) =>
    typeof v === 'string' && v.startsWith(MARK) ? user[v.slice(1) as (typeof VALUES)[number]] : v,
  );
  return { ...statement, bindings };
}

/** Reads the home's rows for the user (not an admin), and the panels they are for. */
export async function readHome(deps: Deps, user: SessionUser, today: string) {
  const { statement, panels } = statementFor(deps, user, today);
  const mine = withValuesOf(statement, user);
  if (process.env.JALONS_CHECK_READS !== '1') return { rows: await runStatement(deps.db, mine), panels };
  const direct = build(deps, user, today);
  const a = JSON.stringify(direct.statement.bindings);
  const b = JSON.stringify(mine.bindings);
  if (direct.statement.sql !== mine.sql || a !== b)
    throw new Error(
      `The home's statement built once for ${user.role} differs from the one built for ${user.email}: ${direct.statement.sql !== mine.sql ? 'its text' : `${a} instead of ${b}`}.`,
    );
  const rows = await runStatement(deps.db, mine);
  await checkReads(deps.db, direct.reads, rows);
  return { rows, panels };
}
