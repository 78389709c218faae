import type { Request } from 'express';
import { currentUser, isId } from '../platform/auth/guards';
import type { Deps } from '../platform/deps';
import { notFound } from '../platform/errors';
import { findAccompaniment } from './queries';

/** A case row found through the user's scope, or a 404: out of scope and nonexistent look the same. */
export function found<T>(acc: T | undefined): T {
  if (!acc) throw notFound();
  return acc;
}

/** Loads the case of `req.params.id` through the signed-in user's scope (404 out of scope). */
export async function loadAccompaniment(deps: Pick<Deps, 'db'>, req: Request) {
  return found(isId(req.params.id) ? await findAccompaniment(deps.db, currentUser(req), req.params.id) : undefined);
}
