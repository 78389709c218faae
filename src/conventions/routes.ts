import { createHash } from 'node:crypto';
import type { Express, Request, Response } from 'express';
import { applyTransition } from '../accompaniments/lifecycle';
import { findAccompaniment } from '../accompaniments/queries';
import { loadAccompaniment } from '../accompaniments/routes';
import { listPhases } from '../phases/queries';
import { requireLogin, isId } from '../platform/auth/guards';
import type { Deps } from '../platform/deps';
import { notFound } from '../platform/errors';
import { FieldErrors, parseForm } from '../platform/forms';
import { enqueueMail } from '../platform/mail/outbox';
import { authorize } from '../platform/policy';
import { createStorage } from '../platform/storage';
import { newStorageKey } from '../platform/storage/documents';
import { defineDocumentPurpose, registerDocumentRoutes } from '../platform/storage/routes';
import { ACCEPTED_LABEL, ACCEPTED_TYPES, acceptUploadsAt, receiveUpload, type Upload } from '../platform/uploads';
import { flash } from '../platform/views';
import type { Trx } from '../platform/db';
import { newVersionMail, reminderMail } from './mails';
import { renderConventionPdf } from './pdf';
import { belongsToParty, conventionPolicy } from './policy';
import { boardOf, currentConvention, latestOverride, listVersions, PartyKind, PartyRow, prospectiveParties, recipientsOf } from './queries';
import { generateSchema, overrideSchema, signatureSchema, startOfToday, today } from './schemas';

type Acc = Awaited<ReturnType<typeof loadAccompaniment>>;

export const CONVENTION_PURPOSE = 'convention';
export const SCAN_PURPOSE = 'convention_scan';
/** A version can be (re)generated while the provider is being chosen or the convention signed. */
export const GENERATE_STATES = ['consultation', 'convention'];
/** Signatures keep being collected after an admin let the case into delivery. */
export const SIGN_STATES = ['consultation', 'convention', 'delivery'];

const boardPath = (acc: { id: string }) => `/accompaniments/${acc.id}/convention`;
const str = (v: unknown) => (typeof v === 'string' ? v : '');
const accept = () =>
  Object.values(ACCEPTED_TYPES)
    .flat()
    .map((e) => `.${e}`)
    .join(',');

class Outdated extends Error {}
class VersionRace extends Error {}

/**
 * The convention: generated versions (PDF, SHA-256), the parties' signatures on the current
 * version, reminders, and the admin override of the delivery guard (see guard.ts).
 */
