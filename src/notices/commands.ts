/** The notices' commands: the business rules of recording one, in the caller's transaction. */
import type { Trx } from '../platform/db';
import { refuseBefore } from '../platform/dates';
import { insertNotice } from './queries';
import type { NoticeInput } from './schemas';
import type { AccompanimentsRow } from '../platform/db-tables';

/**
 * Records that partners were informed. The day it happened (on_date, never in the future: the
 * form's schema) may not fall before the case's intake (DateRefused, shown next to the field).
 */
export async function recordNotice(trx: Trx, accompanimentId: string, input: NoticeInput, userId: string) {
  const acc = await trx<AccompanimentsRow>('accompaniments').where({ id: accompanimentId }).first('intake_on');
  refuseBefore('on_date', input.on_date, acc?.intake_on, 'notices.beforeIntake');
  return insertNotice(trx, accompanimentId, input, userId);
}
