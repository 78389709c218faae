import type { NextFunction, Request, Response } from 'express';
import { forbidden, HttpError } from '../errors';
import type { Role } from './session-user';

/** Pages send anonymous visitors to the login page, remembering where they were going. */
export function requireLogin(req: Request, res: Response, next: NextFunction) {
  if (req.user) return next();
  if (req.method === 'GET' && req.accepts(['html', 'json']) === 'html') {
    return res.redirect(`/login?next=${encodeURIComponent(req.originalUrl)}`);
  }
  if (req.method === 'GET') return next(new HttpError(401));
  return res.redirect('/login');
}

export function requireRole(...roles: Role[]) {
  return (req: Request, _res: Response, next: NextFunction) => {
    if (!req.user) return requireLogin(req, _res, next);
    if (!roles.includes(req.user.role)) return next(forbidden());
    next();
  };
}

/** Route parameters that are ids: anything else is a page that does not exist. */
export function isId(value: unknown): value is string {
  return typeof value === 'string' && /^[1-9][0-9]{0,17}$/.test(value);
}

/**
 * The signed-in user of a request behind `requireLogin`/`requireRole`. Handlers call this instead of
 * writing `req.user!`: a request that somehow arrives without a user answers 401, never a TypeError.
 */
export function currentUser(req: Request): Express.User {
  if (!req.user) throw new HttpError(401);
  return req.user;
}
