/**
 * Recording a party's signatures on a convention version, in the caller's transaction, and why a
 * party may not sign (signature-routes.ts, the signed copies of documents.ts). After each signature
 * the version's status is settled through version-lifecycle.ts.
 */
import type { Db, Trx } from '../platform/db';
import { refuseBefore } from '../platform/dates';
import type { MessageKey, Params } from '../platform/i18n';
import type { PartyRow } from './queries';
import { SIGN_STATES, type Audit } from './route-helpers';
import { settleVersion } from './version-lifecycle';
import type { ConventionsRow } from '../platform/db-tables';

/** The version or the party's signatures changed meanwhile (a new version, the party already signed). */
export class SignatureOutdated extends Error {}

export type SignatureRecord = {
  convention: { id: string; version: number };
  party: PartyRow;
  signatories: { name: string; capacity: string }[];
  signedOn: string;
  method: 'click' | 'scan';
  scanId: string | null;
  userId: string;
};

/**
 * Records one or two signatories of a party on a version, in the caller's transaction. The day
 * signed may not fall before the version was issued (DateRefused on signed_on): nobody signs a
 * text before it exists. SignatureOutdated when the version was replaced or the party completed meanwhile.
 */
export async function recordSignatures(trx: Trx, s: SignatureRecord, audit: Audit) {
  const locked = await trx('conventions')
    .where({ id: s.convention.id })
    .forUpdate()
    .first<Pick<ConventionsRow, 'voided_at' | 'sha256' | 'issued_on'>>('voided_at', 'sha256', 'issued_on');
  if (locked.voided_at) throw new SignatureOutdated();
  refuseBefore('signed_on', s.signedOn, locked.issued_on, 'conventions.sign.beforeIssue');
  const count = await trx('convention_signatures')
    .where({ party_id: s.party.id })
    .whereNull('voided_at')
    .count<{ n: string }[]>('id as n');
  if (Number(count[0].n) + s.signatories.length > s.party.signatories_required) throw new SignatureOutdated();
  const rows = await trx('convention_signatures')
    .insert(
      s.signatories.map((x) => ({
        convention_id: s.convention.id,
        party_id: s.party.id,
        party_kind: s.party.party_kind,
        organisation_id: s.party.organisation_id,
        signatory_name: x.name,
        capacity: x.capacity,
        signed_on: s.signedOn,
        method: s.method,
        scan_document_id: s.scanId,
        user_id: s.userId,
        sha256_signed: locked.sha256,
      })),
    )
    .returning<{ id: string }[]>('id');
  await audit({
    action: 'convention.sign',
    details: {
      convention_id: s.convention.id,
      version: s.convention.version,
      party: s.party.name,
      organisation_id: s.party.organisation_id,
      method: s.method,
      signed_on: s.signedOn,
      signatories: s.signatories,
      sha256_signed: locked.sha256,
      signature_ids: rows.map((r) => r.id),
    },
  });
  await settleVersion(trx, s.convention.id, { actorId: s.userId, onDate: s.signedOn, cause: 'signature' });
}

/** Why a party cannot sign: status, message key and params, and the field it is shown next to (else over the form). */
export type SigningRefusal = { status: number; key: MessageKey; params?: Params; field?: string };

/**
 * Whether a party may sign this version now (recordSignatures checks again under lock): not a
 * replaced version (409), not at a stage where the case no longer collects signatures, not a
 * party that already signed, nor more signatories than it still needs. `signatories` absent:
 * only what does not depend on the form.
 */
export function signingRefusal(
  accState: string,
  convention: { version: number; voided_at: Date | null },
  party: { name: string; signatories_required: number; signedCount: number },
  signatories?: number,
): SigningRefusal | null {
  if (convention.voided_at)
    return { status: 409, key: 'conventions.sign.outdated', params: { version: convention.version } };
  if (!SIGN_STATES.includes(accState)) return { status: 422, key: 'conventions.sign.wrongState' };
  if (signatories === undefined) return null;
  const remaining = party.signatories_required - party.signedCount;
  if (remaining <= 0) return { status: 422, key: 'conventions.sign.already', params: { party: party.name } };
  if (signatories > remaining)
    return { status: 422, key: 'conventions.sign.tooMany', params: { count: remaining }, field: 'signatory2_name' };
  return null;
}

/**
 * Why recordSignatures found the signature outdated, read again after the refusal: the version was
 * replaced (409, which version), or the party completed its signatures meanwhile.
 */
export async function outdatedRefusal(
  db: Db | Trx,
  convention: { id: string; version: number },
  party: { name: string },
): Promise<SigningRefusal> {
  const fresh = await db('conventions')
    .where({ id: convention.id })
    .first<Pick<ConventionsRow, 'voided_at'> | undefined>('voided_at');
  return fresh?.voided_at
    ? { status: 409, key: 'conventions.sign.outdated', params: { version: convention.version } }
    : { status: 409, key: 'conventions.sign.already', params: { party: party.name } };
}
