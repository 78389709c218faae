import type { Db, Trx } from './db';

/**
 * Optimistic locking, shared by every edit form: a save applies only to the version the form
 * showed, and bumps it; false (nothing written) when someone saved in between, which the route
 * turns into the 409 page keeping the user's input.
 *
 * `insertIfNew`: for records that exist once per case and only from their first save (diagnostic,
 * consultation terms, case sheet). Version 0 means "nothing saved yet": the first save inserts,
 * and loses against a colleague's first save.
 */
export async function saveAtVersion(
  trx: Trx,
  table: string,
  key: Record<string, string>,
  lockVersion: number,
  values: Record<string, unknown>,
  opts: { insertIfNew?: boolean } = {},
): Promise<boolean> {
  if (opts.insertIfNew && lockVersion === 0) {
    const inserted = await trx(table)
      .insert({ ...key, ...values, lock_version: 1 })
      .onConflict(Object.keys(key))
      .ignore()
      .returning(Object.keys(key));
    if (inserted.length) return true;
  }
  const n = await trx(table)
    .where({ ...key, lock_version: lockVersion })
    .update({ ...values, lock_version: trx.raw('lock_version + 1') });
  return n === 1;
}

/** The current version, offered by a conflict page to save against (0 when nothing is saved yet). */
export async function currentVersion(db: Db | Trx, table: string, key: Record<string, string>): Promise<number> {
  const row = await db(table).where(key).first<{ lock_version: number } | undefined>('lock_version');
  return Number(row?.lock_version ?? 0);
}
