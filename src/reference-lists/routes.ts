import type { Express, Request, Response } from 'express';
import { currentUser, requireLogin } from '../platform/auth/guards';
import type { Deps } from '../platform/deps';
import { notFound } from '../platform/errors';
import { FieldErrors, formErrorOf, parseForm, postedForm, postedText } from '../platform/forms';
import { authorize } from '../platform/policy';
import { flash } from '../platform/views';
import { addListItem, editListItem, ListItemRefused, setListItemActive } from './commands';
import { allLists, isListName, LIST_NAMES, type ListName } from './lists';
import { referenceListPolicy } from './policy';
import { activeSchema, editItemSchema, newItemSchema } from './schemas';

/** Which form of the page was refused ('add:theme', 'edit:theme:governance'), with its input and errors. */
type Refused = { target: string; values: Record<string, string>; errors: FieldErrors };

/** The national lists' page: an admin adds, renames, reorders, deactivates items (/settings/lists). */
export function registerReferenceLists(app: Express, deps: Deps) {
  const { db, write } = deps;

  const listOf = (req: Request): ListName => {
    authorize(referenceListPolicy.manage(currentUser(req)));
    if (!isListName(req.params.list)) throw notFound();
    return req.params.list;
  };
  const codeOf = (req: Request) => {
    const code = String(req.params.code);
    if (!/^[a-z0-9][a-z0-9_]{0,59}$/.test(code)) throw notFound();
    return code;
  };
  const posted = (req: Request) =>
    Object.fromEntries(Object.entries(postedForm(req)).map(([k, v]) => [k, postedText(v, 200)]));

  const render = async (req: Request, res: Response, status: number, refused?: Refused) =>
    res.status(status).render('reference-lists/index', {
      title: req.t('referenceLists.title'),
      lists: await allLists(db),
      names: LIST_NAMES,
      refused: refused ?? null,
      formError: refused ? formErrorOf(req.t, refused.errors) : null,
    });

  app.get('/settings/lists', requireLogin, async (req, res) => {
    authorize(referenceListPolicy.manage(currentUser(req)));
    await render(req, res, 200);
  });

  app.post('/settings/lists/:list', requireLogin, async (req, res) => {
    const list = listOf(req);
    const again = (errors: FieldErrors) =>
      render(req, res, 422, { target: `add:${list}`, values: posted(req), errors });
    const form = parseForm(newItemSchema, req.body, req.t);
    if (!form.ok) return again(form.errors);
    try {
      await write(req, (w) => addListItem(w, list, form.data));
    } catch (err) {
      if (!(err instanceof ListItemRefused)) throw err;
      return again({ [err.field]: req.t(err.key) });
    }
    flash(req, 'success', req.t('referenceLists.added', { label: form.data.label_fr }));
    res.redirect(`/settings/lists#list-${list}`);
  });

  app.post('/settings/lists/:list/:code', requireLogin, async (req, res) => {
    const list = listOf(req);
    const code = codeOf(req);
    const form = parseForm(editItemSchema, req.body, req.t);
    if (!form.ok)
      return render(req, res, 422, { target: `edit:${list}:${code}`, values: posted(req), errors: form.errors });
    // No such item: 404, and the transaction ends without writing anything.
    await write(req, async (w) => (await editListItem(w, list, code, form.data)) ?? Promise.reject(notFound()));
    flash(req, 'success', req.t('referenceLists.saved', { label: form.data.label_fr }));
    res.redirect(`/settings/lists#item-${list}-${code}`);
  });

  app.post('/settings/lists/:list/:code/active', requireLogin, async (req, res) => {
    const list = listOf(req);
    const code = codeOf(req);
    const form = parseForm(activeSchema, req.body, req.t);
    if (!form.ok) return render(req, res, 422, { target: `edit:${list}:${code}`, values: {}, errors: form.errors });
    await write(
      req,
      async (w) => (await setListItemActive(w, list, code, form.data.active)) ?? Promise.reject(notFound()),
    );
    flash(req, 'success', req.t(form.data.active ? 'referenceLists.reactivated' : 'referenceLists.deactivated'));
    res.redirect(`/settings/lists#item-${list}-${code}`);
  });
}
