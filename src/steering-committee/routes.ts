import type { Express, Request, Response } from 'express';
import { loadAccompaniment } from '../accompaniments/load';
import type { Accompaniment } from '../accompaniments/queries';
import { currentUser, isId, requireLogin } from '../platform/auth/guards';
import type { Deps } from '../platform/deps';
import { notFound } from '../platform/errors';
import { FieldErrors, parseForm, postedForm } from '../platform/forms';
import { authorize } from '../platform/policy';
import { flash } from '../platform/views';
import { isSameParticipant, participantChoices, type ParticipantChoices, resolveParticipant } from './participants';
import { steeringCommitteePolicy } from './policy';
import { committeeLocals } from './committee';
import { addMember, addStructureContacts, removeMember } from './commands';
import { listMembers } from './queries';
import { MEMBER_ROLES, memberSchema } from './schemas';

/** The accompaniment's own steering committee: who sits on it, added and removed by the operator's staff. */
export function registerSteeringCommittee(app: Express, deps: Deps) {
  const { db, write } = deps;

  const render = async (
    req: Request,
    res: Response,
    status: number,
    acc: Accompaniment,
    values: Record<string, unknown>,
    errors: FieldErrors,
    choices?: ParticipantChoices,
  ) =>
    res.status(status).render('steering-committee/show', {
      title: req.t('steeringCommittee.title'),
      acc,
      ...(await committeeLocals(db, currentUser(req), acc, { choices })),
      values,
      errors,
      formError: Object.keys(errors).length ? req.t('steeringCommittee.notAdded') : null,
    });

  app.get('/accompaniments/:id/steering-committee', requireLogin, async (req, res) => {
    const acc = await loadAccompaniment(deps, req);
    await render(req, res, 200, acc, {}, {});
  });

  app.post('/accompaniments/:id/steering-committee/members', requireLogin, async (req, res) => {
    const acc = await loadAccompaniment(deps, req);
    authorize(steeringCommitteePolicy.manage(currentUser(req), acc));
    const values = postedForm(req);
    const form = parseForm(memberSchema, values, req.t);
    if (!form.ok) return render(req, res, 422, acc, values, form.errors);
    const choices = await participantChoices(db, acc);
    const resolved = await resolveParticipant(db, choices, form.data, req.t, {
      allowOtherOrganisation: false,
      allowWithdrawn: false,
    });
    if (!resolved.ok) return render(req, res, 422, acc, values, resolved.errors, choices);
    const p = resolved.participant;
    const role = form.data.role ?? MEMBER_ROLES.find((r) => r === p.defaultRole);
    const again = (errors: FieldErrors) => render(req, res, 422, acc, values, errors, choices);
    if (!role) return again({ role: req.t('steeringCommittee.roleRequired') });
    if ((await listMembers(db, acc.id)).some((m) => isSameParticipant(m, p)))
      return again({
        [form.data.person ? 'person' : 'name']: req.t('steeringCommittee.alreadyMember', { name: p.name }),
      });
    await write(req, (w) => addMember(w, acc.id, p, role));
    flash(req, 'success', req.t('steeringCommittee.added', { name: p.name }));
    // Back to the committee page: a committee is composed several members in a row.
    res.redirect(`/accompaniments/${acc.id}/steering-committee`);
  });

  // Every contact of the structures in one step, those already members skipped; the flash says how many.
  app.post('/accompaniments/:id/steering-committee/members/contacts', requireLogin, async (req, res) => {
    const acc = await loadAccompaniment(deps, req);
    authorize(steeringCommitteePolicy.manage(currentUser(req), acc));
    const count = await write(req, (w) => addStructureContacts(w, acc.id));
    flash(req, count ? 'success' : 'info', req.t('steeringCommittee.contactsAdded', { count }));
    res.redirect(`/accompaniments/${acc.id}/steering-committee`);
  });

  app.post('/accompaniments/:id/steering-committee/members/:memberId/delete', requireLogin, async (req, res) => {
    const acc = await loadAccompaniment(deps, req);
    authorize(steeringCommitteePolicy.manage(currentUser(req), acc));
    const memberId = req.params.memberId;
    if (!isId(memberId)) throw notFound();
    const removed = await write(req, async (w) => {
      const row = await removeMember(w, acc.id, memberId);
      if (!row) throw notFound();
      return row;
    });
    flash(req, 'success', req.t('steeringCommittee.removed', { name: removed.name }));
    res.redirect(`/accompaniments/${acc.id}/steering-committee`);
  });
}
