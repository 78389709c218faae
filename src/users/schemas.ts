import { z } from 'zod';
import { ROLES } from '../platform/auth/session-user';
import { choice, email, requiredText } from '../platform/forms';

export const userSchema = z.object({
  organisation_id: z.string({ error: 'validation.required' }).regex(/^[1-9]\d{0,17}$/, { error: 'validation.required' }),
  role: choice(ROLES),
  name: requiredText(120),
  email: email(),
  locale: z.enum(['fr', 'en'], { error: 'validation.choice' }).default('fr'),
});

export type UserInput = z.output<typeof userSchema>;
