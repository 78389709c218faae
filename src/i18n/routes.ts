import type { Express } from 'express';
import type { Deps } from '../platform/deps';
import { postedForm } from '../platform/forms';
import { isLocale, LANG_COOKIE } from '../platform/i18n';
import { safeNext } from '../platform/views';
import { setLocale } from '../users/commands';

/** The language switch: remembered in a cookie, and in the profile of a signed-in user. */
export function registerLanguage(app: Express, deps: Deps) {
  app.post('/lang', async (req, res) => {
    const { lang, next } = postedForm(req);
    const back = safeNext(next, '/');
    if (!isLocale(lang)) return res.redirect(back);
    res.cookie(LANG_COOKIE, lang, {
      maxAge: 365 * 24 * 3600_000,
      httpOnly: true,
      sameSite: 'lax',
      secure: deps.config.env === 'production',
    });
    if (req.user && req.user.locale !== lang) {
      const userId = req.user.id;
      await deps.write(req, (w) => setLocale(w, userId, lang));
    }
    res.redirect(back);
  });
}
