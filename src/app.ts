import { requestIdOf } from './platform/audit';
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import cookieParser from 'cookie-parser';
import express, { Express } from 'express';
import session from 'express-session';
import { pinoHttp } from 'pino-http';
import { registerAccompaniments } from './accompaniments/routes';
import { caseUrl } from './accompaniments/tabs';
import { registerNotices } from './notices/routes';
import { registerPhases } from './phases/routes';
import { registerTimeline } from './timeline/routes';
import { registerAuditLog } from './audit-log/routes';
import { registerAuth } from './auth/routes';
import { registerCalendar, registerCalendarFeed } from './calendar/routes';
import { ROOT, type Config } from './config';
import { registerConsultations } from './consultations/routes';
import { registerConventions } from './conventions/routes';
import { registerDeliverables } from './deliverables/routes';
import { registerDiagnostics } from './diagnostics/routes';
import { registerHealth } from './health/routes';
import { registerBenchBaseline } from './health/baseline-routes';
import { registerHome } from './home/routes';
import { registerLanguage } from './i18n/routes';
import { registerOrganisations } from './organisations/routes';
import { registerOutbox } from './outbox/routes';
import { sessionLifetime } from './platform/auth/lifetime';
import { createPassport } from './platform/auth/passport';
import { createThrottle } from './platform/auth/throttle';
import { csrfLocals, csrfProtection } from './platform/csrf';
import { registerDocuments } from './documents/routes';
import { UPLOAD_ROUTES } from './documents/purposes';
import { isUploadTo } from './platform/uploads';
import type { Db } from './platform/db';
import type { Deps } from './platform/deps';
import { errorHandler, notFoundHandler } from './platform/errors';
import { refuseNulBytes } from './platform/forms';
import { i18nMiddleware } from './platform/i18n';
import { redactTokens, type Logger } from './platform/logger';
import { createOutbox, Outbox } from './platform/mail/outbox';
import { securityHeaders } from './platform/security';
import { keepSocketOnLateSessionErrors, KnexSessionStore } from './platform/session-store';
import { createStorage } from './platform/storage';
import { setupViews } from './platform/views';
import { makeWriter } from './platform/write';
import { registerSessions } from './sessions/routes';
import { registerStructures } from './structures/routes';
import { registerSteeringCommittee } from './steering-committee/routes';
import { registerWorkingGroups } from './working-groups/routes';
import { registerUsers } from './users/routes';
import { registerMailPreferenceRoutes } from './users/mail-routes';
import { registerFollowUp } from './follow-up/routes';
import { registerHandoffs } from './handoffs/routes';
import { registerCloseOut } from './close-out/routes';
import { registerCaseSheets } from './case-sheets/routes';
import { registerIndicators } from './indicators/routes';
import { registerFunderPortal } from './funder-portal/routes';
import { registerProgressReports } from './progress-reports/routes';
import { registerIntake } from './intake/routes';
import { registerOperatorSettings } from './operator-settings/routes';
import { registerSupportCommittee } from './support-committee/routes';
import { registerPathways } from './pathways/routes';
import { registerEnvelopes } from './envelopes/routes';
import { registerPayments } from './payments/routes';
import { registerAnnualReport } from './annual-report/routes';
import { registerProviders } from './providers/routes';
import { registerReferenceLists } from './reference-lists/routes';
import { registerHeadcounts } from './headcounts/routes';

export type BuildOptions = { db: Db; config: Config; logger: Logger; outbox?: Outbox; sessionSecret: string };

