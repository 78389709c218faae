import { readingSection } from '../accompaniments/reading-section';
import { ACCEPTED_LABEL, acceptAttribute } from '../platform/uploads';
import { closedReason, diagnosticPolicy, isOpen } from './policy';
import { hasContent, pendingFor } from './queries';
import { localToday } from '../platform/dates';
import { diagnosticSectionData, diagnosticSectionReads } from './section-query';
import { textBlocks } from './text';

export const ATTACHMENT_PURPOSE = 'diagnostic_attachment';

/**
 * The diagnostic part of the accompaniment page: the texts, the objectives by theme, the
 * validation board (one row per active structure) and the attachments.
 */
export const diagnosticSection = readingSection({
  id: 'diagnostic',
  partial: 'diagnostics/_section',
  reads: ({ db, user, acc }) =>
    diagnosticSectionReads(db, acc.id, ATTACHMENT_PURPOSE, diagnosticPolicy.seeContent(user, acc), user),
  show: ({ user, acc }, rows) => {
    const seeContent = diagnosticPolicy.seeContent(user, acc);
    const open = isOpen(acc);
    const { diagnostic, objectives, board, attachments } = diagnosticSectionData(rows, seeContent);
    const staff = diagnosticPolicy.edit(user, acc);
    const canValidate = open && diagnosticPolicy.validate(user, acc) && hasContent({ diagnostic, objectives });
    return {
      diagnostic,
      objectives,
      blocks:
        seeContent && diagnostic
          ? {
              findings: textBlocks(diagnostic.findings),
              context: textBlocks(diagnostic.context),
              recommendations: textBlocks(diagnostic.recommendations),
            }
          : null,
      seeContent,
      board: board.filter((b) => b.status === 'active'),
      withdrawn: board.filter((b) => b.status === 'withdrawn'),
      attachments,
      open,
      closedMessageKey: open ? null : closedReason(acc),
      can: {
        edit: open && staff,
        deleteValidation: open && diagnosticPolicy.deleteValidation(user, acc),
        manageAttachments: open && diagnosticPolicy.manageAttachments(user, acc),
      },
      pending: canValidate ? pendingFor(board, user, staff) : [],
      isStaff: staff,
      signatory: user.role === 'beneficiary' ? user.name : '',
      today: localToday(),
      upload: { types: ACCEPTED_LABEL, accept: acceptAttribute() },
    };
  },
});
