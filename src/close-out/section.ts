import type { Section } from '../accompaniments/sections';
import { closeOutPolicy, isClosingOut } from './policy';
import { closeOutSectionChecklist } from './section-query';

/** The close-out checklist on the accompaniment page, from delivery on (null = not shown). */
export const closeOutSection: Section = {
  id: 'close-out',
  partial: 'close-out/_section',
  load: async ({ db, user, acc }) => {
    if (!isClosingOut(acc)) return null;
    const checklist = await closeOutSectionChecklist(db, acc.id);
    return {
      checklist,
      answerable: answerableBy(checklist, (orgId) => closeOutPolicy.answerSurvey(user, acc, orgId)),
      changeable: answerableBy(checklist, (orgId, answered) => closeOutPolicy.changeSurvey(user, acc, orgId, answered)),
      canEditCloseOut: closeOutPolicy.edit(user, acc),
    };
  },
};

/** The structures whose survey this user may open (answerable) or record (changeable), for the links. */
export const answerableBy = (
  checklist: { items: { surveys: { board: { organisation_id: string; answered: boolean }[] } } },
  may: (orgId: string, answered: boolean) => boolean,
) => checklist.items.surveys.board.filter((b) => may(b.organisation_id, b.answered)).map((b) => b.organisation_id);
