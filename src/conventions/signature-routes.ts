/** Convention signature routes: the sign page and recording signatures (by click, or by a scan of the signed paper). */
import type { Express, Request, Response } from 'express';
import { loadAccompaniment } from '../accompaniments/load';
import { currentUser, isId, requireLogin } from '../platform/auth/guards';
import type { Deps } from '../platform/deps';
import { notFound } from '../platform/errors';
import { FieldErrors, formErrorOf, parseForm, postedForm } from '../platform/forms';
import { authorize } from '../platform/policy';
import type { Storage } from '../platform/storage';
import { ACCEPTED_LABEL, acceptAttribute, receiveUpload } from '../platform/uploads';
import { flash } from '../platform/views';
import { signatureScanUpload, storeSignatures } from './documents';
import { belongsToParty, conventionPolicy } from './policy';
import { currentConvention, PartyRow } from './queries';
import { Acc, boardPath } from './route-helpers';
import { postedSignature, signatoriesOf, signatureSchema, signingOf } from './schemas';
import { outdatedRefusal, SignatureOutdated, signingRefusal, type SigningRefusal } from './signature-commands';
import { DateRefused, dateRefusalError, localToday } from '../platform/dates';
import type { Id } from '../platform/id';

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
      .first<{ id: Id; version: number; sha256: string; voided_at: Date | null; issued_on: string } | undefined>(
        'id',
        'version',
        'sha256',
        'voided_at',
        'issued_on',
      );
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
      convention,
      party: { ...party, signedCount: Number(signed[0].n) },
    };
  };

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
    const body = postedForm(req);
    const { convention, party } = await loadTarget(acc.id, body.convention_id, body.party_id);
    const { method, values } = postedSignature(body);
    authorize((method === 'click' ? conventionPolicy.clickFor : conventionPolicy.scanFor)(user, acc, party));
    const again = (status: number, errors: FieldErrors, formError?: string) =>
      renderSign(req, res, status, acc, { convention, party, values, errors, formError });
    const refuse = (r: SigningRefusal) =>
      r.field ? again(r.status, { [r.field]: req.t(r.key, r.params) }) : again(r.status, {}, req.t(r.key, r.params));
    const form = parseForm(signatureSchema, { ...body, method }, req.t);
    const refusal = signingRefusal(acc.state, convention, party, form.ok ? signatoriesOf(form.data).length : undefined);
    if (refusal) return refuse(refusal);
    if (!form.ok) return again(422, form.errors);
    const scan = method === 'scan' ? received : null;
    if (scan && !scan.ok) return again(scan.problem.status, { file: req.t(scan.problem.key, scan.problem.params) });
    const signing = { convention, party, ...signingOf(form.data), userId: user.id };
    try {
      await storeSignatures({ storage, write }, req, acc.id, signing, scan?.ok ? scan.upload : null);
    } catch (err) {
      if (err instanceof DateRefused) return again(422, dateRefusalError(req, err));
      if (!(err instanceof SignatureOutdated)) throw err;
      return refuse(await outdatedRefusal(db, convention, party)); // someone issued a new version or signed meanwhile
    }
    flash(req, 'success', req.t('conventions.sign.done', { party: party.name, version: convention.version }));
    res.redirect(boardPath(acc));
  });
}
