/** The sign-in and password forms, and what they show again when refused. */
import { z } from 'zod';
import { email, requiredText } from '../platform/forms';
import { PASSWORD_MIN_LENGTH } from '../platform/password';

export const loginSchema = z.object({
  email: requiredText(254),
  password: z.string({ error: 'validation.required' }).min(1, { error: 'validation.required' }).max(500),
  next: z.string().optional(),
});

export const forgotSchema = z.object({ email: email() });

export const newPasswordSchema = z
  .object({
    password: z
      .string({ error: 'validation.required' })
      .min(PASSWORD_MIN_LENGTH, { error: 'validation.passwordTooShort' })
      .max(200, { error: 'validation.tooLong' }),
    confirmation: z.string({ error: 'validation.required' }),
  })
  .refine((v) => v.password === v.confirmation, { path: ['confirmation'], error: 'validation.passwordMismatch' });
