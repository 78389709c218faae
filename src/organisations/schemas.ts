import { z } from 'zod';
import { ORGANISATION_KINDS } from '../platform/auth/session-user';
import { choice, optionalText, requiredText } from '../platform/forms';
import { isValidSiret, normaliseSiret } from './siret';

export const FUNDER_TYPES = ['state', 'banque_des_territoires', 'region', 'departement', 'fse', 'other'] as const;

// Metropolitan départements, Corsica (2A, 2B) and overseas (971–976).
const DEPARTMENT = /^(0[1-9]|[1-8]\d|9[0-5]|2A|2B|97[1-6])$/;

/** An optional département number: 90, 2A, 974… */
export const departmentField = () =>
  optionalText(3)
    .transform((v) => (v ? v.toUpperCase() : null))
    .refine((v) => v === null || DEPARTMENT.test(v), { error: 'validation.department' });

export const organisationSchema = z
  .object({
    kind: choice(ORGANISATION_KINDS),
    name: requiredText(200),
    short_name: optionalText(60),
    siret: optionalText(30)
      .transform((v) => (v ? normaliseSiret(v) : null))
      .refine((v) => v === null || isValidSiret(v), { error: 'validation.siret' }),
    department: departmentField(),
    funder_type: z
      .enum(FUNDER_TYPES, { error: 'validation.choice' })
      .or(z.literal('').transform(() => null))
      .optional()
      .transform((v) => v ?? null),
    email: optionalText(254).refine((v) => v === null || z.email().safeParse(v).success, { error: 'validation.email' }),
  })
  .superRefine((v, ctx) => {
    if (v.kind === 'funder' && !v.funder_type)
      ctx.addIssue({ code: 'custom', path: ['funder_type'], message: 'validation.funderType' });
  })
  .transform((v) => ({ ...v, funder_type: v.kind === 'funder' ? v.funder_type : null }));

export type OrganisationInput = z.output<typeof organisationSchema>;
