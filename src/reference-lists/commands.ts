/**
 * The national lists' commands (callable from a route, a job or the CLI: a write context and plain
 * data). An admin adds an item, renames and moves it, deactivates or reactivates it; nothing changes
 * a code (rows store codes) and nothing deletes an item (older records keep showing its label).
 */
import type { MessageKey } from '../platform/i18n';
import type { WriteContext } from '../platform/write';
import { findItem, type ListName } from './lists';
import type { EditItemInput, NewItemInput } from './schemas';

/** A change the command refuses, with the field and the message to show next to it. */
export class ListItemRefused extends Error {
  constructor(
    readonly field: string,
    readonly key: MessageKey,
  ) {
    super(key);
  }
}

const entity = (list: ListName, code: string) => ({ entityType: 'reference_item', entityId: `${list}:${code}` });

/** Adds an item to a list (at the end unless a position is given). Refused when the code exists, active or not. */
export async function addListItem(w: WriteContext, list: ListName, input: NewItemInput) {
  if (await findItem(w.trx, list, input.code)) throw new ListItemRefused('code', 'referenceLists.code.taken');
  const position =
    input.position ??
    Number(
      (await w.trx('reference_items').where({ list }).max<{ max: number | null }>('position as max').first())?.max ?? 0,
    ) + 10;
  const row = { list, code: input.code, label_fr: input.label_fr, label_en: input.label_en, position };
  await w.trx('reference_items').insert(row);
  await w.audit({ action: 'reference_item.add', ...entity(list, input.code), details: row });
}

/** Renames and moves an item; its code stays. Undefined when there is no such item. */
export async function editListItem(w: WriteContext, list: ListName, code: string, input: EditItemInput) {
  const before = await findItem(w.trx, list, code);
  if (!before) return undefined;
  const after = {
    label_fr: input.label_fr,
    label_en: input.label_en,
    position: input.position ?? before.position,
  };
  await w
    .trx('reference_items')
    .where({ list, code })
    .update({ ...after, updated_at: w.trx.fn.now() });
  await w.audit({
    action: 'reference_item.edit',
    ...entity(list, code),
    details: { before: { label_fr: before.label_fr, label_en: before.label_en, position: before.position }, after },
  });
  return after;
}

/** Deactivates (no longer offered by forms, still shown on records that hold it) or reactivates an item. */
export async function setListItemActive(w: WriteContext, list: ListName, code: string, active: boolean) {
  const before = await findItem(w.trx, list, code);
  if (!before) return undefined;
  await w.trx('reference_items').where({ list, code }).update({ active, updated_at: w.trx.fn.now() });
  await w.audit({
    action: active ? 'reference_item.reactivate' : 'reference_item.deactivate',
    ...entity(list, code),
    details: { label_fr: before.label_fr },
  });
  return active;
}
