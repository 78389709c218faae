import { z } from 'zod';
import { participantFields } from './participants';

/** The roles on the accompaniment's own steering committee (DOMAIN.md: employees and board members of each structure, the coordinator, the consultants). */
export const MEMBER_ROLES = [
  'director',
  'president',
  'board_member',
  'employee',
  'coordinator',
  'consultant',
  'other',
] as const;
export type MemberRole = (typeof MEMBER_ROLES)[number];

/** '' means "the role the person's record already gives" (a contact's role, coordinator, consultant). */
export const memberSchema = z.object({
  ...participantFields,
  role: z
    .preprocess((v) => (v === '' ? undefined : v), z.enum(MEMBER_ROLES, { error: 'validation.choice' }).optional())
    .transform((v) => v ?? null),
});
export type MemberInput = z.output<typeof memberSchema>;
