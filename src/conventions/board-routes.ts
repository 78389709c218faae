/** Convention board routes: the status board and generating a new version (voiding the previous signatures). */
import type { Express } from 'express';
import { loadAccompaniment } from '../accompaniments/load';
import { currentUser, requireLogin } from '../platform/auth/guards';
import { DateRefused, dateRefusalError } from '../platform/dates';
import type { Deps } from '../platform/deps';
import { parseForm } from '../platform/forms';
import { authorize } from '../platform/policy';
import type { Storage } from '../platform/storage';
import { flash } from '../platform/views';
import { GenerateRefused, prepareVersion, VersionRace } from './commands';
import { storeVersion } from './documents';
import { conventionPolicy } from './policy';
import { boardPath, renderBoard } from './route-helpers';
import { generateSchema, postedGenerateValues } from './schemas';

/** The board page and the generation of a version. */
export function registerConventionBoardRoutes(app: Express, deps: Deps, storage: Storage) {
  const { db, write, config } = deps;

  app.get('/accompaniments/:id/convention', requireLogin, async (req, res) => {
    const acc = await loadAccompaniment(deps, req);
    authorize(conventionPolicy.view(currentUser(req), acc));
    await renderBoard(deps, req, res, 200, acc);
  });

  // Issuing a version: drawn (its PDF) outside the transaction, then stored and recorded in one.
  app.post('/accompaniments/:id/convention/generate', requireLogin, async (req, res) => {
    const acc = await loadAccompaniment(deps, req);
    const user = currentUser(req);
    authorize(conventionPolicy.generate(user, acc));
    const generateValues = postedGenerateValues(req.body);
    const again = (status: number, extra: Record<string, unknown>) =>
      renderBoard(deps, req, res, status, acc, { generateValues, ...extra });
    const form = parseForm(generateSchema, req.body, req.t);
    if (!form.ok) return again(422, { generateErrors: form.errors, generateError: req.t('form.hasErrors') });
    try {
      const prepared = await prepareVersion(db, acc, form.data);
      const voided = await storeVersion({ storage, write }, req, acc, prepared, {
        userId: user.id,
        baseUrl: config.baseUrl,
      });
      flash(req, 'success', req.t('conventions.generate.done', { version: prepared.version }));
      if (voided) flash(req, 'info', req.t('conventions.generate.voided', { count: voided }));
      res.redirect(boardPath(acc));
    } catch (err) {
      if (err instanceof DateRefused)
        return again(422, { generateErrors: dateRefusalError(req, err), generateError: req.t('form.hasErrors') });
      if (err instanceof GenerateRefused) return again(422, { generateError: req.t(err.reasonKey) });
      if (err instanceof VersionRace) return again(409, { generateError: req.t('conventions.generate.race') });
      throw err;
    }
  });
}
