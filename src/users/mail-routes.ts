import type { Express, Request, Response } from 'express';
import { currentUser, requireLogin } from '../platform/auth/guards';
import type { Deps } from '../platform/deps';
import { type FieldErrors, formErrorOf, parseForm, postedForm } from '../platform/forms';
import { flash } from '../platform/views';
import { setMailDelivery } from './commands';
import { MAIL_DELIVERIES, mailDeliverySchema } from './schemas';

/**
 * « Mes e-mails » (/account/mail): each signed-in person chooses, for their own account only,
 * immediate mails (the default) or one daily digest (platform/mail/digest.ts).
 */
export function registerMailPreferenceRoutes(app: Express, deps: Deps) {
  const { db, write } = deps;

  const render = async (req: Request, res: Response, status: number, value: unknown, errors: FieldErrors) => {
    const user = currentUser(req);
    const held = await db('outbox').where({ status: 'held', to_address: user.email }).count<{ n: string }[]>('* as n');
    res.locals.currentPath = '/account/mail';
    res.status(status).render('users/mail', {
      title: req.t('notify.account.title'),
      choices: MAIL_DELIVERIES,
      value,
      held: Number(held[0].n),
      errors,
      formError: formErrorOf(req.t, errors),
    });
  };

  app.get('/account/mail', requireLogin, async (req, res) => {
    const row = await db('users')
      .where({ id: currentUser(req).id })
      .first<{ mail_delivery: string }>('mail_delivery');
    await render(req, res, 200, row?.mail_delivery ?? 'immediate', {});
  });

  app.post('/account/mail', requireLogin, async (req, res) => {
    const form = parseForm(mailDeliverySchema, postedForm(req), req.t);
    if (!form.ok) return render(req, res, 422, postedForm(req).mail_delivery, form.errors);
    const user = currentUser(req);
    await write(req, (w) => setMailDelivery(w, { id: user.id, email: user.email }, form.data.mail_delivery));
    flash(req, 'success', req.t('notify.account.saved'));
    res.redirect('/account/mail');
  });
}
