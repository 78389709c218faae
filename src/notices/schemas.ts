import { z } from 'zod';
import { happenedOn } from '../platform/dates';
import { choice, optionalText, requiredText } from '../platform/forms';

/** Who was told (DOMAIN.md: funders and the CDIAE informed at milestones). */
export const NOTICE_KINDS = ['funders_informed', 'cdiae_informed', 'other'] as const;
export type NoticeKind = (typeof NOTICE_KINDS)[number];

export const noticeSchema = z.object({
  kind: choice(NOTICE_KINDS),
  // The day the partners were informed: never after today, not before the case's intake (commands.ts).
  on_date: happenedOn(),
  recipients: requiredText(500),
  content: optionalText(5000),
});
export type NoticeInput = z.output<typeof noticeSchema>;
