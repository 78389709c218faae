import type { Express, Request, Response } from 'express';
import { listBeneficiaries, type Beneficiary } from '../accompaniments/beneficiaries';
import { loadAccompaniment } from '../accompaniments/load';
import { currentUser, isId, requireLogin } from '../platform/auth/guards';
import type { Deps } from '../platform/deps';
import { notFound } from '../platform/errors';
import { FieldErrors, formErrorOf, FormResult, parseForm, postedForm, postedLockVersion } from '../platform/forms';
import type { Translate } from '../platform/i18n';
import { authorize } from '../platform/policy';
import { flash } from '../platform/views';
import {
  isSameParticipant,
  participantChoices,
  participantSchema,
  type ParticipantChoices,
  resolveParticipant,
} from '../steering-committee/participants';
import { groupByOrganisation } from '../steering-committee/queries';
import { addGroupMember, createGroup, deleteGroup, editGroup } from './commands';
import { workingGroupsPolicy } from './policy';
import {
  deleteGroupMember,
  groupSessions,
  groupLockVersion,
  groupStructures,
  listGroupMembers,
  listGroups,
  loadWorkingGroup,
  openActionItems,
  type WorkingGroup,
} from './queries';
import { groupSchema, type GroupInput, THEME_SUGGESTIONS } from './schemas';
import { caseUrl } from '../accompaniments/tabs';

type AccRef = { id: string; title: string; operator_id: string };

type FormLocals = {
  acc: AccRef;
  group?: WorkingGroup;
  values: Record<string, unknown>;
  errors: FieldErrors;
  current: string[];
  formError?: string;
};

/**
 * The structures ticked for a group must be beneficiaries of the case; a withdrawn structure
 * stays on the groups it was in, but is not added to a group any more.
 */
function structureError(t: Translate, ids: string[], beneficiaries: Beneficiary[], current: string[]): string | null {
  for (const id of ids) {
    const b = beneficiaries.find((s) => s.organisation_id === id);
    if (!b) return t('workingGroups.structureNotBeneficiary');
    if (b.status !== 'active' && !current.includes(id)) return t('workingGroups.structureWithdrawn', { name: b.name });
  }
  return null;
}

/** The group form parsed, and its structures checked against the case's beneficiaries (`current`: the group's own). */
async function parseGroupForm(
  db: Deps['db'],
  t: Translate,
  values: unknown,
  accId: string,
  current: string[],
): Promise<FormResult<GroupInput>> {
  const form = parseForm(groupSchema, values, t);
  if (!form.ok) return form;
  const bad = structureError(t, form.data.structure_ids, await listBeneficiaries(db, accId), current);
  return bad ? { ok: false, errors: { structure_ids: bad } } : form;
}

const themeSuggestions = (t: Translate) => THEME_SUGGESTIONS.map((k) => t(`workingGroups.theme.${k}`));

