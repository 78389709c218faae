import type { Express } from 'express';
import { isId, requireRole } from '../platform/auth/guards';
import type { Deps } from '../platform/deps';
import { notFound } from '../platform/errors';
import { filterQuery, pageNumber, paginate } from '../platform/pagination';
import { messageIdOf } from '../platform/mail/outbox';
import { flash } from '../platform/views';
import type { OutboxRow } from '../platform/db-tables';
import { AlreadyRequeued, isRetriable, retryMessage } from './commands';

const STATUSES = ['pending', 'sending', 'sent', 'failed', 'unknown', 'held', 'digested'] as const;

/** Admins read every message Jalons sent or holds; without SMTP this is where mail waits. */
export function registerOutbox(app: Express, deps: Deps) {
  const { db, write, outbox } = deps;

  app.get('/outbox', requireRole('admin'), async (req, res) => {
    const filters = { status: STATUSES.find((s) => s === req.query.status) };
    const q = db('outbox')
      .select('id', 'to_address', 'subject', 'kind', 'status', 'attempts', 'last_error', 'created_at', 'sent_at')
      .orderBy([
        { column: 'created_at', order: 'desc' },
        { column: 'id', order: 'desc' },
      ]);
    if (filters.status) q.where({ status: filters.status });
    const page = await paginate(q, pageNumber(req.query.page));
    res.render('outbox/index', {
      title: req.t('outbox.title'),
      page,
      filters,
      statuses: STATUSES,
      smtpEnabled: outbox.enabled,
      filterQuery,
    });
  });

  app.get('/outbox/:id', requireRole('admin'), async (req, res) => {
    if (!isId(req.params.id)) throw notFound();
    const message = await db<OutboxRow>('outbox').where({ id: req.params.id }).first();
    if (!message) throw notFound();
    res.render('outbox/show', {
      title: message.subject,
      message,
      messageId: messageIdOf(message.id, deps.config.mailFrom),
      smtpEnabled: outbox.enabled,
    });
  });

  app.post('/outbox/:id/retry', requireRole('admin'), async (req, res) => {
    if (!isId(req.params.id)) throw notFound();
    const message = await db<OutboxRow>('outbox').where({ id: req.params.id }).first('id', 'status');
    if (!message) throw notFound();
    if (isRetriable(message.status)) {
      try {
        await write(req, (w) => retryMessage(w, message));
        flash(req, 'success', req.t('outbox.retried'));
      } catch (err) {
        if (!(err instanceof AlreadyRequeued)) throw err;
      }
    }
    res.redirect(`/outbox/${message.id}`);
  });
}
