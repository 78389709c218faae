import type { NextFunction, Request, Response } from 'express';

/**
 * A login session ends `maxHours` after sign-in however active it is (SESSION_MAX_HOURS), beside
 * the idle timeout of the store: a session left open on a shared computer does not live forever.
 * The user is sent to the login page with the "session expired" notice; a form posted meanwhile
 * is not applied.
 */
export function sessionLifetime(maxHours: number) {
  const maxMs = maxHours * 3_600_000;
  return (req: Request, res: Response, next: NextFunction) => {
    if (!req.user) return next();
    const signedInAt = req.session.signedInAt;
    // A session opened before this rule existed counts from now.
    if (typeof signedInAt !== 'number') {
      req.session.signedInAt = Date.now();
      return next();
    }
    if (Date.now() - signedInAt <= maxMs) return next();
    req.logout((err) => {
      if (err) return next(err);
      req.session.destroy((destroyErr) => {
        if (destroyErr) return next(destroyErr);
        res.clearCookie('jalons.sid');
        res.redirect('/login?expired=1');
      });
    });
  };
}
