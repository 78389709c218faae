import { Passport } from 'passport';
import { Strategy as LocalStrategy } from 'passport-local';
import type { Db } from '../db';
import { randomBytes } from 'node:crypto';
import { hashPassword, verifyPassword } from '../password';
import { findSessionUser } from './session-user';

/** One Passport per app: the module-level singleton would pile up strategies across test apps. */
export function createPassport(db: Db, passwordCost: number) {
  const passport = new Passport();
  // Same cost as real hashes, so an unknown e-mail takes as long to refuse as a wrong password.
  const dummyHash = hashPassword(randomBytes(16).toString('hex'), passwordCost);

  passport.use(
    new LocalStrategy({ usernameField: 'email', passwordField: 'password' }, (email, password, done) => {
      findSessionUser(db, { email })
        .then(async (row) => {
          // Verify even when the user is unknown so timing does not reveal which e-mails exist.
          const ok = await verifyPassword(password, row?.password_hash ?? (await dummyHash));
          if (!row || !ok || row.status !== 'active') return done(null, false);
          const { password_hash: _omit, ...user } = row;
          return done(null, user);
        })
        .catch(done);
    }),
  );

  passport.serializeUser((user, done) => done(null, user.id));
  passport.deserializeUser((id: string, done) => {
    findSessionUser(db, { id })
      .then((row) => {
        // A user disabled by an admin loses every open session at the next request.
        if (!row || row.status !== 'active') return done(null, false);
        const { password_hash: _omit, ...user } = row;
        done(null, user);
      })
      .catch(done);
  });
  return passport;
}
