import path from 'node:path';
import ejs from 'ejs';
import type { Express, NextFunction, Request, Response } from 'express';
import { ROOT } from '../config';

export const VIEWS_DIR = path.join(ROOT, 'views');

/**
 * Every page is rendered into views/layout.ejs. Partials take explicit locals and never query
 * the database; everything a view shows is loaded by its route.
 */
export function setupViews(app: Express) {
  app.set('views', VIEWS_DIR);
  app.set('view engine', 'ejs');
  // ejs 7 reads no 'view options' from Express: its options are given here, on each render.
  // - Includes name their file from the views folder ('/partials/_field'), resolved against
  //   `root` with no disk access; a relative include made ejs check the disk (existsSync) on
  //   every include of every page, 4 % of the home page's CPU in a profile.
  // - Express caches compiled templates when NODE_ENV=production ('view cache', passed as `cache`).
  //   There, ejs also drops its line bookkeeping (a variable assignment before every template
  //   line, kept for error messages).
  app.engine('ejs', (file: string, data: { cache?: boolean }, done: (err: Error | null, html?: string) => void) => {
    const cache = data.cache === true;
    ejs.renderFile(file, data, { root: VIEWS_DIR, cache, compileDebug: !cache }, done);
  });
  app.use(layoutMiddleware);
}

function layoutMiddleware(req: Request, res: Response, next: NextFunction) {
  const render = res.render.bind(res);
  res.render = ((view: string, locals?: Record<string, unknown>, cb?: (err: Error, html: string) => void) => {
    if (typeof locals === 'function') {
      cb = locals;
      locals = {};
    }
    const app = req.app;
    // Flash messages are consumed by the page that shows them, not by a redirect on the way.
    const flashes = req.session?.flash ?? [];
    if (req.session?.flash) delete req.session.flash;
    const all: Record<string, unknown> = { flash: flashes, ...res.locals, ...(locals ?? {}) };
    app.render(view, all, (err, body) => {
      if (err) return cb ? cb(err, '') : req.next!(err);
      if (all.layout === false) return cb ? cb(null as never, body) : res.send(body);
      render('layout', { ...all, body }, cb);
    });
  }) as Response['render'];
  next();
}

/** Flash messages survive one redirect (Post/Redirect/Get). */
export function flash(req: Request, type: 'success' | 'error' | 'info', message: string) {
  req.session.flash = [...(req.session.flash ?? []), { type, message }];
}

/** A redirect target from a form is only ever a path on this site. */
export function safeNext(value: unknown, fallback = '/'): string {
  return typeof value === 'string' && /^\/(?![/\\])/.test(value) ? value : fallback;
}
