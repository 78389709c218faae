/** Diagnostic routes: upload and document wiring for attachments; registers the edit, validation and attachment routes. */
import type { Express } from 'express';
import { findAccompaniment } from '../accompaniments/queries';
import type { Deps } from '../platform/deps';
import { createStorage } from '../platform/storage';
import { defineDocumentPurpose, registerDocumentRoutes } from '../platform/storage/routes';
import { acceptUploadsAt } from '../platform/uploads';
import { registerDiagnosticAttachmentRoutes } from './attachment-routes';
import { registerDiagnosticEditRoutes } from './edit-routes';
import { diagnosticPolicy } from './policy';
import { DiagnosticClosed, lockOpenDiagnostic } from './queries';
import { back } from './route-helpers';
import { ATTACHMENT_PURPOSE } from './section';
import { registerDiagnosticValidationRoutes } from './validation-routes';

/**
 * The shared diagnostic: texts and objectives by theme (operator staff, while the case is at
 * intake or diagnostic), the structures' validations, and attached files.
 *
 * Rule on changes after validations: the structures validated a content. Saving a different
 * content (findings, context, recommendations or objectives) withdraws every validation
 * already recorded by an active structure — the structures must validate the new version — and
 * says so (a structure that left keeps the validation it gave while it was in: its history); correcting
 * only the days or the date of writing keeps them. The edit page warns before saving.
 */
export function registerDiagnostics(app: Express, deps: Deps) {
  const { db, write, config, logger } = deps;
  const storage = createStorage(config);
  const attachmentsPath = /^\/accompaniments\/[1-9][0-9]*\/diagnostic\/attachments$/;
  acceptUploadsAt(attachmentsPath);
  app.locals.uploadMaxMb = config.uploadMaxMb;

  defineDocumentPurpose(ATTACHMENT_PURPOSE, {
    canRead: (user, acc) => diagnosticPolicy.seeContent(user, acc),
    canDelete: (user, acc) => diagnosticPolicy.manageAttachments(user, acc),
    refuseDelete: async (trx, acc) => {
      try {
        await lockOpenDiagnostic(trx, acc.id);
        return null;
      } catch (err) {
        if (err instanceof DiagnosticClosed) return err.reasonKey;
        throw err;
      }
    },
    backTo: back,
  });
  registerDocumentRoutes(app, { db, write, storage, logger }, (user, id) => findAccompaniment(db, user, id));

  registerDiagnosticEditRoutes(app, deps);
  registerDiagnosticValidationRoutes(app, deps);
  registerDiagnosticAttachmentRoutes(app, deps, storage);
}
