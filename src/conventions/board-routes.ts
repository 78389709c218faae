/** Convention board routes: the status board and generating a new version (voiding the previous signatures). */
import type { Express } from 'express';
import { loadAccompaniment } from '../accompaniments/load';
import { currentUser, isId, requireLogin } from '../platform/auth/guards';
import { DateRefused, dateRefusalError } from '../platform/dates';
import type { Deps } from '../platform/deps';
import { DOCX_TYPE } from '../platform/docx';
import { notFound } from '../platform/errors';
import { parseForm, postedForm } from '../platform/forms';
import { authorize } from '../platform/policy';
import type { Storage } from '../platform/storage';
import { flash } from '../platform/views';
import { GenerateRefused, prepareVersion, VersionRace } from './commands';
import { storedContent } from './content';
import { renderConventionDocx } from './docx';
import { storeVersion } from './documents';
import { conventionPolicy } from './policy';
import { versionContent } from './queries';
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

  // A version as a Word document, drawn from the content stored with it (its own clauses, whatever the
  // template says since): readable by whoever reads its PDF; a version issued before contents were stored has none.
  app.get('/accompaniments/:id/convention/versions/:version/docx', requireLogin, async (req, res) => {
    const acc = await loadAccompaniment(deps, req);
    const user = currentUser(req);
    authorize(conventionPolicy.readConvention(user, acc));
    const n = req.params.version;
    const row = isId(n) && Number(n) < 1e6 ? await versionContent(db, acc.id, Number(n), user) : undefined;
    const content = storedContent(row?.content);
    if (!content) throw notFound();
    const docx = await renderConventionDocx(content);
    res.set({ 'Content-Type': DOCX_TYPE, 'Cache-Control': 'private, no-store', 'X-Content-Type-Options': 'nosniff' });
    res.attachment(req.t('conventions.docx.filename', { id: acc.id, version: content.version }));
    res.send(docx);
  });

  // Issuing a version: drawn (its PDF) outside the transaction, then stored and recorded in one.
  app.post('/accompaniments/:id/convention/generate', requireLogin, async (req, res) => {
    const acc = await loadAccompaniment(deps, req);
    const user = currentUser(req);
    authorize(conventionPolicy.generate(user, acc));
    const generateValues = postedGenerateValues(postedForm(req));
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
