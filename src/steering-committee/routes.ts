import type { Express, Request, Response } from 'express';
import { loadAccompaniment } from '../accompaniments/load';
import type { Accompaniment } from '../accompaniments/queries';
import { currentUser, isId, requireLogin } from '../platform/auth/guards';
import type { Deps } from '../platform/deps';
import { notFound } from '../platform/errors';
import { FieldErrors, parseForm } from '../platform/forms';
import { authorize } from '../platform/policy';
import { flash } from '../platform/views';
import { isSameParticipant, participantChoices, type ParticipantChoices, resolveParticipant } from './participants';
import { steeringCommitteePolicy } from './policy';
import { committeeLocals } from './committee';
import { deleteMember, insertMember, listMembers } from './queries';
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
    const values = req.body ?? {};
    const form = parseForm(memberSchema, values, req.t);
    if (!form.ok) return render(req, res, 422, acc, values, form.errors);
    const choices = await participantChoices(db, acc);
    const resolved = await resolveParticipant(db, choices, form.data, req.t, {
      allowOtherOrganisation: false,
      allowWithdrawn: false,
    });
    if (!resolved.ok) return render(req, res, 422, acc, values, resolved.errors, choices);
    const p = resolved.participant;
    const role = form.data.role ?? (MEMBER_ROLES as readonly string[]).find((r) => r === p.defaultRole);
    if (!role) return render(req, res, 422, acc, values, { role: req.t('steeringCommittee.roleRequired') }, choices);
    const members = await listMembers(db, acc.id);
    if (members.some((m) => isSameParticipant(m, p))) {
      return render(
        req,
        res,
        422,
        acc,
        values,
        { [form.data.person ? 'person' : 'name']: req.t('steeringCommittee.alreadyMember', { name: p.name }) },
        choices,
      );
    }
    await write(req, async (w) => {
      const id = await insertMember(w.trx, acc.id, p, role as (typeof MEMBER_ROLES)[number]);
      await w.audit({
        action: 'steering_committee.member_add',
        entityType: 'accompaniment',
        entityId: acc.id,
        details: {
          member_id: id,
          name: p.name,
          role,
          organisation_id: p.organisation_id,
          user_id: p.user_id,
          contact_id: p.contact_id,
        },
      });
    });
    flash(req, 'success', req.t('steeringCommittee.added', { name: p.name }));
    // Back to the committee page: a committee is composed several members in a row.
    res.redirect(`/accompaniments/${acc.id}/steering-committee`);
  });

  app.post('/accompaniments/:id/steering-committee/members/:memberId/delete', requireLogin, async (req, res) => {
    const acc = await loadAccompaniment(deps, req);
    authorize(steeringCommitteePolicy.manage(currentUser(req), acc));
    const memberId = req.params.memberId;
    if (!isId(memberId)) throw notFound();
    const removed = await write(req, async (w) => {
      const row = await deleteMember(w.trx, acc.id, memberId);
      if (!row) throw notFound();
      await w.audit({
        action: 'steering_committee.member_remove',
        entityType: 'accompaniment',
        entityId: acc.id,
        details: { member_id: memberId, name: row.name, role: row.role },
      });
      return row;
    });
    flash(req, 'success', req.t('steeringCommittee.removed', { name: removed.name }));
    res.redirect(`/accompaniments/${acc.id}/steering-committee`);
  });
}
