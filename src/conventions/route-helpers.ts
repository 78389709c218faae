/** What the convention routes share: states, paths, the audit helper and the status board page. */
import type { Request, Response } from 'express';
import { loadAccompaniment } from '../accompaniments/load';
import { currentUser } from '../platform/auth/guards';
import type { Deps } from '../platform/deps';
import type { WriteContext } from '../platform/write';
import { conventionPolicy } from './policy';
import { boardOf, formerParties, prospectiveParties } from './parties';
import { currentConvention, latestOverride, listVersions } from './queries';
import { localToday } from '../platform/dates';

export type Acc = Awaited<ReturnType<typeof loadAccompaniment>>;
export type Audit = (a: { action: string; details: Record<string, unknown> }) => Promise<void>;

export const CONVENTION_PURPOSE = 'convention';
export const SCAN_PURPOSE = 'convention_scan';
/** A version can be (re)generated while the provider is being chosen or the convention signed. */
export const GENERATE_STATES = ['consultation', 'convention'];
/** Signatures keep being collected after an admin let the case into delivery. */
export const SIGN_STATES = ['consultation', 'convention', 'delivery'];

export const boardPath = (acc: { id: string }) => `/accompaniments/${acc.id}/convention`;
export const str = (v: unknown) => (typeof v === 'string' ? v : '');

/** Audits on the case; with a stored document, its id and SHA-256 go into the details. */
export const auditOn =
  (w: WriteContext, accId: string, doc?: { documentId: string; sha256: string }): Audit =>
  (a) =>
    w.audit({
      action: a.action,
      entityType: 'accompaniment',
      entityId: accId,
      details: doc ? { ...a.details, document_id: doc.documentId, sha256: doc.sha256 } : a.details,
    });

/** The status board: versions, parties and their signatures, and the forms the user may use. */
export async function renderBoard(
  deps: Deps,
  req: Request,
  res: Response,
  status: number,
  acc: Acc,
  extra: Record<string, unknown> = {},
) {
  const { db } = deps;
  const user = currentUser(req);
  const current = await currentConvention(db, acc.id, user);
  const board = current ? await boardOf(db, current.id) : [];
  const prospective = await prospectiveParties(db, acc);
  const staff = conventionPolicy.generate(user, acc);
  const twoBefore = new Set(board.filter((p) => p.signatories_required === 2).map((p) => String(p.organisation_id)));
  res.status(status).render('conventions/board', {
    title: req.t('conventions.board.title'),
    acc,
    current,
    versions: await listVersions(db, acc.id, user),
    board: board.map((p) => ({
      ...p,
      canSign:
        !p.signed &&
        !p.withdrawn_on &&
        SIGN_STATES.includes(acc.state) &&
        (conventionPolicy.clickFor(user, acc, p) || conventionPolicy.scanFor(user, acc, p)),
    })),
    former: await formerParties(db, acc.id, current ? current.id : null),
    override: await latestOverride(db, acc.id),
    seeScans: conventionPolicy.readScan(user, acc),
    can: {
      generate: staff && GENERATE_STATES.includes(acc.state),
      remind: conventionPolicy.remind(user, acc) && !!current && board.some((p) => !p.signed && !p.withdrawn_on),
      override:
        conventionPolicy.override(user) &&
        !['delivery', 'close_out', 'follow_up', 'closed', 'referred', 'abandoned'].includes(acc.state),
    },
    candidates: staff
      ? [
          ...prospective.structures.map((s) => ({ kind: 'structure', id: s.id, name: s.name })),
          ...(prospective.operator
            ? [{ kind: 'operator', id: prospective.operator.id, name: prospective.operator.name }]
            : []),
          ...(prospective.provider
            ? [{ kind: 'provider', id: prospective.provider.id, name: prospective.provider.name }]
            : []),
        ].map((c) => ({ ...c, two: twoBefore.has(c.id) }))
      : [],
    generateError: null,
    generateErrors: {},
    generateValues: { issued_on: localToday() },
    overrideValues: { reason: '' },
    overrideErrors: {},
    ...extra,
  });
}
