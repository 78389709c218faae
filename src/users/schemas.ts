import { z } from 'zod';
import { ROLES } from '../platform/auth/session-user';
import { choice, email, pickedId, requiredText } from '../platform/forms';

export const userSchema = z.object({
  organisation_id: pickedId('validation.required'),
  role: choice(ROLES),
  name: requiredText(120),
  email: email(),
  locale: z.enum(['fr', 'en'], { error: 'validation.choice' }).default('fr'),
});

export type UserInput = z.output<typeof userSchema>;