/** Themed working groups: created and composed by the operator's staff, read by everyone in the case's scope. */
export function registerWorkingGroups(app: Express, deps: Deps) {
  const { db, write } = deps;

  const renderForm = async (req: Request, res: Response, status: number, locals: FormLocals) =>
    res.status(status).render('working-groups/form', {
      title: req.t(locals.group ? 'workingGroups.edit.title' : 'workingGroups.new.title'),
      themes: themeSuggestions(req.t),
      structures: await listBeneficiaries(db, locals.acc.id),
      formError: formErrorOf(req.t, locals.errors),
      group: null,
      ...locals,
      checked: ([] as unknown[]).concat(locals.values.structure_ids ?? []).map(String),
    });

  const renderGroup = async (
    req: Request,
    res: Response,
    status: number,
    group: WorkingGroup,
    values: Record<string, unknown>,
    errors: FieldErrors,
    choices?: ParticipantChoices,
  ) => {
    const user = currentUser(req);
    const acc = { id: group.accompaniment_id, operator_id: group.operator_id };
    const canManage = workingGroupsPolicy.manage(user, acc);
    const seeNames = workingGroupsPolicy.seeNames(user);
    const [structures, members, sessions, actions] = await Promise.all([
      groupStructures(db, group),
      listGroupMembers(db, group),
      groupSessions(db, group.id, user),
      openActionItems(db, group.id),
    ]);
    res.status(status).render('working-groups/show', {
      title: group.name,
      group,
      structures,
      memberCount: members.length,
      memberGroups: seeNames ? groupByOrganisation(members) : [],
      sessions,
      actions,
      seeNames,
      canManage,
      choices: canManage ? (choices ?? (await participantChoices(db, acc))) : null,
      taken: {
        users: members.flatMap((m) => (m.user_id ? [m.user_id] : [])),
        contacts: members.flatMap((m) => (m.contact_id ? [m.contact_id] : [])),
      },
      values,
      errors,
      formError: Object.keys(errors).length ? req.t('workingGroups.memberNotAdded') : null,
    });
  };

  const loadForManaging = async (req: Request) => {
    const group = await loadWorkingGroup(deps, req);
    authorize(workingGroupsPolicy.manage(currentUser(req), group));
    return group;
  };

  app.get('/accompaniments/:id/working-groups', requireLogin, async (req, res) => {
    const acc = await loadAccompaniment(deps, req);
    res.render('working-groups/index', {
      title: req.t('workingGroups.title'),
      acc,
      groups: await listGroups(db, acc.id, currentUser(req)),
      canManage: workingGroupsPolicy.manage(currentUser(req), acc),
    });
  });

  app.get('/accompaniments/:id/working-groups/new', requireLogin, async (req, res) => {
    const acc = await loadAccompaniment(deps, req);
    authorize(workingGroupsPolicy.manage(currentUser(req), acc));
    await renderForm(req, res, 200, {
      acc,
      values: { theme: '', name: '', aim: '', structure_ids: [] },
      errors: {},
      current: [],
    });
  });

  app.post('/accompaniments/:id/working-groups', requireLogin, async (req, res) => {
    const acc = await loadAccompaniment(deps, req);
    authorize(workingGroupsPolicy.manage(currentUser(req), acc));
    const values = postedForm(req);
    const form = await parseGroupForm(db, req.t, values, acc.id, []);
    if (!form.ok) return renderForm(req, res, 422, { acc, values, errors: form.errors, current: [] });
    const id = await write(req, (w) => createGroup(w, acc.id, form.data));
    flash(req, 'success', req.t('workingGroups.created', { name: form.data.name }));
    res.redirect(`/working-groups/${id}`);
  });

  app.get('/working-groups/:id', requireLogin, async (req, res) => {
    const group = await loadWorkingGroup(deps, req);
    await renderGroup(req, res, 200, group, {}, {});
  });

  app.get('/working-groups/:id/edit', requireLogin, async (req, res) => {
    const group = await loadForManaging(req);
    const current = (await groupStructures(db, group)).map((s) => s.organisation_id);
    await renderForm(req, res, 200, {
      acc: { id: group.accompaniment_id, title: group.accompaniment_title, operator_id: group.operator_id },
      group,
      values: {
        theme: group.theme,
        name: group.name,
        aim: group.aim ?? '',
        structure_ids: current,
        lock_version: group.lock_version,
      },
      errors: {},
      current,
    });
  });

  app.post('/working-groups/:id', requireLogin, async (req, res) => {
    const group = await loadForManaging(req);
    const acc = { id: group.accompaniment_id, title: group.accompaniment_title, operator_id: group.operator_id };
    const current = (await groupStructures(db, group)).map((s) => s.organisation_id);
    const values = postedForm(req);
    const again = (status: number, more: Partial<FormLocals>) =>
      renderForm(req, res, status, { acc, group, values, errors: {}, current, ...more });
    const form = await parseGroupForm(db, req.t, values, acc.id, current);
    if (!form.ok) return again(422, { errors: form.errors });
    const lockVersion = postedLockVersion(values.lock_version);
    // Someone saved the group in between: this input is kept, against the current version, so
    // that saving again is a deliberate overwrite rather than a silent one.
    if (!(await write(req, (w) => editGroup(w, group, current, lockVersion, form.data)))) {
      const now = (await groupStructures(db, group)).map((s) => s.organisation_id);
      const kept = { ...values, lock_version: await groupLockVersion(db, group.id) };
      return again(409, { values: kept, current: now, formError: req.t('workingGroups.conflict') });
    }
    flash(req, 'success', req.t('workingGroups.updated'));
    res.redirect(`/working-groups/${group.id}`);
  });

  app.post('/working-groups/:id/delete', requireLogin, async (req, res) => {
    const group = await loadForManaging(req);
    // A group that met keeps its history (deleteGroup): said on its page.
    const sessions = await write(req, (w) => deleteGroup(w, group));
    if (sessions > 0) {
      flash(req, 'error', req.t('workingGroups.deleteRefused', { n: sessions }));
      return res.redirect(`/working-groups/${group.id}`);
    }
    flash(req, 'success', req.t('workingGroups.deleted', { name: group.name }));
    res.redirect(caseUrl(group.accompaniment_id, 'working-groups'));
  });

  app.post('/working-groups/:id/members', requireLogin, async (req, res) => {
    const group = await loadForManaging(req);
    const acc = { id: group.accompaniment_id, operator_id: group.operator_id };
    const values = postedForm(req);
    const again = (errors: FieldErrors, choices?: ParticipantChoices) =>
      renderGroup(req, res, 422, group, values, errors, choices);
    const form = parseForm(participantSchema, values, req.t);
    if (!form.ok) return again(form.errors);
    const choices = await participantChoices(db, acc);
    const resolved = await resolveParticipant(db, choices, form.data, req.t, {
      allowOtherOrganisation: true,
      allowWithdrawn: true,
    });
    if (!resolved.ok) return again(resolved.errors, choices);
    const p = resolved.participant;
    const members = await listGroupMembers(db, group);
    if (members.some((m) => isSameParticipant(m, p))) {
      const field = form.data.person ? 'person' : 'name';
      return again({ [field]: req.t('workingGroups.alreadyMember', { name: p.name }) }, choices);
    }
    await write(req, (w) => addGroupMember(w, group.id, p));
    flash(req, 'success', req.t('workingGroups.memberAdded', { name: p.name }));
    res.redirect(`/working-groups/${group.id}#members`);
  });

  app.post('/working-groups/:id/members/:memberId/delete', requireLogin, async (req, res) => {
    const group = await loadForManaging(req);
    const memberId = req.params.memberId;
    if (!isId(memberId)) throw notFound();
    const removed = await write(req, async (w) => {
      const row = await deleteGroupMember(w.trx, group.id, memberId);
      if (!row) throw notFound();
      await w.audit({
        action: 'working_group.member_remove',
        entityType: 'working_group',
        entityId: group.id,
        details: { member_id: memberId, name: row.name },
      });
      return row;
    });
    flash(req, 'success', req.t('workingGroups.memberRemoved', { name: removed.name }));
    res.redirect(`/working-groups/${group.id}#members`);
  });
}
