/** Convention routes (the document purposes and the upload route: documents.ts): registers the board, signature and reminder routes. */
import type { Express } from 'express';
import type { Deps } from '../platform/deps';
import { createStorage } from '../platform/storage';
import { registerConventionBoardRoutes } from './board-routes';
import { registerConventionReminderRoutes } from './reminder-routes';
import { registerConventionSignatureRoutes } from './signature-routes';
import { registerConventionTemplateRoutes } from './template-routes';

export { CONVENTION_PURPOSE, GENERATE_STATES, SCAN_PURPOSE, SIGN_STATES } from './route-helpers';

/**
 * The convention: generated versions (PDF, SHA-256), the parties' signatures on the current
 * version, reminders, the admin override of the delivery guard (see guard.ts), each version's
 * Word twin, and the operator's convention template (template-routes.ts).
 */
export function registerConventions(app: Express, deps: Deps) {
  const storage = createStorage(deps.config);

  registerConventionBoardRoutes(app, deps, storage);
  registerConventionSignatureRoutes(app, deps, storage);
  registerConventionReminderRoutes(app, deps);
  registerConventionTemplateRoutes(app, deps);
}
