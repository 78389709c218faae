import { z } from 'zod';
import { requiredText } from '../platform/forms';

/** An item's place in its list: a whole number, 0 to 100 000; '' puts it at the end. */
const position = () =>
  z
    .string()
    .trim()
    .optional()
    .refine((v) => !v || /^\d{1,6}$/.test(v), { error: 'referenceLists.position.format', abort: true })
    .refine((v) => !v || Number(v) <= 100_000, { error: 'referenceLists.position.format' })
    .transform((v) => (v ? Number(v) : null));

const labels = {
  label_fr: requiredText(200),
  label_en: requiredText(200),
  position: position(),
};

/** A new item: its code (never changed afterwards) and its labels. */
export const newItemSchema = z.object({
  code: requiredText(60)
    .transform((v) => v.toLowerCase())
    .refine((v) => /^[a-z0-9][a-z0-9_]*$/.test(v), { error: 'referenceLists.code.format' }),
  ...labels,
});
export type NewItemInput = z.output<typeof newItemSchema>;

/** Renaming and moving an item (its code stays). */
export const editItemSchema = z.object(labels);
export type EditItemInput = z.output<typeof editItemSchema>;

export const activeSchema = z.object({
  active: z.enum(['0', '1'], { error: 'validation.choice' }).transform((v) => v === '1'),
});
