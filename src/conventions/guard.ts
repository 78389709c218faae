import type { Trx } from '../platform/db';
import type { MessageKey } from '../platform/i18n';
import { currentConvention } from './queries';
import { versionStatus } from './version-lifecycle';
import type { Id } from '../platform/id';

/**
 * The convention → delivery guard. The move is allowed when
 * - the current (not voided) version is signed (version-lifecycle.ts): every party has at least
 *   as many signatures on that version as it needs (one, or two when marked so), a structure that
 *   left the case without signing excepted, or
 * - an admin recorded an override for the case (a row in convention_overrides, with its
 *   reason, written by POST /accompaniments/:id/convention/override and audited as
 *   'convention.override'). Any override row of the case opens the way.
 */
export async function conventionFullySigned(trx: Trx, accompanimentId: string): Promise<MessageKey | null> {
  const override = await trx('convention_overrides')
    .where({ accompaniment_id: accompanimentId })
    .first<{ id: Id } | undefined>('id');
  if (override) return null;
  const current = await currentConvention(trx, accompanimentId);
  if (!current) return 'conventions.guard.none';
  return (await versionStatus(trx, current.id)) === 'signed' ? null : 'conventions.guard.notSigned';
}
