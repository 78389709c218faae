import { pipeline } from 'node:stream/promises';
import type { Express, Request, Response } from 'express';
import type { SessionUser } from '../auth/session-user';
import { isId, requireLogin } from '../auth/guards';
import type { Db, Trx } from '../db';
import { notFound } from '../errors';
import type { MessageKey } from '../i18n';
import type { Logger } from '../logger';
import { authorize } from '../policy';
import { flash } from '../views';
import type { Writer } from '../write';
import { DocumentRow, findDocument, removeDocument } from './documents';
import type { Storage } from './index';

/** The accompaniment a document belongs to, as loaded through the user's scope. */
export type DocumentOwner = { id: string; operator_id: string; state: string };

/**
 * What each purpose of document allows. Whoever cannot see the accompaniment gets a 404 before
 * any of this is asked; a purpose nobody declared is a 404 too (deny by default).
 */
export type DocumentPurpose = {
  /** May be asynchronous and look at the document itself (e.g. a consent recorded for it). */
  canRead: (user: SessionUser, acc: DocumentOwner, doc: DocumentRow) => boolean | Promise<boolean>;
  canDelete: (user: SessionUser, acc: DocumentOwner) => boolean;
  /** Checked inside the deletion's transaction; a catalogue key refuses it with that message. */
  refuseDelete?: (trx: Trx, acc: DocumentOwner) => Promise<MessageKey | null>;
  /** Where the user goes back to after a deletion. */
  backTo: (acc: DocumentOwner) => string;
};

const purposes = new Map<string, DocumentPurpose>();

export function defineDocumentPurpose(name: string, rules: DocumentPurpose) {
  purposes.set(name, rules);
}

class DeleteRefused extends Error {
  constructor(readonly key: MessageKey) {
    super(key);
  }
}

export type DocumentDeps = { db: Db; storage: Storage; write: Writer; logger: Logger };
type FindInScope = (user: SessionUser, accompanimentId: string) => Promise<DocumentOwner | undefined>;

/**
 * GET /documents/:id/download and POST /documents/:id/delete, for every purpose.
 * Registered once per app, by the first area that stores documents.
 */
export function registerDocumentRoutes(app: Express, deps: DocumentDeps, findInScope: FindInScope) {
  if (app.locals.documentRoutes) return;
  app.locals.documentRoutes = true;

  const loadDocument = async (req: Request) => {
    if (!isId(req.params.id)) throw notFound();
    const doc = await findDocument(deps.db, req.params.id);
    if (!doc) throw notFound();
    const acc = await findInScope(req.user!, String(doc.accompaniment_id));
    const purpose = purposes.get(doc.purpose);
    if (!acc || !purpose) throw notFound();
    return { doc, acc, purpose };
  };

  app.get('/documents/:id/download', requireLogin, async (req, res) => {
    const { doc, acc, purpose } = await loadDocument(req);
    authorize(await purpose.canRead(req.user!, acc, doc));
    await sendDocument(req, res, deps, doc);
  });

  app.post('/documents/:id/delete', requireLogin, async (req, res) => {
    const { doc, acc, purpose } = await loadDocument(req);
    authorize(purpose.canDelete(req.user!, acc));
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
export async function sendDocument(req: Request, res: Response, deps: { storage: Storage; logger: Logger }, doc: DocumentRow) {
  const stream = await deps.storage.get(doc.storage_key);
  if (!stream) {
    deps.logger.error({ documentId: doc.id, key: doc.storage_key, reqId: req.id }, 'stored file missing');
    res.status(404).render('errors/error', {
      title: req.t('documents.missing.title'),
      status: 404,
      explanation: req.t('documents.missing.text', { filename: doc.filename }),
      requestId: String(req.id ?? ''),
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
