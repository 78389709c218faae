import type { Locale, Translate } from '../platform/i18n';
import type { SessionUser } from '../platform/auth/session-user';

declare global {
  namespace Express {
    // eslint-disable-next-line @typescript-eslint/no-empty-object-type
    interface User extends SessionUser {}
    interface Request {
      locale: Locale;
      t: Translate;
      id: string | number | object;
    }
  }
}

declare module 'express-session' {
  interface SessionData {
    flash?: { type: 'success' | 'error' | 'info'; message: string }[];
    /** When the user signed in (ms since the epoch): the session's absolute lifetime counts from it. */
    signedInAt?: number;
  }
}

export {};
