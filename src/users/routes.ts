import type { Express, Request, Response } from 'express';
import { currentUser, isId, requireRole } from '../platform/auth/guards';
import { OrganisationKind, ROLES, ROLES_BY_KIND } from '../platform/auth/session-user';
import { uniqueViolation } from '../platform/db-errors';
import type { Deps } from '../platform/deps';
import { notFound } from '../platform/errors';
import { FieldErrors, formErrorOf, parseForm, postedForm, postedLockVersion } from '../platform/forms';
import { filterQuery, pageNumber } from '../platform/pagination';
import { authorize } from '../platform/policy';
import { flash } from '../platform/views';
import { editUser, inviteUser, setAccountEnabled } from './commands';
import { sendInvitation } from './invitations';
import { userPolicy } from './policy';
import { USER_STATUSES, UserStatusRefused } from './lifecycle';
import { findUser, listUsers, organisationChoices, userLockVersion } from './queries';
import { userSchema, UserInput } from './schemas';
import type { AuthTokensRow, OrganisationsRow } from '../platform/db-tables';

const str = (v: unknown) => (typeof v === 'string' ? v.trim() : '');

type FormLocals = { values: Record<string, unknown>; errors: FieldErrors; id?: string; formError?: string };

export function registerUsers(app: Express, deps: Deps) {
  const { db, write, config } = deps;

  const renderForm = async (req: Request, res: Response, status: number, locals: FormLocals) =>
    res.status(status).render('users/form', {
      title: req.t(locals.id ? 'users.edit.title' : 'users.new.title'),
      organisations: await organisationChoices(db),
      roles: ROLES,
      rolesByKind: ROLES_BY_KIND,
      formError: formErrorOf(req.t, locals.errors),
      ...locals,
    });

  /** The role must exist in the chosen organisation's kind (a funder cannot be a coordinator). */
  const checkRole = async (req: Request, input: UserInput): Promise<FieldErrors | null> => {
    const org = await db<OrganisationsRow>('organisations').where({ id: input.organisation_id }).first('kind');
    if (!org) return { organisation_id: req.t('validation.required') };
    if (!ROLES_BY_KIND[org.kind as OrganisationKind].includes(input.role)) {
      return {
        role: req.t('users.roleNotForKind', {
          kind: req.t(`organisations.kind.${org.kind}` as 'organisations.kind.operator'),
        }),
      };
    }
    return null;
  };

  const load = async (req: Request) => {
    if (!isId(req.params.id)) throw notFound();
    const user = await findUser(db, currentUser(req), req.params.id);
    if (!user) throw notFound();
    return user;
  };

  app.get('/users', requireRole('admin'), async (req, res) => {
    authorize(userPolicy.list(currentUser(req)));
    const filters = {
      role: ROLES.find((r) => r === req.query.role),
      status: USER_STATUSES.find((s) => s === req.query.status),
      organisation_id: isId(req.query.organisation_id) ? req.query.organisation_id : undefined,
      q: str(req.query.q).slice(0, 100),
    };
    const page = await listUsers(db, currentUser(req), filters, pageNumber(req.query.page));
    res.render('users/index', {
      title: req.t('users.title'),
      page,
      filters,
      roles: ROLES,
      statuses: USER_STATUSES,
      filterQuery,
    });
  });

  app.get('/users/new', requireRole('admin'), async (req, res) => {
    authorize(userPolicy.invite(currentUser(req)));
    await renderForm(req, res, 200, {
      values: { organisation_id: isId(req.query.organisation_id) ? req.query.organisation_id : '', locale: 'fr' },
      errors: {},
    });
  });

  app.post('/users', requireRole('admin'), async (req, res) => {
    authorize(userPolicy.invite(currentUser(req)));
    const form = parseForm(userSchema, req.body, req.t);
    if (!form.ok) return renderForm(req, res, 422, { values: postedForm(req), errors: form.errors });
    const roleErrors = await checkRole(req, form.data);
    if (roleErrors) return renderForm(req, res, 422, { values: postedForm(req), errors: roleErrors });
    try {
      const by = { baseUrl: config.baseUrl, inviterName: currentUser(req).name };
      const id = await write(req, (w) => inviteUser(w, form.data, by));
      flash(req, 'success', req.t('users.invited', { email: form.data.email }));
      res.redirect(`/users/${id}`);
    } catch (err) {
      if (!uniqueViolation(err)) throw err;
      await renderForm(req, res, 422, { values: postedForm(req), errors: { email: req.t('users.emailTaken') } });
    }
  });

  app.get('/users/:id', requireRole('admin'), async (req, res) => {
    const user = await load(req);
    authorize(userPolicy.view(currentUser(req), user));
    const lastInvitation = await db<AuthTokensRow>('auth_tokens')
      .where({ user_id: user.id, purpose: 'invitation' })
      .orderBy('id', 'desc')
      .first('created_at', 'expires_at', 'used_at');
    res.render('users/show', {
      title: user.name,
      user,
      lastInvitation,
      canDisable: userPolicy.disable(currentUser(req), user),
    });
  });

  app.get('/users/:id/edit', requireRole('admin'), async (req, res) => {
    const user = await load(req);
    authorize(userPolicy.update(currentUser(req), user));
    await renderForm(req, res, 200, { values: user, errors: {}, id: user.id });
  });

  app.post('/users/:id', requireRole('admin'), async (req, res) => {
    const user = await load(req);
    authorize(userPolicy.update(currentUser(req), user));
    const again = (status: number, more: Partial<FormLocals>) =>
      renderForm(req, res, status, { values: postedForm(req), errors: {}, id: user.id, ...more });
    const form = parseForm(userSchema, req.body, req.t);
    if (!form.ok) return again(422, { errors: form.errors });
    const roleErrors = await checkRole(req, form.data);
    if (roleErrors) return again(422, { errors: roleErrors });
    const lockVersion = postedLockVersion(postedForm(req).lock_version);
    try {
      // Someone saved in between: the input is kept, against the current version, so that saving
      // again is a deliberate overwrite rather than a silent one.
      if (!(await write(req, (w) => editUser(w, user, lockVersion, form.data)))) {
        const values = { ...postedForm(req), lock_version: await userLockVersion(db, user.id) };
        return again(409, { values, formError: req.t('users.conflict') });
      }
      flash(req, 'success', req.t('users.updated'));
      res.redirect(`/users/${user.id}`);
    } catch (err) {
      if (!uniqueViolation(err)) throw err;
      await again(422, { errors: { email: req.t('users.emailTaken') } });
    }
  });

  app.post('/users/:id/invitation', requireRole('admin'), async (req, res) => {
    const user = await load(req);
    authorize(userPolicy.invite(currentUser(req)));
    if (user.status !== 'invited') {
      flash(req, 'error', req.t('users.alreadyActive'));
      return res.redirect(`/users/${user.id}`);
    }
    await write(req, (w) => sendInvitation(w, config.baseUrl, user, currentUser(req).name));
    flash(req, 'success', req.t('users.invited', { email: user.email }));
    res.redirect(`/users/${user.id}`);
  });

  for (const action of ['disable', 'enable'] as const) {
    app.post(`/users/:id/${action}`, requireRole('admin'), async (req, res) => {
      const user = await load(req);
      authorize(userPolicy.disable(currentUser(req), user));
      try {
        await write(req, (w) => setAccountEnabled(w, user.id, action));
      } catch (err) {
        if (!(err instanceof UserStatusRefused)) throw err;
        flash(req, 'error', req.t(err.reasonKey));
        return res.redirect(`/users/${user.id}`);
      }
      flash(req, 'success', req.t(action === 'disable' ? 'users.disabled' : 'users.enabled', { name: user.name }));
      res.redirect(`/users/${user.id}`);
    });
  }
}
