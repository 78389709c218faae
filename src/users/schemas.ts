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

/** How a person receives Jalons' mails (users.mail_delivery): each at once, or one digest a day. */
export const MAIL_DELIVERIES = ['immediate', 'digest'] as const;
export type MailDelivery = (typeof MAIL_DELIVERIES)[number];
export const mailDeliverySchema = z.object({
  mail_delivery: z.enum(MAIL_DELIVERIES, { error: 'validation.choice' }),
});
