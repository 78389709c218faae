import { z } from 'zod';
import { departmentField } from '../organisations/schemas';
import { isValidSiret, normaliseSiret } from '../organisations/siret';
import { choice, lines, optionalText, requiredText } from '../platform/forms';

export const SIAE_TYPES = ['ACI', 'AI', 'EI', 'ETTI', 'EITI'] as const;
export type SiaeType = (typeof SIAE_TYPES)[number];

/** The common legal forms of social-economy employers; anything else is 'other'. */
export const LEGAL_FORMS = [
  'association',
  'scic',
  'scop',
  'sas',
  'sarl',
  'eurl',
  'cooperative',
  'fondation',
  'mutuelle',
  'other',
] as const;

export const CONTACT_ROLES = ['director', 'president', 'board_member', 'employee', 'other'] as const;

/** A select whose blank option means "none". */
const optionalChoice = <T extends readonly [string, ...string[]]>(values: T) =>
  z
    .enum(values, { error: 'validation.choice' })
    .or(z.literal('').transform(() => null))
    .optional()
    .transform((v) => v ?? null);

/** A headcount: a whole number, zero or more; '' means not known. */
const headcount = () =>
  z
    .string({ error: 'structures.validation.integer' })
    .trim()
    .optional()
    .transform((v) => (v ? v.replace(/[\s\u00a0\u202f]/g, '') : null))
    .refine((v) => v === null || /^\d+$/.test(v), { error: 'structures.validation.integer', abort: true })
    .refine((v) => v === null || Number(v) <= 1_000_000, { error: 'structures.validation.integerTooBig' })
    .transform((v) => (v === null ? null : Number(v)));

/** Optional SIRET: spaces and dots accepted; 14 digits, then the check digit, each with its own message. */
export const siretField = () =>
  optionalText(40)
    .transform((v) => (v ? normaliseSiret(v) : null))
    .refine((v) => v === null || /^\d{14}$/.test(v), { error: 'structures.siret.format', abort: true })
    .refine((v) => v === null || isValidSiret(v), { error: 'structures.siret.checksum' });

const optionalEmail = () =>
  optionalText(254)
    .transform((v) => (v ? v.toLowerCase() : null))
    .refine((v) => v === null || z.email().safeParse(v).success, { error: 'validation.email' });

export const structureSchema = z
  .object({
    name: requiredText(200),
    siret: siretField(),
    department: departmentField(),
    email: optionalEmail(),
    // A code of the national list (or the value already held): checked by the commands (listedValue).
    legal_form: optionalText(60),
    siae_type: optionalChoice(SIAE_TYPES),
    taxable: z
      .unknown()
      .optional()
      .transform((v) => v === '1' || v === 'on' || v === 'true'),
    activities: lines(30, 200),
    sector: optionalText(200),
    employees: headcount(),
    employees_in_insertion: headcount(),
    address: optionalText(300),
    postcode: optionalText(10).refine((v) => v === null || /^\d{5}$/.test(v), {
      error: 'structures.validation.postcode',
    }),
    city: optionalText(120),
    networks: lines(20, 200),
  })
  .refine(
    (v) =>
      !(
        typeof v.employees === 'number' &&
        typeof v.employees_in_insertion === 'number' &&
        v.employees_in_insertion > v.employees
      ),
    {
      path: ['employees_in_insertion'],
      error: 'structures.validation.insertionAboveEmployees',
      // Said even when other fields are wrong too, so that one round trip shows every problem.
      when: () => true,
    },
  );
export type StructureInput = z.output<typeof structureSchema>;

export const contactSchema = z.object({
  name: requiredText(200),
  role: choice(CONTACT_ROLES),
  email: optionalEmail(),
  phone: optionalText(30).refine((v) => v === null || /^\+?[\d\s.()-]{6,30}$/.test(v), {
    error: 'structures.validation.phone',
  }),
});
export type ContactInput = z.output<typeof contactSchema>;

/** What the organisations table holds of a structure; the rest goes to the structures row. */
export function splitStructure(input: StructureInput) {
  const { name, siret, department, email, ...details } = input;
  return { organisation: { name, siret, department, email }, details };
}
