/** Convention routes: the document purposes and their routes; registers the board, signature and reminder routes. */
import type { Express } from 'express';
import { findAccompaniment } from '../accompaniments/queries';
import type { Deps } from '../platform/deps';
import { createStorage } from '../platform/storage';
import { defineDocumentPurpose, registerDocumentRoutes } from '../platform/storage/routes';
import { acceptUploadsAt } from '../platform/uploads';
import { registerConventionBoardRoutes } from './board-routes';
import { conventionPolicy } from './policy';
import { registerConventionReminderRoutes } from './reminder-routes';
import { boardPath, CONVENTION_PURPOSE, SCAN_PURPOSE } from './route-helpers';
import { registerConventionSignatureRoutes } from './signature-routes';

export { CONVENTION_PURPOSE, GENERATE_STATES, SCAN_PURPOSE, SIGN_STATES } from './route-helpers';

/**
 * The convention: generated versions (PDF, SHA-256), the parties' signatures on the current
 * version, reminders, and the admin override of the delivery guard (see guard.ts).
 */
export function registerConventions(app: Express, deps: Deps) {
  const { db, write, config, logger } = deps;
  const storage = createStorage(config);
  const signaturesPath = /^\/accompaniments\/[1-9][0-9]*\/convention\/signatures$/;
  acceptUploadsAt(signaturesPath);

  defineDocumentPurpose(CONVENTION_PURPOSE, {
    canRead: (user, acc) => conventionPolicy.readConvention(user, acc),
    canDelete: () => false, // a generated version is a record: never deleted, only voided
    backTo: boardPath,
  });
  defineDocumentPurpose(SCAN_PURPOSE, {
    canRead: (user, acc) => conventionPolicy.readScan(user, acc),
    canDelete: () => false,
    backTo: boardPath,
  });
  registerDocumentRoutes(app, { db, write, storage, logger }, (user, id) => findAccompaniment(db, user, id));

  registerConventionBoardRoutes(app, deps, storage);
  registerConventionSignatureRoutes(app, deps, storage);
  registerConventionReminderRoutes(app, deps);
}
