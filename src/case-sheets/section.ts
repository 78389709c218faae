import type { Section } from '../accompaniments/sections';
import { completion } from './content';
import { caseSheetPolicy, EDITABLE_STATES } from './policy';
import { caseSheetSectionData } from './section-query';

/** The case-sheet part of the accompaniment page: how much of the close-out is written, and links. */
export const caseSheetSection: Section = {
  id: 'case-sheet',
  partial: 'case-sheets/_section',
  load: async ({ db, user, acc }) => {
    const { fields, consentedQuotes } = await caseSheetSectionData(db, acc.id);
    // Before delivery there is nothing to report on yet, unless something was already written.
    if (!EDITABLE_STATES.includes(acc.state) && fields.lock_version === 0) return null;
    return {
      completion: completion(fields),
      consentedQuotes,
      canEditSheet: caseSheetPolicy.edit(user, acc),
    };
  },
};