/** The whole web application around an injected database: tests build one per file. */
export function buildApp(opts: BuildOptions): { app: Express; deps: Deps; close: () => Promise<void> } {
  const { db, config, logger } = opts;
  const storage = createStorage(config);
  const outbox = opts.outbox ?? createOutbox({ db, smtpUrl: config.smtpUrl, from: config.mailFrom, logger, storage });
  const deps: Deps = {
    db,
    config,
    logger,
    outbox,
    storage,
    write: makeWriter(db, [outbox.kick]),
    loginThrottle: createThrottle({ name: 'login', perIp: 30, perAccount: 5, windowSeconds: 15 * 60, db }),
    resetThrottle: createThrottle({ name: 'reset', perIp: 10, perAccount: 3, windowSeconds: 60 * 60, db }),
  };
  const sessionStore = new KnexSessionStore(
    db,
    config.sessionIdleMinutes * 60_000,
    config.env === 'test' ? 0 : undefined,
  );

  const app = express();
  app.disable('x-powered-by');
  app.locals.csrfSecret = opts.sessionSecret;
  app.locals.secureCookies = config.env === 'production';
  app.locals.uploadMaxMb = config.uploadMaxMb; // the upload forms' hint
  // Views link to a section of the case through its tab, as routes redirect (accompaniments/tabs.ts).
  app.locals.caseUrl = caseUrl;
  app.set('trust proxy', config.trustProxy ? 1 : false);
  app.use(
    pinoHttp({
      logger,
      genReqId: (req, res) => {
        const id = randomUUID();
        res.setHeader('X-Request-Id', id);
        return id;
      },
      serializers: {
        req: (req: { url?: string }) => Object.assign(req, { url: redactTokens(req.url) }),
      },
      autoLogging: { ignore: (req) => req.url === '/healthz' || req.url?.startsWith('/assets/') === true },
    }),
  );
  app.use(securityHeaders(config.env === 'production'));
  app.use('/assets', express.static(path.join(ROOT, 'public'), { maxAge: config.env === 'production' ? '1d' : 0 }));
  registerHealth(app, db); // before sessions: health must not depend on the session store
  registerCalendarFeed(app, deps); // before sessions: a calendar app has no cookie and must never get one

  app.use(cookieParser());
  // Views and language come before the session so that even a failing session store gets a
  // proper French error page; the language is refined once the user is known.
  setupViews(app);
  app.use(i18nMiddleware);
  app.use(express.urlencoded({ extended: false, limit: '200kb' }));
  app.use(
    keepSocketOnLateSessionErrors(
      session({
        name: 'jalons.sid',
        secret: opts.sessionSecret,
        store: sessionStore,
        resave: false,
        saveUninitialized: false,
        rolling: true, // every request pushes the idle timeout back
        cookie: {
          httpOnly: true,
          sameSite: 'lax',
          secure: config.env === 'production',
          maxAge: config.sessionIdleMinutes * 60_000,
        },
      }),
    ),
  );
  const passport = createPassport(db, config.passwordCost);
  app.use(passport.initialize());
  app.use(passport.session());
  app.use(sessionLifetime(config.sessionMaxHours));
  app.use(i18nMiddleware);
  app.use(csrfLocals);
  app.use(csrfProtection(isUploadTo(UPLOAD_ROUTES)));
  app.use((req, res, next) => {
    // Nothing a signed-in user was shown stays in a browser's cache (back button after logout,
    // a shared computer): pages, exports, documents. A route may only make it stricter.
    if (req.user) res.set('Cache-Control', 'no-store');
    res.locals.currentUser = req.user ?? null;
    res.locals.currentPath = req.path;
    res.locals.requestId = requestIdOf(req);
    next();
  });
  app.use(refuseNulBytes);

  registerAuth(app, deps, passport);
  registerLanguage(app, deps);
  registerHome(app, deps);
  registerOrganisations(app, deps);
  registerUsers(app, deps);
  registerAccompaniments(app, deps);
  registerDocuments(app, deps);
  registerDiagnostics(app, deps);
  registerDeliverables(app, deps);
  registerPhases(app, deps);
  registerNotices(app, deps);
  registerTimeline(app, deps);
  registerConsultations(app, deps);
  registerConventions(app, deps);
  registerStructures(app, deps);
  registerSessions(app, deps);
  registerSteeringCommittee(app, deps);
  registerWorkingGroups(app, deps);
  registerOutbox(app, deps);
  registerCalendar(app, deps);
  registerMailPreferenceRoutes(app, deps);
  registerAuditLog(app, deps);
  registerFollowUp(app, deps);
  registerHandoffs(app, deps);
  registerCloseOut(app, deps);
  registerCaseSheets(app, deps);
  registerIndicators(app, deps);
  registerFunderPortal(app, deps);
  registerProgressReports(app, deps);
  registerIntake(app, deps);
  registerOperatorSettings(app, deps);
  registerSupportCommittee(app, deps);
  registerPathways(app, deps);
  registerEnvelopes(app, deps);
  registerPayments(app, deps);
  registerAnnualReport(app, deps);
  registerProviders(app, deps);
  registerReferenceLists(app, deps);
  registerHeadcounts(app, deps);
  if (config.benchBaseline) registerBenchBaseline(app, deps); // npm run bench only

  app.use(notFoundHandler);
  app.use(errorHandler(logger));

  return {
    app,
    deps,
    close: async () => {
      sessionStore.close();
      await outbox.stop();
    },
  };
}
