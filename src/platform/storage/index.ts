import type { Readable } from 'node:stream';
import { LocalDiskStorage } from './local-disk';

/**
 * Where uploaded bytes live. Deliberately tiny so that an object store can replace the local
 * disk later; keys are chosen by Jalons (never by the user) and look like 'purpose/2026/11/uuid'.
 */
export interface Storage {
  put(key: string, data: Buffer): Promise<void>;
  /** The stored bytes, or null when nothing is stored under that key. */
  get(key: string): Promise<Readable | null>;
  /** Removes the bytes; removing a missing key is not an error. */
  delete(key: string): Promise<void>;
}

export function createStorage(config: { storageDir: string }): Storage {
  return new LocalDiskStorage(config.storageDir);
}

export { LocalDiskStorage };
