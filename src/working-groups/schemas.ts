import { z } from 'zod';
import { optionalText, requiredText } from '../platform/forms';

/** Themes offered in the theme field's list (the field stays free: a case may have its own). */
export const THEME_SUGGESTIONS = [
  'accounting',
  'communication',
  'purchasing',
  'governance',
  'hr',
  'legal',
  'treasury',
  'development',
  'socio_professional',
] as const;

const id = z.string().regex(/^[1-9]\d{0,17}$/, { error: 'validation.choice' });

export const groupSchema = z.object({
  theme: requiredText(120),
  name: requiredText(200),
  aim: optionalText(2000),
  structure_ids: z
    .union([id, z.array(id)])
    .optional()
    .transform((v) => (v === undefined ? [] : Array.isArray(v) ? [...new Set(v)] : [v])),
});
export type GroupInput = z.output<typeof groupSchema>;
