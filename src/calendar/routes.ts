import type { Express, Request, Response } from 'express';
import { currentUser, requireLogin } from '../platform/auth/guards';
import type { Deps } from '../platform/deps';
import type { Locale } from '../platform/i18n';
import { translate } from '../platform/i18n';
import { authorize } from '../platform/policy';
import { flash, safeNext } from '../platform/views';
import { loadSession } from '../sessions/scope';
import { invitationRefusal, sendInvitations } from './commands';
import { addSessionEvent, buildCalendar, icsFilename, sessionIcs } from './ics';
import { calendarPolicy } from './policy';
import { feedSessions, operatorName, sessionInvitees } from './queries';
import { activeFeedToken, findFeedUser, issueFeedToken, revokeFeedToken } from './tokens';
import { postedForm } from '../platform/forms';

const ICS_TYPE = 'text/calendar; charset=utf-8';
const FEED_TTL_SECONDS = 3600;

const feedUrl = (baseUrl: string, raw: string) => `${baseUrl}/calendar/${raw}.ics`;

/**
 * The private feed: a calendar application fetches it with no cookie, the token in the URL
 * says whose sessions to list. Registered before the session middleware, so a fetch never
 * creates a login session, never sets a cookie and never touches the session store.
 */
export function registerCalendarFeed(app: Express, deps: Deps) {
  const { db, config } = deps;

  app.get('/calendar/:token.ics', async (req, res) => {
    res.set('Cache-Control', 'private, no-cache');
    res.set('X-Robots-Tag', 'noindex, nofollow');
    try {
      const user = await findFeedUser(db, req.params.token);
      if (!user) {
        res.status(404).type('text/plain').send('Not found');
        return;
      }
      const sessions = await feedSessions(db, user);
      const locale: Locale = user.locale === 'en' ? 'en' : 'fr';
      const cal = buildCalendar({
        method: 'PUBLISH',
        name: translate(locale, 'calendar.feedName', { name: user.name }),
        ttlSeconds: FEED_TTL_SECONDS,
      });
      for (const s of sessions) addSessionEvent(cal, s, { baseUrl: config.baseUrl, locale, link: true });
      res.type(ICS_TYPE).send(cal.toString());
    } catch (err) {
      req.log.error({ err }, 'calendar feed failed');
      res.status(503).set('Retry-After', '60').type('text/plain').send('Service unavailable');
    }
  });
}

export function registerCalendar(app: Express, deps: Deps) {
  const { db, config, write } = deps;

  // One session as a file to open in a calendar application.
  app.get('/sessions/:id/calendar.ics', requireLogin, async (req, res) => {
    const session = await loadSession(deps, req);
    authorize(calendarPolicy.download(currentUser(req)));
    const body = sessionIcs(session, { baseUrl: config.baseUrl, locale: req.locale });
    res.attachment(icsFilename(session));
    res.set('Cache-Control', 'private, no-store');
    res.type(ICS_TYPE).send(body);
  });

  const renderAccount = async (req: Request, res: Response, newUrl: string | null) => {
    const token = await activeFeedToken(db, currentUser(req).id);
    // The page after creating a token is rendered from the POST: the URL is shown once and is
    // never written anywhere (not even into the session store), nor cached.
    if (newUrl) res.set('Cache-Control', 'no-store');
    res.locals.currentPath = '/account/calendar';
    res.render('calendar/account', {
      title: req.t('calendar.account.title'),
      token: token ?? null,
      newUrl,
      webcalUrl: newUrl ? newUrl.replace(/^https?:\/\//, 'webcal://') : null,
    });
  };

  app.get('/account/calendar', requireLogin, async (req, res) => {
    authorize(calendarPolicy.ownFeed(currentUser(req)));
    await renderAccount(req, res, null);
  });

  app.post('/account/calendar/token', requireLogin, async (req, res) => {
    const user = currentUser(req);
    authorize(calendarPolicy.ownFeed(user));
    const raw = await write(req, async (w) => {
      const issued = await issueFeedToken(w.trx, user.id);
      await w.audit({
        action: issued.replaced ? 'calendar.token_regenerated' : 'calendar.token_created',
        entityType: 'user',
        entityId: user.id,
      });
      return issued.raw;
    });
    res.locals.flash = [{ type: 'success', message: req.t('calendar.account.created') }];
    await renderAccount(req, res, feedUrl(config.baseUrl, raw));
  });

  app.post('/account/calendar/revoke', requireLogin, async (req, res) => {
    const user = currentUser(req);
    authorize(calendarPolicy.ownFeed(user));
    const active = await activeFeedToken(db, user.id);
    if (!active) {
      flash(req, 'info', req.t('calendar.account.nothingToRevoke'));
      return res.redirect('/account/calendar');
    }
    await write(req, async (w) => {
      await revokeFeedToken(w.trx, user.id);
      await w.audit({ action: 'calendar.token_revoked', entityType: 'user', entityId: user.id });
    });
    flash(req, 'success', req.t('calendar.account.revoked'));
    res.redirect('/account/calendar');
  });

  // E-mails the invitation to every invitee with an address (commands.ts).
  app.post('/sessions/:id/invitations', requireLogin, async (req, res) => {
    const user = currentUser(req);
    const session = await loadSession(deps, req);
    authorize(calendarPolicy.invite(user, session));
    const back = safeNext(postedForm(req).next, `/sessions/${session.id}`);
    const invitees = await sessionInvitees(db, session.id);
    const refusal = invitationRefusal(invitees);
    if (refusal) {
      flash(req, 'error', req.t(refusal));
      return res.redirect(back);
    }
    const operator = await operatorName(db, session.operator_id);
    const sender = { name: user.name, email: user.email };
    const done = await write(req, (w) =>
      sendInvitations(w, session, { invitees, sender, operator, baseUrl: config.baseUrl }),
    );
    if (done.past) flash(req, 'info', req.t('calendar.invitations.past'));
    // « 0 invité » and « 1 invité » in French (Intl.PluralRules, platform/i18n).
    flash(req, 'success', req.t('calendar.invitations.sent', { sent: done.sent, missing: done.missing }));
    res.redirect(back);
  });
}
