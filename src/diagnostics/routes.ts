import type { Express, Request, Response } from 'express';
import { findAccompaniment } from '../accompaniments/queries';
import { loadAccompaniment } from '../accompaniments/routes';
import { isId, requireLogin } from '../platform/auth/guards';
import type { Deps } from '../platform/deps';
import { notFound } from '../platform/errors';
import { FieldErrors, parseForm } from '../platform/forms';
import { authorize } from '../platform/policy';
import { createStorage } from '../platform/storage';
import { storeDocument } from '../platform/storage/documents';
import { defineDocumentPurpose, registerDocumentRoutes } from '../platform/storage/routes';
import { ACCEPTED_LABEL, acceptUploadsAt, receiveUpload } from '../platform/uploads';
import { flash } from '../platform/views';
import { closedReason, diagnosticPolicy, isOpen } from './policy';
import { contentChanged, DiagnosticClosed, hasContent, loadDiagnostic, lockOpenDiagnostic, pendingFor, saveDiagnostic, validationBoard } from './queries';
import { diagnosticSchema, Objective, parseObjectives, today, validationSchema } from './schemas';
import { acceptAttribute, ATTACHMENT_PURPOSE } from './section';

type Acc = Awaited<ReturnType<typeof loadAccompaniment>>;

const EMPTY_ROWS = 3;
const back = (acc: { id: string }) => `/accompaniments/${acc.id}#diagnostic`;
const str = (v: unknown) => (typeof v === 'string' ? v : '');

/**
 * The shared diagnostic: texts and objectives by theme (operator staff, while the case is at
 * intake or diagnostic), the structures' validations, and attached files.
 *
 * Rule on changes after validations: the structures validated a content. Saving a different
 * content (findings, context, recommendations or objectives) withdraws every validation
 * already recorded — the structures must validate the new version — and says so; correcting
 * only the days or the date of writing keeps them. The edit page warns before saving.
 */
