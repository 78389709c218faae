import type { Config } from '../config';
import type { Throttle } from './auth/throttle';
import type { Db } from './db';
import type { Logger } from './logger';
import type { Outbox } from './mail/outbox';
import type { Storage } from './storage';
import type { Writer } from './write';

/** What route modules receive: no module reaches for globals. */
export type Deps = {
  db: Db;
  config: Config;
  logger: Logger;
  outbox: Outbox;
  /** Uploaded and generated files (local disk by default). */
  storage: Storage;
  write: Writer;
  loginThrottle: Throttle;
  resetThrottle: Throttle;
};
