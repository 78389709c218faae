/** Convention signature routes: the sign page and recording signatures (by click, or by a scan of the signed paper). */
import type { Express, Request, Response } from 'express';
import { loadAccompaniment } from '../accompaniments/load';
import { currentUser, isId, requireLogin } from '../platform/auth/guards';
import type { Deps } from '../platform/deps';
import { notFound } from '../platform/errors';
import { FieldErrors, parseForm, formErrorOf } from '../platform/forms';
import { authorize } from '../platform/policy';
import type { Storage } from '../platform/storage';
import { storeDocument } from '../documents/store';
import { ACCEPTED_LABEL, acceptAttribute, receiveUpload, type Upload } from '../platform/uploads';
import { flash } from '../platform/views';
import { signatureScanUpload } from './documents';
import { belongsToParty, conventionPolicy } from './policy';
import { currentConvention, PartyRow } from './queries';
import { Acc, auditOn, boardPath, SCAN_PURPOSE, str } from './route-helpers';
import { signatoriesOf, signatureSchema } from './schemas';
import {
  recordSignatures,
  SignatureOutdated,
  signingRefusal,
  type SignatureRecord,
  type SigningRefusal,
} from './commands';
import { DateRefused, dateRefusalError, localToday } from '../platform/dates';


/** The sign page of a party and the signatures posted from it. */
export function registerConventionSignatureRoutes(app: Express, deps: Deps, storage: Storage) {
  const { db, write, config } = deps;

  const renderSign = (
    req: Request,
    res: Response,
    status: number,
    acc: Acc,
    locals: {
      convention: { id: string; version: number; sha256: string; issued_on?: string };
      party: PartyRow & { signedCount: number };
      values: Record<string, string>;
      errors: FieldErrors;
      formError?: string | null;
    },
  ) => {
    const user = currentUser(req);
    res.status(status).render('conventions/sign', {
      title: req.t('conventions.sign.title', { party: locals.party.name }),
      acc,
      canClick: conventionPolicy.clickFor(user, acc, locals.party),
      canScan: conventionPolicy.scanFor(user, acc, locals.party),
      upload: { types: ACCEPTED_LABEL, accept: acceptAttribute(), maxMb: config.uploadMaxMb },
      ...locals,
      formError: formErrorOf(req.t, locals.errors, locals.formError),
    });
  };

  /** The convention version and party a form speaks of; anything not of this case is a 404. */
  const loadTarget = async (accId: string, conventionId: unknown, partyId: unknown) => {
    if (!isId(conventionId) || !isId(partyId)) throw notFound();
    const convention = await db('conventions')
      .where({ id: conventionId, accompaniment_id: accId })
      .first('id', 'version', 'sha256', 'voided_at', 'issued_on');
    if (!convention) throw notFound();
    const party = await db('convention_parties')
      .where({ id: partyId, convention_id: convention.id })
      .first<PartyRow | undefined>('*');
    if (!party) throw notFound();
    const signed = await db('convention_signatures')
      .where({ party_id: party.id })
      .whereNull('voided_at')
      .count<{ n: string }[]>('id as n');
    return {
      convention: { ...convention, id: String(convention.id) },
      party: { ...party, signedCount: Number(signed[0].n) },
    };
  };

  /** Records the signatures in one transaction, the signed scan (if any) stored with them. */
  const save = (req: Request, accId: string, signing: Omit<SignatureRecord, 'scanId'>, upload: Upload | null) =>
    upload
      ? storeDocument(
          { storage, write },
          req,
          { accompanimentId: accId, purpose: SCAN_PURPOSE, upload },
          undefined,
          (trx, scanId, w) =>
            recordSignatures(
              trx,
              { ...signing, scanId },
              auditOn(w, accId, { documentId: scanId, sha256: upload.sha256 }),
            ),
        )
      : write(req, (w) => recordSignatures(w.trx, { ...signing, scanId: null }, auditOn(w, accId)));

  app.get('/accompaniments/:id/convention/sign', requireLogin, async (req, res) => {
    const acc = await loadAccompaniment(deps, req);
    const user = currentUser(req);
    authorize(conventionPolicy.sign(user, acc));
    const current = await currentConvention(db, acc.id);
    if (!current) throw notFound();
    const { convention, party } = await loadTarget(acc.id, current.id, req.query.party);
    authorize(conventionPolicy.clickFor(user, acc, party) || conventionPolicy.scanFor(user, acc, party));
    const mine = belongsToParty(user, acc, party);
    renderSign(req, res, 200, acc, {
      convention,
      party,
      values: {
        method: mine ? 'click' : 'scan',
        signatory_name: mine ? user.name : '',
        capacity: '',
        signatory2_name: '',
        capacity2: '',
        signed_on: localToday(),
      },
      errors: {},
    });
  });

  app.post(signatureScanUpload.path, requireLogin, async (req, res) => {
    const acc = await loadAccompaniment(deps, req);
    const user = currentUser(req);
    authorize(conventionPolicy.sign(user, acc));
    const received = await receiveUpload(req, res, { field: 'file', maxMb: config.uploadMaxMb });
    const body = req.body ?? {};
    const { convention, party } = await loadTarget(acc.id, body.convention_id, body.party_id);
    const method = str(body.method) === 'scan' ? 'scan' : 'click';
    authorize(
      method === 'click' ? conventionPolicy.clickFor(user, acc, party) : conventionPolicy.scanFor(user, acc, party),
    );
    const values = {
      method,
      ...Object.fromEntries(
        ['signatory_name', 'capacity', 'signatory2_name', 'capacity2', 'signed_on'].map((k) => [k, str(body[k])]),
      ),
    };
    const again = (status: number, errors: FieldErrors, formError?: string) =>
      renderSign(req, res, status, acc, { convention, party, values, errors, formError });
    const refuse = (r: SigningRefusal) =>
      r.field ? again(r.status, { [r.field]: req.t(r.key, r.params) }) : again(r.status, {}, req.t(r.key, r.params));
    const closed = signingRefusal(acc.state, convention, party);
    if (closed) return refuse(closed);
    const form = parseForm(signatureSchema, { ...body, method }, req.t);
    if (!form.ok) return again(422, form.errors);
    const signatories = signatoriesOf(form.data);
    const full = signingRefusal(acc.state, convention, party, signatories.length);
    if (full) return refuse(full);
    if (method === 'scan' && !received.ok)
      return again(received.problem.status, { file: req.t(received.problem.key, received.problem.params) });
    const signedOn = method === 'scan' ? String(form.data.signed_on) : localToday();
    try {
      await save(
        req,
        acc.id,
        { convention, party, signatories, signedOn, method, userId: user.id },
        received.ok && method === 'scan' ? received.upload : null,
      );
    } catch (err) {
      if (err instanceof DateRefused) return again(422, dateRefusalError(req, err));
      if (!(err instanceof SignatureOutdated)) throw err;
      // Someone issued a new version or signed for the party meanwhile: say which.
      const fresh = await loadTarget(acc.id, convention.id, party.id);
      return again(
        409,
        {},
        fresh.convention.voided_at
          ? req.t('conventions.sign.outdated', { version: convention.version })
          : req.t('conventions.sign.already', { party: party.name }),
      );
    }
    flash(req, 'success', req.t('conventions.sign.done', { party: party.name, version: convention.version }));
    res.redirect(boardPath(acc));
  });
}
