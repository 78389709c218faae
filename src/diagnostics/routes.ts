/** Diagnostic routes: registers the edit, validation and attachment routes (the attachments' purpose and upload route: documents.ts). */
import type { Express } from 'express';
import type { Deps } from '../platform/deps';
import { registerDiagnosticAttachmentRoutes } from './attachment-routes';
import { registerDiagnosticEditRoutes } from './edit-routes';
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
  registerDiagnosticEditRoutes(app, deps);
  registerDiagnosticValidationRoutes(app, deps);
  registerDiagnosticAttachmentRoutes(app, deps, deps.storage);
}
