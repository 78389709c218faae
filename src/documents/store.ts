import { randomUUID } from 'node:crypto';
import type { Request } from 'express';
import type { AuditEntry } from '../platform/audit';
import type { Db, Trx } from '../platform/db';
import type { Upload } from '../platform/uploads';
import type { WriteContext, Writer } from '../platform/write';
import type { Storage } from '../platform/storage';
import type { Id } from '../platform/id';

/**
 * The documents table: one row per uploaded file of an accompaniment, whatever it is for
 * (`purpose`). The bytes are in the storage under `storage_key`.
 */
export type DocumentRow = {
  id: string;
  accompaniment_id: string;
  purpose: string;
  filename: string;
  mime_type: string;
  size_bytes: string;
  sha256: string;
  storage_key: string;
  uploaded_by: string | null;
  uploaded_by_name: string | null;
  uploaded_at: Date;
};

const columns = [
  'd.id',
  'd.accompaniment_id',
  'd.purpose',
  'd.filename',
  'd.mime_type',
  'd.size_bytes',
  'd.sha256',
  'd.storage_key',
  'd.uploaded_by',
  'u.name as uploaded_by_name',
  'd.uploaded_at',
];

export function listDocuments(db: Db | Trx, accompanimentId: string, purpose: string) {
  return db('documents as d')
    .leftJoin('users as u', 'u.id', 'd.uploaded_by')
    .where({ 'd.accompaniment_id': accompanimentId, 'd.purpose': purpose })
    .orderBy([{ column: 'd.uploaded_at' }, { column: 'd.id' }])
    .select<DocumentRow[]>(columns);
}

export function findDocument(db: Db | Trx, id: string) {
  return db('documents as d')
    .leftJoin('users as u', 'u.id', 'd.uploaded_by')
    .where('d.id', id)
    .first<DocumentRow | undefined>(columns);
}

/** Keys never contain anything the user typed. */
export function newStorageKey(purpose: string, now = new Date()) {
  const month = String(now.getUTCMonth() + 1).padStart(2, '0');
  return `${purpose.replace(/_/g, '-')}/${now.getUTCFullYear()}/${month}/${randomUUID()}`;
}

/**
 * Stores an upload: the bytes first, then the row (with its audit entry) in one transaction.
 * When the transaction fails the bytes are removed again, so no file is left without a row.
 * `inside` may add more writes to the same transaction (and may refuse by throwing); `after`
 * runs in it too, once the row exists (to point at the new document), and gets the write context
 * to audit its own entries. Without `doc.audit` no document entry is written: `after` must audit.
 */
export async function storeDocument(
  deps: { storage: Storage; write: Writer },
  req: Request,
  doc: {
    accompanimentId: string;
    purpose: string;
    upload: Upload;
    audit?: Omit<AuditEntry, 'details'> & { details?: Record<string, unknown> };
  },
  inside?: (trx: Trx) => Promise<void>,
  after?: (trx: Trx, documentId: string, w: WriteContext) => Promise<void>,
): Promise<string> {
  const key = newStorageKey(doc.purpose);
  await deps.storage.put(key, doc.upload.buffer);
  try {
    return await deps.write(req, async (w) => {
      if (inside) await inside(w.trx);
      const [row] = await w
        .trx('documents')
        .insert({
          accompaniment_id: doc.accompanimentId,
          purpose: doc.purpose,
          filename: doc.upload.filename,
          mime_type: doc.upload.mimeType,
          size_bytes: doc.upload.size,
          sha256: doc.upload.sha256,
          storage_key: key,
          uploaded_by: w.actor.userId,
        })
        .returning<{ id: Id }[]>('id');
      const id = row.id;
      if (after) await after(w.trx, id, w);
      if (doc.audit) {
        await w.audit({
          ...doc.audit,
          details: {
            ...(doc.audit.details ?? {}),
            document_id: id,
            purpose: doc.purpose,
            filename: doc.upload.filename,
            sha256: doc.upload.sha256,
            size_bytes: doc.upload.size,
          },
        });
      }
      return id;
    });
  } catch (err) {
    await deps.storage
      .delete(key)
      .catch((e: unknown) => req.log?.error({ err: e, key }, 'could not remove the file of a failed upload'));
    throw err;
  }
}

/**
 * Removes a document: the row (audited) in a transaction, then the bytes. Should removing the
 * bytes fail, the file stays on disk without a row — never a row without its file.
 */
export async function removeDocument(
  deps: { storage: Storage; write: Writer },
  req: Request,
  doc: DocumentRow,
  inside?: (trx: Trx) => Promise<void>,
): Promise<boolean> {
  const removed = await deps.write(req, async (w) => {
    if (inside) await inside(w.trx);
    const n = await w.trx('documents').where({ id: doc.id }).del();
    await w.audit({
      action: 'document.delete',
      entityType: 'accompaniment',
      entityId: doc.accompaniment_id,
      details: { document_id: doc.id, purpose: doc.purpose, filename: doc.filename, sha256: doc.sha256 },
    });
    return n === 1;
  });
  if (removed) {
    await deps.storage
      .delete(doc.storage_key)
      .catch((e: unknown) =>
        req.log?.error({ err: e, key: doc.storage_key }, 'could not remove the file of a deleted document'),
      );
  }
  return removed;
}
