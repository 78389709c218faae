import type { SessionUser } from '../platform/auth/session-user';
import type { Db, Trx } from '../platform/db';
import type { MessageKey } from '../platform/i18n';
import type { DocumentRow } from './store';

/** The accompaniment a document belongs to, as loaded through the user's scope. */
export type DocumentOwner = { id: string; operator_id: string; state: string };

/**
 * What a kind of stored file (`documents.purpose`) allows. Each is declared by the area that stores
 * such files, in its documents.ts, and listed in purposes.ts. Whoever cannot see the accompaniment
 * gets a 404 before any of this is asked; a purpose nobody declared is a 404 too (deny by default).
 */
export type DocumentPurpose = {
  /** The value stored in documents.purpose. */
  name: string;
  /** May be asynchronous and look at the document itself (e.g. a consent recorded for it). */
  canRead: (user: SessionUser, acc: DocumentOwner, doc: DocumentRow, db: Db) => boolean | Promise<boolean>;
  canDelete: (user: SessionUser, acc: DocumentOwner) => boolean;
  /** Checked inside the deletion's transaction; a catalogue key refuses it with that message. */
  refuseDelete?: (trx: Trx, acc: DocumentOwner) => Promise<MessageKey | null>;
  /** Where the user goes back to after a deletion. */
  backTo: (acc: DocumentOwner) => string;
};
