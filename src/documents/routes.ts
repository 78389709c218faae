import { requestIdOf } from '../platform/audit';
import { pipeline } from 'node:stream/promises';
import type { Express, Request, Response } from 'express';
import { findAccompaniment } from '../accompaniments/queries';
import { sees, THINGS } from '../accompaniments/withdrawn';
import { currentUser, isId, requireLogin } from '../platform/auth/guards';
import type { Deps } from '../platform/deps';
import { notFound } from '../platform/errors';
import type { MessageKey } from '../platform/i18n';
import type { Logger } from '../platform/logger';
import { authorize } from '../platform/policy';
import type { Storage } from '../platform/storage';
import { flash } from '../platform/views';
import { purposeNamed } from './purposes';
import { DocumentRow, findDocument, removeDocument } from './store';

class DeleteRefused extends Error {
  constructor(readonly key: MessageKey) {
    super(key);
  }
}

/**
 * GET /documents/:id/download and POST /documents/:id/delete, for every purpose of stored file
 * (purposes.ts): the document's case is loaded through the user's scope (404 otherwise), then the
 * purpose's own rules answer (403).
 */
export function registerDocuments(app: Express, deps: Deps) {
  const { db } = deps;

  const loadDocument = async (req: Request) => {
    if (!isId(req.params.id)) throw notFound();
    const doc = await findDocument(db, req.params.id);
    if (!doc) throw notFound();
    const user = currentUser(req);
    const acc = await findAccompaniment(db, user, doc.accompaniment_id);
    const purpose = purposeNamed(doc.purpose);
    if (!acc || !purpose) throw notFound();
    // A structure that left the case does not reach the files of what came after (accompaniments/withdrawn.ts).
    if (!(await sees(db, user, 'documents', 'doc', doc.id, THINGS.document('doc')))) throw notFound();
    return { doc, acc, purpose, user };
  };

  app.get('/documents/:id/download', requireLogin, async (req, res) => {
    const { doc, acc, purpose, user } = await loadDocument(req);
    authorize(await purpose.canRead(user, acc, doc, db));
    await sendDocument(req, res, deps, doc);
  });

  app.post('/documents/:id/delete', requireLogin, async (req, res) => {
    const { doc, acc, purpose, user } = await loadDocument(req);
    authorize(purpose.canDelete(user, acc));
    try {
      await removeDocument(deps, req, doc, async (trx) => {
        const refusal = purpose.refuseDelete ? await purpose.refuseDelete(trx, acc) : null;
        if (refusal) throw new DeleteRefused(refusal);
      });
      flash(req, 'success', req.t('documents.deleted', { filename: doc.filename }));
    } catch (err) {
      if (!(err instanceof DeleteRefused)) throw err;
      flash(req, 'error', req.t(err.key));
    }
    res.redirect(purpose.backTo(acc));
  });
}

/** Sends the bytes; a file missing from the disk is a French "not found", never a 500. */
export async function sendDocument(
  req: Request,
  res: Response,
  deps: { storage: Storage; logger: Logger },
  doc: DocumentRow,
) {
  const stream = await deps.storage.get(doc.storage_key);
  if (!stream) {
    deps.logger.error({ documentId: doc.id, key: doc.storage_key, reqId: req.id }, 'stored file missing');
    res.status(404).render('errors/error', {
      title: req.t('documents.missing.title'),
      status: 404,
      explanation: req.t('documents.missing.text', { filename: doc.filename }),
      requestId: requestIdOf(req),
    });
    return;
  }
  res.attachment(doc.filename);
  res.set({
    'Content-Type': doc.mime_type,
    'Content-Length': String(doc.size_bytes),
    'Cache-Control': 'private, no-store',
    'X-Content-Type-Options': 'nosniff',
  });
  try {
    await pipeline(stream, res);
  } catch (err) {
    deps.logger.error({ err, documentId: doc.id, reqId: req.id }, 'sending a stored file failed');
    res.destroy();
  }
}