export function registerConventions(app: Express, deps: Deps) {
  const { db, write, config, logger } = deps;
  const storage = createStorage(config);
  const signaturesPath = /^\/accompaniments\/[1-9][0-9]*\/convention\/signatures$/;
  acceptUploadsAt(signaturesPath);

  defineDocumentPurpose(CONVENTION_PURPOSE, {
    canRead: (user, acc) => conventionPolicy.readConvention(user, acc),
    canDelete: () => false, // a generated version is a record: never deleted, only voided
    backTo: boardPath,
  });
  defineDocumentPurpose(SCAN_PURPOSE, {
    canRead: (user, acc) => conventionPolicy.readScan(user, acc),
    canDelete: () => false,
    backTo: boardPath,
  });
  registerDocumentRoutes(app, { db, write, storage, logger }, (user, id) => findAccompaniment(db, user, id));

  /** Bytes first, then the rows in one audited transaction; the bytes go again if it fails. */
  async function storeWith<T>(req: Request, file: { accId: string; purpose: string; upload: Upload }, fn: (trx: Trx, documentId: string, audit: (a: { action: string; details: Record<string, unknown> }) => Promise<void>) => Promise<T>) {
    const key = newStorageKey(file.purpose);
    await storage.put(key, file.upload.buffer);
    try {
      return await write(req, async (w) => {
        const [row] = await w
          .trx('documents')
          .insert({
            accompaniment_id: file.accId,
            purpose: file.purpose,
            filename: file.upload.filename,
            mime_type: file.upload.mimeType,
            size_bytes: file.upload.size,
            sha256: file.upload.sha256,
            storage_key: key,
            uploaded_by: w.actor.userId,
          })
          .returning('id');
        const documentId = String(row.id);
        return fn(w.trx, documentId, (a) =>
          w.audit({ action: a.action, entityType: 'accompaniment', entityId: file.accId, details: { ...a.details, document_id: documentId, sha256: file.upload.sha256 } }),
        );
      });
    } catch (err) {
      await storage.delete(key).catch((e: unknown) => req.log?.error({ err: e, key }, 'could not remove the file of a failed write'));
      throw err;
    }
  }

  // ---- the status board -------------------------------------------------------------------

  const renderBoard = async (req: Request, res: Response, status: number, acc: Acc, extra: Record<string, unknown> = {}) => {
    const user = req.user!;
    const current = await currentConvention(db, acc.id);
    const board = current ? await boardOf(db, current.id) : [];
    const prospective = await prospectiveParties(db, acc);
    const staff = conventionPolicy.generate(user, acc);
    const twoBefore = new Set(board.filter((p) => p.signatories_required === 2).map((p) => String(p.organisation_id)));
    res.status(status).render('conventions/board', {
      title: req.t('conventions.board.title'),
      acc,
      current,
      versions: await listVersions(db, acc.id),
      board: board.map((p) => ({
        ...p,
        canSign: !p.signed && SIGN_STATES.includes(acc.state) && (conventionPolicy.clickFor(user, acc, p) || conventionPolicy.scanFor(user, acc, p)),
      })),
      override: await latestOverride(db, acc.id),
      seeScans: conventionPolicy.readScan(user, acc),
      can: {
        generate: staff && GENERATE_STATES.includes(acc.state),
        remind: conventionPolicy.remind(user, acc) && !!current && board.some((p) => !p.signed),
        override: conventionPolicy.override(user) && !['delivery', 'close_out', 'follow_up', 'closed', 'referred', 'abandoned'].includes(acc.state),
      },
      candidates: staff
        ? [
            ...prospective.structures.map((s) => ({ kind: 'structure', id: String(s.id), name: s.name })),
            ...(prospective.operator ? [{ kind: 'operator', id: String(prospective.operator.id), name: prospective.operator.name }] : []),
            ...(prospective.provider ? [{ kind: 'provider', id: String(prospective.provider.id), name: prospective.provider.name }] : []),
          ].map((c) => ({ ...c, two: twoBefore.has(c.id) }))
        : [],
      generateError: null,
      overrideValues: { reason: '' },
      overrideErrors: {},
      ...extra,
    });
  };

  app.get('/accompaniments/:id/convention', requireLogin, async (req, res) => {
    const acc = await loadAccompaniment(deps, req);
    authorize(conventionPolicy.view(req.user!, acc));
    await renderBoard(req, res, 200, acc);
  });

  // ---- generating a version ---------------------------------------------------------------

  app.post('/accompaniments/:id/convention/generate', requireLogin, async (req, res) => {
    const acc = await loadAccompaniment(deps, req);
    const user = req.user!;
    authorize(conventionPolicy.generate(user, acc));
    if (!GENERATE_STATES.includes(acc.state)) return renderBoard(req, res, 422, acc, { generateError: req.t('conventions.generate.wrongState') });
    const { structures, operator, provider } = await prospectiveParties(db, acc);
    if (!provider) return renderBoard(req, res, 422, acc, { generateError: req.t('conventions.generate.noProvider') });
    if (!structures.length) return renderBoard(req, res, 422, acc, { generateError: req.t('conventions.generate.noBeneficiary') });
    const form = parseForm(generateSchema, req.body, req.t);
    const two = new Set(form.ok ? form.data.two_signatories : []);
    const parties: { kind: PartyKind; id: string; name: string; signatories: number }[] = [
      ...structures.map((s) => ({ kind: 'structure' as const, id: String(s.id), name: String(s.name) })),
      { kind: 'operator' as const, id: String(operator.id), name: String(operator.name) },
      { kind: 'provider' as const, id: String(provider.id), name: String(provider.name) },
    ].map((p) => ({ ...p, signatories: two.has(p.id) ? 2 : 1 }));

    const previous = await currentConvention(db, acc.id);
    const maxRow = await db('conventions').where({ accompaniment_id: acc.id }).max('version as v').first();
    const version = Number(maxRow?.v ?? 0) + 1;
    const generatedOn = new Date();
    const buffer = await renderConventionPdf({
      version,
      generatedOn,
      title: acc.title,
      objectives: acc.objectives ?? null,
      operator: String(operator.name),
      days: acc.budget_days ?? provider.proposal_days ?? null,
      amountEur: acc.budget_eur ?? provider.proposal_price_eur ?? null,
      plannedStart: acc.planned_start ?? null,
      plannedEnd: acc.planned_end ?? null,
      phases: await listPhases(db, acc.id),
      parties: parties.map((p) => ({ kind: p.kind, name: p.name, signatories: p.signatories })),
    });
    const sha256 = createHash('sha256').update(buffer).digest('hex');
    const upload: Upload = { buffer, filename: `convention-${acc.id}-v${version}.pdf`, mimeType: 'application/pdf', size: buffer.length, sha256 };

    let voided = 0;
    try {
      voided = await storeWith(req, { accId: acc.id, purpose: CONVENTION_PURPOSE, upload }, async (trx, documentId, audit) => {
        await trx('accompaniments').where({ id: acc.id }).forUpdate().first('id');
        const last = await trx('conventions').where({ accompaniment_id: acc.id }).max('version as v').first();
        if (Number(last?.v ?? 0) + 1 !== version) throw new VersionRace();
        const before = previous ? await trx('convention_parties').where({ convention_id: previous.id }).select<PartyRow[]>('*') : [];
        let voidedRows: { id: string }[] = [];
        if (previous) {
          await trx('conventions').where({ id: previous.id }).update({ voided_at: trx.fn.now() });
          voidedRows = await trx('convention_signatures').where({ convention_id: previous.id }).whereNull('voided_at').update({ voided_at: trx.fn.now() }).returning('id');
        }
        const [conv] = await trx('conventions').insert({ accompaniment_id: acc.id, version, document_id: documentId, sha256, generated_by: user.id }).returning('id');
        const conventionId = String(conv.id);
        await trx('convention_parties').insert(
          parties.map((p, i) => ({
            convention_id: conventionId,
            party_kind: p.kind,
            organisation_id: p.id,
            name: p.name,
            position: i + 1,
            signatories_required: p.signatories,
            // The once-a-day reminder limit holds across versions.
            last_reminded_at: before.find((b) => String(b.organisation_id) === p.id)?.last_reminded_at ?? null,
          })),
        );
        await audit({ action: 'convention.generate', details: { convention_id: conventionId, version, parties: parties.map((p) => ({ kind: p.kind, organisation_id: p.id, signatories: p.signatories })) } });
        if (previous && voidedRows.length) {
          await audit({ action: 'convention.signatures_voided', details: { old_version: previous.version, version, signatures: voidedRows.map((r) => String(r.id)) } });
          // Everyone concerned by either version hears that the signatures must be given again.
          const concerned = new Map<string, { party_kind: PartyKind; organisation_id: string }>();
          for (const p of [...before, ...parties.map((x) => ({ party_kind: x.kind, organisation_id: x.id }))]) concerned.set(String(p.organisation_id), p);
          const sent = new Set<string>();
          for (const p of concerned.values()) {
            for (const r of await recipientsOf(trx, p, acc)) {
              if (sent.has(r.email)) continue;
              sent.add(r.email);
              await enqueueMail(
                trx,
                newVersionMail({ to: r.email, locale: r.locale === 'en' ? 'en' : 'fr', title: acc.title, link: `${config.baseUrl}${boardPath(acc)}`, oldVersion: previous.version, version, voided: voidedRows.length }),
              );
            }
          }
        }
        return voidedRows.length;
      });
    } catch (err) {
      if (!(err instanceof VersionRace)) throw err;
      return renderBoard(req, res, 409, acc, { generateError: req.t('conventions.generate.race') });
    }
    flash(req, 'success', req.t('conventions.generate.done', { version }));
    if (voided) flash(req, 'info', req.t('conventions.generate.voided', { count: voided }));
    res.redirect(boardPath(acc));
  });

  // ---- signatures ---------------------------------------------------------------------------

  const renderSign = (
    req: Request,
    res: Response,
    status: number,
    acc: Acc,
    locals: { convention: { id: string; version: number; sha256: string }; party: PartyRow & { signedCount: number }; values: Record<string, string>; errors: FieldErrors; formError?: string | null },
  ) => {
    const user = req.user!;
    res.status(status).render('conventions/sign', {
      title: req.t('conventions.sign.title', { party: locals.party.name }),
      acc,
      canClick: conventionPolicy.clickFor(user, acc, locals.party),
      canScan: conventionPolicy.scanFor(user, acc, locals.party),
      upload: { types: ACCEPTED_LABEL, accept: accept(), maxMb: config.uploadMaxMb },
      ...locals,
      formError: locals.formError ?? (Object.keys(locals.errors).length ? req.t('form.hasErrors') : null),
    });
  };

  /** The convention version and party a form speaks of; anything not of this case is a 404. */
  const loadTarget = async (accId: string, conventionId: unknown, partyId: unknown) => {
    if (!isId(conventionId) || !isId(partyId)) throw notFound();
    const convention = await db('conventions').where({ id: conventionId, accompaniment_id: accId }).first('id', 'version', 'sha256', 'voided_at');
    if (!convention) throw notFound();
    const party = await db('convention_parties').where({ id: partyId, convention_id: convention.id }).first<PartyRow | undefined>('*');
    if (!party) throw notFound();
    const signed = await db('convention_signatures').where({ party_id: party.id }).whereNull('voided_at').count<{ n: string }[]>('id as n');
    return { convention: { ...convention, id: String(convention.id) }, party: { ...party, signedCount: Number(signed[0].n) } };
  };

  app.get('/accompaniments/:id/convention/sign', requireLogin, async (req, res) => {
    const acc = await loadAccompaniment(deps, req);
    const user = req.user!;
    authorize(conventionPolicy.sign(user, acc));
    const current = await currentConvention(db, acc.id);
    if (!current) throw notFound();
    const { convention, party } = await loadTarget(acc.id, current.id, req.query.party);
    authorize(conventionPolicy.clickFor(user, acc, party) || conventionPolicy.scanFor(user, acc, party));
    const mine = belongsToParty(user, acc, party);
    renderSign(req, res, 200, acc, {
      convention,
      party,
      values: { method: mine ? 'click' : 'scan', signatory_name: mine ? user.name : '', capacity: '', signatory2_name: '', capacity2: '', signed_on: today() },
      errors: {},
    });
  });

  app.post('/accompaniments/:id/convention/signatures', requireLogin, async (req, res) => {
    const acc = await loadAccompaniment(deps, req);
    const user = req.user!;
    authorize(conventionPolicy.sign(user, acc));
    const received = await receiveUpload(req, res, { field: 'file', maxMb: config.uploadMaxMb });
    const body = req.body ?? {};
    const { convention, party } = await loadTarget(acc.id, body.convention_id, body.party_id);
    const method = str(body.method) === 'scan' ? 'scan' : 'click';
    authorize(method === 'click' ? conventionPolicy.clickFor(user, acc, party) : conventionPolicy.scanFor(user, acc, party));
    const values = {
      method,
      signatory_name: str(body.signatory_name),
      capacity: str(body.capacity),
      signatory2_name: str(body.signatory2_name),
      capacity2: str(body.capacity2),
      signed_on: str(body.signed_on),
    };
    const again = (status: number, errors: FieldErrors, formError?: string) => renderSign(req, res, status, acc, { convention, party, values, errors, formError });
    // Someone generated a new version meanwhile: this one cannot be signed any more.
    if (convention.voided_at) return again(409, {}, req.t('conventions.sign.outdated', { version: convention.version }));
    if (!SIGN_STATES.includes(acc.state)) return again(422, {}, req.t('conventions.sign.wrongState'));
    const form = parseForm(signatureSchema, { ...body, method }, req.t);
    if (!form.ok) return again(422, form.errors);
    const remaining = party.signatories_required - party.signedCount;
    if (remaining <= 0) return again(422, {}, req.t('conventions.sign.already', { party: party.name }));
    const signatories = [{ name: form.data.signatory_name, capacity: form.data.capacity }];
    if (form.data.signatory2_name) signatories.push({ name: form.data.signatory2_name, capacity: form.data.capacity2 ?? '' });
    if (signatories.length > remaining) return again(422, { signatory2_name: req.t('conventions.sign.tooMany', { count: remaining }) });
    if (method === 'scan' && !received.ok) {
      return again(received.problem.status, { file: req.t(received.problem.key, received.problem.params) });
    }
    const signedOn = method === 'scan' ? String(form.data.signed_on) : today();

    const record = async (trx: Trx, scanId: string | null, audit: (a: { action: string; details: Record<string, unknown> }) => Promise<void>) => {
      const locked = await trx('conventions').where({ id: convention.id }).forUpdate().first('voided_at', 'sha256');
      if (locked.voided_at) throw new Outdated();
      const count = await trx('convention_signatures').where({ party_id: party.id }).whereNull('voided_at').count<{ n: string }[]>('id as n');
      if (Number(count[0].n) + signatories.length > party.signatories_required) throw new Outdated();
      const rows = await trx('convention_signatures')
        .insert(
          signatories.map((s) => ({
            convention_id: convention.id,
            party_id: party.id,
            party_kind: party.party_kind,
            organisation_id: party.organisation_id,
            signatory_name: s.name,
            capacity: s.capacity,
            signed_on: signedOn,
            method,
            scan_document_id: scanId,
            user_id: user.id,
            sha256_signed: locked.sha256,
          })),
        )
        .returning('id');
      await audit({
        action: 'convention.sign',
        details: { convention_id: convention.id, version: convention.version, party: party.name, organisation_id: party.organisation_id, method, signed_on: signedOn, signatories, sha256_signed: locked.sha256, signature_ids: rows.map((r) => String(r.id)) },
      });
    };
    try {
      if (method === 'scan' && received.ok) {
        await storeWith(req, { accId: acc.id, purpose: SCAN_PURPOSE, upload: received.upload }, (trx, docId, audit) => record(trx, docId, audit));
      } else {
        await write(req, (w) => record(w.trx, null, (a) => w.audit({ ...a, entityType: 'accompaniment', entityId: acc.id })));
      }
    } catch (err) {
      if (!(err instanceof Outdated)) throw err;
      const fresh = await loadTarget(acc.id, convention.id, party.id);
      if (fresh.convention.voided_at) return again(409, {}, req.t('conventions.sign.outdated', { version: convention.version }));
      return again(409, {}, req.t('conventions.sign.already', { party: party.name }));
    }
    flash(req, 'success', req.t('conventions.sign.done', { party: party.name, version: convention.version }));
    res.redirect(boardPath(acc));
  });

  // ---- reminders ------------------------------------------------------------------------------

  app.post('/accompaniments/:id/convention/remind', requireLogin, async (req, res) => {
    const acc = await loadAccompaniment(deps, req);
    authorize(conventionPolicy.remind(req.user!, acc));
    const current = await currentConvention(db, acc.id);
    if (!current) throw notFound();
    const since = startOfToday();
    const result = await write(req, async (w) => {
      const board = await boardOf(w.trx, current.id);
      const sent: string[] = [];
      const already: string[] = [];
      const noAddress: string[] = [];
      for (const p of board.filter((b) => !b.signed)) {
        const to = (await recipientsOf(w.trx, p, acc)).map((r) => r.email);
        if (!to.length) {
          noAddress.push(p.name);
          continue;
        }
        // The conditional update is the once-a-day limit, even for two clicks at the same time.
        const updated = await w
          .trx('convention_parties')
          .where({ id: p.id })
          .where((q) => q.whereNull('last_reminded_at').orWhere('last_reminded_at', '<', since))
          .update({ last_reminded_at: w.trx.fn.now() })
          .returning('id');
        if (!updated.length) {
          already.push(p.name);
          continue;
        }
        await enqueueMail(w.trx, reminderMail({ to: [...new Set(to)], title: acc.title, party: p.name, version: current.version, generatedAt: current.generated_at, link: `${config.baseUrl}${boardPath(acc)}` }));
        sent.push(p.name);
      }
      await w.audit({ action: 'convention.remind', entityType: 'accompaniment', entityId: acc.id, details: { version: current.version, sent, already_today: already, no_address: noAddress } });
      return { sent, already, noAddress };
    });
    if (result.sent.length) flash(req, 'success', req.t('conventions.remind.sent', { count: result.sent.length, names: result.sent.join(', ') }));
    if (result.already.length) flash(req, 'info', req.t('conventions.remind.already', { names: result.already.join(', ') }));
    if (result.noAddress.length) flash(req, 'error', req.t('conventions.remind.noAddress', { names: result.noAddress.join(', ') }));
    if (!result.sent.length && !result.already.length && !result.noAddress.length) flash(req, 'info', req.t('conventions.remind.nobody'));
    res.redirect(boardPath(acc));
  });

  // ---- admin override of the delivery guard ------------------------------------------------

  app.post('/accompaniments/:id/convention/override', requireLogin, async (req, res) => {
    const acc = await loadAccompaniment(deps, req);
    const user = req.user!;
    authorize(conventionPolicy.override(user));
    const form = parseForm(overrideSchema, req.body, req.t);
    if (!form.ok) return renderBoard(req, res, 422, acc, { overrideValues: { reason: str(req.body.reason) }, overrideErrors: form.errors });
    const moved = await write(req, async (w) => {
      const current = await currentConvention(w.trx, acc.id);
      await w.trx('convention_overrides').insert({ accompaniment_id: acc.id, convention_id: current?.id ?? null, reason: form.data.reason, decided_by: user.id });
      await w.audit({ action: 'convention.override', entityType: 'accompaniment', entityId: acc.id, details: { reason: form.data.reason, convention_id: current?.id ?? null, version: current?.version ?? null } });
      const state = await w.trx('accompaniments').where({ id: acc.id }).first('state');
      if (state.state !== 'convention') return false;
      const result = await applyTransition(w.trx, acc.id, 'delivery', { actorId: user.id, comment: form.data.reason, onDate: today() });
      await w.audit({ action: 'accompaniment.transition', entityType: 'accompaniment', entityId: acc.id, details: { ...result, comment: form.data.reason, override: true } });
      return true;
    });
    flash(req, 'success', req.t(moved ? 'conventions.override.moved' : 'conventions.override.recorded'));
    res.redirect(boardPath(acc));
  });
}