export function registerDiagnostics(app: Express, deps: Deps) {
  const { db, write, config, logger } = deps;
  const storage = createStorage(config);
  const attachmentsPath = /^\/accompaniments\/[1-9][0-9]*\/diagnostic\/attachments$/;
  acceptUploadsAt(attachmentsPath);
  app.locals.uploadMaxMb = config.uploadMaxMb;

  defineDocumentPurpose(ATTACHMENT_PURPOSE, {
    canRead: (user, acc) => diagnosticPolicy.seeContent(user, acc),
    canDelete: (user, acc) => diagnosticPolicy.manageAttachments(user, acc),
    refuseDelete: async (trx, acc) => {
      try {
        await lockOpenDiagnostic(trx, acc.id);
        return null;
      } catch (err) {
        if (err instanceof DiagnosticClosed) return err.reasonKey;
        throw err;
      }
    },
    backTo: back,
  });
  registerDocumentRoutes(app, { db, write, storage, logger }, (user, id) => findAccompaniment(db, user, id));

  // ---- texts and objectives -------------------------------------------------------------

  const renderEdit = async (
    req: Request,
    res: Response,
    status: number,
    acc: Acc,
    locals: { values: Record<string, unknown>; rows: Objective[]; errors: FieldErrors; formError?: string | null },
  ) => {
    const validations = (await validationBoard(db, acc.id)).filter((b) => b.validated_on);
    res.status(status).render('diagnostics/edit', {
      title: req.t('diagnostics.edit.title'),
      acc,
      validations,
      ...locals,
      rows: [...locals.rows, ...Array.from({ length: EMPTY_ROWS }, () => ({ theme: '', aim: '' }))],
      formError: locals.formError ?? (Object.keys(locals.errors).length ? req.t('form.hasErrors') : null),
    });
  };

  app.get('/accompaniments/:id/diagnostic/edit', requireLogin, async (req, res) => {
    const acc = await loadAccompaniment(deps, req);
    authorize(diagnosticPolicy.edit(req.user!, acc));
    if (!isOpen(acc)) {
      flash(req, 'error', req.t(closedReason(acc)));
      return res.redirect(back(acc));
    }
    const { diagnostic, objectives } = await loadDiagnostic(db, acc.id);
    await renderEdit(req, res, 200, acc, {
      values: {
        findings: diagnostic?.findings ?? '',
        context: diagnostic?.context ?? '',
        recommendations: diagnostic?.recommendations ?? '',
        days: diagnostic?.days == null ? '' : String(Number(diagnostic.days)),
        written_on: diagnostic?.written_on ?? '',
      },
      rows: objectives,
      errors: {},
    });
  });

  app.post('/accompaniments/:id/diagnostic/edit', requireLogin, async (req, res) => {
    const acc = await loadAccompaniment(deps, req);
    authorize(diagnosticPolicy.edit(req.user!, acc));
    const form = parseForm(diagnosticSchema, req.body, req.t);
    const objectives = parseObjectives(req.body, req.t);
    const values = {
      findings: str(req.body.findings),
      context: str(req.body.context),
      recommendations: str(req.body.recommendations),
      days: str(req.body.days),
      written_on: str(req.body.written_on),
    };
    const errors: FieldErrors = { ...(form.ok ? {} : form.errors), ...objectives.errors };
    if (!isOpen(acc)) return renderEdit(req, res, 422, acc, { values, rows: objectives.rows, errors: {}, formError: req.t(closedReason(acc)) });
    if (!form.ok || Object.keys(errors).length) return renderEdit(req, res, 422, acc, { values, rows: objectives.rows, errors });
    try {
      const withdrawn = await write(req, async (w) => {
        await lockOpenDiagnostic(w.trx, acc.id);
        const before = await loadDiagnostic(w.trx, acc.id);
        const changed = contentChanged(before, form.data, objectives.rows);
        await saveDiagnostic(w.trx, acc.id, form.data, objectives.rows);
        await w.audit({
          action: 'diagnostic.update',
          entityType: 'accompaniment',
          entityId: acc.id,
          details: { content_changed: changed, days: form.data.days, written_on: form.data.written_on, objectives: objectives.rows.map((o) => o.theme) },
        });
        if (!changed) return [];
        const removed = await w
          .trx('diagnostic_validations')
          .where({ accompaniment_id: acc.id })
          .del()
          .returning(['organisation_id', 'validated_on', 'validated_by_name']);
        if (removed.length) {
          await w.audit({ action: 'diagnostic.validations_withdrawn', entityType: 'accompaniment', entityId: acc.id, details: { reason: 'content_changed', validations: removed } });
        }
        return removed;
      });
      flash(req, 'success', req.t('diagnostics.saved'));
      if (withdrawn.length) flash(req, 'info', req.t('diagnostics.validationsWithdrawn', { count: withdrawn.length }));
      res.redirect(back(acc));
    } catch (err) {
      if (!(err instanceof DiagnosticClosed)) throw err;
      await renderEdit(req, res, 422, acc, { values, rows: objectives.rows, errors: {}, formError: req.t(err.reasonKey) });
    }
  });

  // ---- validations by the structures ----------------------------------------------------

  const renderValidation = async (req: Request, res: Response, status: number, acc: Acc, locals: { values: Record<string, unknown>; errors: FieldErrors; formError?: string | null }) => {
    const user = req.user!;
    const staff = diagnosticPolicy.edit(user, acc);
    res.status(status).render('diagnostics/validation', {
      title: req.t('diagnostics.validation.title'),
      acc,
      choices: pendingFor(await validationBoard(db, acc.id), user, staff),
      isStaff: staff,
      ...locals,
      formError: locals.formError ?? (Object.keys(locals.errors).length ? req.t('form.hasErrors') : null),
    });
  };

  app.get('/accompaniments/:id/diagnostic/validations/new', requireLogin, async (req, res) => {
    const acc = await loadAccompaniment(deps, req);
    const user = req.user!;
    authorize(diagnosticPolicy.validate(user, acc));
    if (!isOpen(acc)) {
      flash(req, 'error', req.t(closedReason(acc)));
      return res.redirect(back(acc));
    }
    const staff = diagnosticPolicy.edit(user, acc);
    const pending = pendingFor(await validationBoard(db, acc.id), user, staff);
    const wanted = str(req.query.organisation_id);
    await renderValidation(req, res, 200, acc, {
      values: {
        organisation_id: pending.some((p) => p.value === wanted) ? wanted : pending.length === 1 ? pending[0].value : '',
        validated_on: today(),
        validated_by_name: staff ? '' : user.name,
      },
      errors: {},
    });
  });

  app.post('/accompaniments/:id/diagnostic/validations', requireLogin, async (req, res) => {
    const acc = await loadAccompaniment(deps, req);
    const user = req.user!;
    authorize(diagnosticPolicy.validate(user, acc));
    const staff = diagnosticPolicy.edit(user, acc);
    const body = { ...req.body };
    if (!staff) {
      // A structure validates for itself: its own organisation, and by default its user's name.
      body.organisation_id = str(body.organisation_id) || String(user.organisation_id);
      if (!str(body.validated_by_name).trim()) body.validated_by_name = user.name;
    }
    authorize(diagnosticPolicy.validateFor(user, acc, str(body.organisation_id)));
    const values = { organisation_id: str(body.organisation_id), validated_on: str(body.validated_on), validated_by_name: str(body.validated_by_name) };
    if (!isOpen(acc)) return renderValidation(req, res, 422, acc, { values, errors: {}, formError: req.t(closedReason(acc)) });
    const form = parseForm(validationSchema, body, req.t);
    if (!form.ok) return renderValidation(req, res, 422, acc, { values, errors: form.errors });
    const board = await validationBoard(db, acc.id);
    const target = board.find((b) => String(b.organisation_id) === form.data.organisation_id);
    if (!target || target.status !== 'active') {
      return renderValidation(req, res, 422, acc, { values, errors: { organisation_id: req.t('diagnostics.validation.notActive') } });
    }
    if (target.validated_on) {
      return renderValidation(req, res, 422, acc, { values, errors: { organisation_id: req.t('diagnostics.validation.already', { name: target.name }) } });
    }
    if (!hasContent(await loadDiagnostic(db, acc.id))) {
      return renderValidation(req, res, 422, acc, { values, errors: {}, formError: req.t('diagnostics.validation.nothingToValidate') });
    }
    try {
      const recorded = await write(req, async (w) => {
        await lockOpenDiagnostic(w.trx, acc.id);
        const inserted = await w
          .trx('diagnostic_validations')
          .insert({ accompaniment_id: acc.id, ...form.data, recorded_by: user.id })
          .onConflict(['accompaniment_id', 'organisation_id'])
          .ignore()
          .returning('id');
        await w.audit({
          action: inserted.length ? 'diagnostic.validate' : 'diagnostic.validate_duplicate',
          entityType: 'accompaniment',
          entityId: acc.id,
          details: { ...form.data, by_the_structure: !staff },
        });
        return inserted.length > 0;
      });
      flash(req, recorded ? 'success' : 'info', req.t(recorded ? 'diagnostics.validation.recorded' : 'diagnostics.validation.already', { name: target.name }));
      res.redirect(back(acc));
    } catch (err) {
      if (!(err instanceof DiagnosticClosed)) throw err;
      await renderValidation(req, res, 422, acc, { values, errors: {}, formError: req.t(err.reasonKey) });
    }
  });

  app.post('/accompaniments/:id/diagnostic/validations/:orgId/delete', requireLogin, async (req, res) => {
    const acc = await loadAccompaniment(deps, req);
    authorize(diagnosticPolicy.deleteValidation(req.user!, acc));
    if (!isId(req.params.orgId)) throw notFound();
    const orgId = req.params.orgId;
    const row = (await validationBoard(db, acc.id)).find((b) => String(b.organisation_id) === orgId && b.validated_on);
    if (!row) throw notFound();
    try {
      await write(req, async (w) => {
        await lockOpenDiagnostic(w.trx, acc.id);
        const removed = await w
          .trx('diagnostic_validations')
          .where({ accompaniment_id: acc.id, organisation_id: orgId })
          .del()
          .returning(['organisation_id', 'validated_on', 'validated_by_name']);
        if (!removed.length) throw notFound();
        await w.audit({ action: 'diagnostic.validation_delete', entityType: 'accompaniment', entityId: acc.id, details: removed[0] });
      });
      flash(req, 'success', req.t('diagnostics.validation.deleted', { name: row.name }));
    } catch (err) {
      if (!(err instanceof DiagnosticClosed)) throw err;
      flash(req, 'error', req.t(err.reasonKey));
    }
    res.redirect(back(acc));
  });

  // ---- attachments ----------------------------------------------------------------------

  const renderAttachment = (req: Request, res: Response, status: number, acc: Acc, formError: string | null = null) =>
    res.status(status).render('diagnostics/attachment', {
      title: req.t('diagnostics.attachments.title'),
      acc,
      formError,
      accept: acceptAttribute(),
      types: ACCEPTED_LABEL,
      maxMb: config.uploadMaxMb,
    });

  app.get('/accompaniments/:id/diagnostic/attachments/new', requireLogin, async (req, res) => {
    const acc = await loadAccompaniment(deps, req);
    authorize(diagnosticPolicy.manageAttachments(req.user!, acc));
    if (!isOpen(acc)) {
      flash(req, 'error', req.t(closedReason(acc)));
      return res.redirect(back(acc));
    }
    renderAttachment(req, res, 200, acc);
  });

  app.post('/accompaniments/:id/diagnostic/attachments', requireLogin, async (req, res) => {
    const acc = await loadAccompaniment(deps, req);
    authorize(diagnosticPolicy.manageAttachments(req.user!, acc));
    const received = await receiveUpload(req, res, { field: 'file', maxMb: config.uploadMaxMb });
    if (!isOpen(acc)) return renderAttachment(req, res, 422, acc, req.t(closedReason(acc)));
    if (!received.ok) return renderAttachment(req, res, received.problem.status, acc, req.t(received.problem.key, received.problem.params));
    const upload = received.upload;
    try {
      await storeDocument(
        { storage, write },
        req,
        { accompanimentId: acc.id, purpose: ATTACHMENT_PURPOSE, upload, audit: { action: 'diagnostic.attachment_add', entityType: 'accompaniment', entityId: acc.id } },
        (trx) => lockOpenDiagnostic(trx, acc.id),
      );
    } catch (err) {
      if (!(err instanceof DiagnosticClosed)) throw err;
      return renderAttachment(req, res, 422, acc, req.t(err.reasonKey));
    }
    flash(req, 'success', req.t('diagnostics.attachments.added', { filename: upload.filename }));
    res.redirect(back(acc));
  });
}
