/**
 * The convention's commands, callable from a route, a job or the CLI (a transaction and plain data):
 * issuing a version (its PDF, parties, the previous one voided with its signatures, everyone told),
 * recording signatures, reminding the parties still to sign, the admin override of the delivery
 * guard. A version's status moves only through version-lifecycle.ts.
 */
import { createHash } from 'node:crypto';
import { applyTransition } from '../accompaniments/lifecycle';
import type { Db, Trx } from '../platform/db';
import { refuseBefore } from '../platform/dates';
import type { MessageKey, Params } from '../platform/i18n';
import { enqueueMail } from '../platform/mail/outbox';
import type { Upload } from '../platform/uploads';
import { buildConventionContent, type ConventionContent } from './content';
import { newVersionMail, reminderMail, versionReadyMail } from './mails';
import { renderConventionPdf } from './pdf';
import { boardOf, currentConvention, PartyKind, PartyRow, prospectiveParties, recipientsOf } from './queries';
import { boardPath, GENERATE_STATES, SIGN_STATES, type Acc, type Audit } from './route-helpers';
import { templateInForce } from './template';
import { ensureTemplate } from './template-commands';
import { partySettled, settleVersion, transitionVersion } from './version-lifecycle';
import type { Id } from '../platform/id';
import type { AccompanimentsRow, ConsultationsRow, ConventionsRow } from '../platform/db-tables';

/** The case cannot have a (new) version now; the key is the French reason shown over the form. */
export class GenerateRefused extends Error {
  constructor(readonly reasonKey: MessageKey) {
    super(reasonKey);
  }
}

/** Someone generated a version between the PDF's drawing and its recording. */
export class VersionRace extends Error {}

/** The version or the party's signatures changed meanwhile (a new version, the party already signed). */
export class SignatureOutdated extends Error {}

type Party = { kind: PartyKind; id: string; name: string; signatories: number };

export type PreparedVersion = {
  version: number;
  issuedOn: string;
  parties: Party[];
  previous: { id: string; version: number } | null;
  /** What it says (parties, representatives, the template's clauses filled in), stored with it. */
  content: ConventionContent;
  upload: Upload;
};

/**
 * Draws the next version of the convention, dated the day it was issued (chosen by the user,
 * never in the future: the form's schema). That day may not fall before the case's intake, the
 * provider's selection, nor the previous version's issue (DateRefused, next to the field).
 */
export async function prepareVersion(
  db: Db | Trx,
  acc: Acc,
  input: { issued_on: string; two_signatories: string[] },
): Promise<PreparedVersion> {
  if (!GENERATE_STATES.includes(acc.state)) throw new GenerateRefused('conventions.generate.wrongState');
  const { structures, operator, provider } = await prospectiveParties(db, acc);
  if (!provider) throw new GenerateRefused('conventions.generate.noProvider');
  if (!structures.length) throw new GenerateRefused('conventions.generate.noBeneficiary');
  const consultation = await db('consultations')
    .where({ accompaniment_id: acc.id })
    .first<Pick<ConsultationsRow, 'selected_on'> | undefined>('selected_on');
  const previous = await currentConvention(db, acc.id);
  refuseBefore('issued_on', input.issued_on, acc.intake_on, 'conventions.generate.beforeIntake');
  refuseBefore('issued_on', input.issued_on, consultation?.selected_on, 'conventions.generate.beforeSelection');
  refuseBefore('issued_on', input.issued_on, previous?.issued_on, 'conventions.generate.beforePrevious');

  const two = new Set(input.two_signatories);
  const parties: Party[] = [
    ...structures.map((s) => ({ kind: 'structure' as const, id: s.id, name: s.name })),
    { kind: 'operator' as const, id: operator.id, name: operator.name },
    { kind: 'provider' as const, id: provider.id, name: provider.name },
  ].map((p) => ({ ...p, signatories: two.has(p.id) ? 2 : 1 }));

  const maxRow = await db('conventions').where({ accompaniment_id: acc.id }).max('version as v').first();
  const version = Number(maxRow?.v ?? 0) + 1;
  const content = await buildConventionContent(db, acc, {
    version,
    issuedOn: input.issued_on,
    parties,
    provider,
    template: await templateInForce(db, acc.operator_id),
  });
  const buffer = await renderConventionPdf(content);
  const sha256 = createHash('sha256').update(buffer).digest('hex');
  return {
    version,
    issuedOn: input.issued_on,
    parties,
    previous: previous ? { id: previous.id, version: previous.version } : null,
    content,
    upload: {
      buffer,
      filename: `convention-${acc.id}-v${version}.pdf`,
      mimeType: 'application/pdf',
      size: buffer.length,
      sha256,
    },
  };
}

/**
 * The columns a prepared version keeps beside its PDF: its content and the template version it was
 * drawn from (the default stored as the operator's version 1 when it was drawn from it).
 */
export async function versionContentColumns(trx: Trx, operatorId: string, p: PreparedVersion) {
  // Drawn from the default: the operator's version 1, stored now if it never was (a version saved
  // meanwhile is a later one: this version keeps the clauses it was drawn from).
  if (!p.content.template.id) await ensureTemplate(trx, operatorId);
  const templateId =
    p.content.template.id ??
    String(
      (
        await trx('convention_template_versions')
          .where({ operator_id: operatorId, version: 1 })
          .first<{ id: string }>('id')
      ).id,
    );
  const content: ConventionContent = { ...p.content, template: { ...p.content.template, id: templateId } };
  return { template_version_id: templateId, content: JSON.stringify(content) };
}

/**
 * Records a prepared version in the caller's transaction (its PDF stored as `documentId`): the
 * previous version and its signatures are voided, the parties written, everyone concerned told.
 * Answers how many signatures were voided. VersionRace when another version came in between.
 */
export async function recordVersion(
  trx: Trx,
  acc: Acc,
  p: PreparedVersion,
  documentId: string,
  userId: string,
  audit: Audit,
  baseUrl: string,
) {
  await trx('accompaniments').where({ id: acc.id }).forUpdate().first('id');
  const last = await trx('conventions').where({ accompaniment_id: acc.id }).max('version as v').first();
  if (Number(last?.v ?? 0) + 1 !== p.version) throw new VersionRace();
  const before = p.previous
    ? await trx('convention_parties').where({ convention_id: p.previous.id }).select<PartyRow[]>('*')
    : [];
  const move = { actorId: userId, onDate: p.issuedOn };
  // The version in force leaves it (void, its signatures with it) before the new one comes in.
  const voided = p.previous
    ? (await transitionVersion(trx, p.previous.id, 'void', { ...move, cause: 'new_version' })).voidedSignatures
    : [];
  const [conv] = await trx('conventions')
    .insert({
      accompaniment_id: acc.id,
      version: p.version,
      issued_on: p.issuedOn,
      document_id: documentId,
      sha256: p.upload.sha256,
      generated_by: userId,
      ...(await versionContentColumns(trx, acc.operator_id, p)),
    })
    .returning<{ id: Id }[]>('id');
  const conventionId = conv.id;
  await trx('convention_parties').insert(
    p.parties.map((x, i) => ({
      convention_id: conventionId,
      party_kind: x.kind,
      organisation_id: x.id,
      name: x.name,
      position: i + 1,
      signatories_required: x.signatories,
      // The once-a-day reminder limit holds across versions.
      last_reminded_at: before.find((b) => String(b.organisation_id) === x.id)?.last_reminded_at ?? null,
    })),
  );
  await transitionVersion(trx, conventionId, 'issue', { ...move, cause: 'issue' });
  await audit({
    action: 'convention.generate',
    details: {
      convention_id: conventionId,
      version: p.version,
      issued_on: p.issuedOn,
      parties: p.parties.map((x) => ({ kind: x.kind, organisation_id: x.id, signatories: x.signatories })),
    },
  });
  if (p.previous && voided.length) {
    await audit({
      action: 'convention.signatures_voided',
      details: { old_version: p.previous.version, version: p.version, signatures: voided },
    });
    // Everyone concerned by either version hears that the signatures must be given again.
    const concerned = new Map<string, { party_kind: PartyKind; organisation_id: string }>();
    for (const x of [...before, ...p.parties.map((y) => ({ party_kind: y.kind, organisation_id: y.id }))])
      concerned.set(String(x.organisation_id), x);
    const sent = new Set<string>();
    for (const x of concerned.values()) {
      for (const r of await recipientsOf(trx, x, acc)) {
        if (sent.has(r.email)) continue;
        sent.add(r.email);
        await enqueueMail(
          trx,
          newVersionMail({
            to: r.email,
            locale: r.locale === 'en' ? 'en' : 'fr',
            title: acc.title,
            link: `${baseUrl}${boardPath(acc)}`,
            oldVersion: p.previous.version,
            version: p.version,
            voided: voided.length,
          }),
        );
      }
    }
  } else await tellVersionReady(trx, acc, p, baseUrl);
  return voided.length;
}

/**
 * A version issued with no signature to give again (the first one, or a new one before anyone
 * signed): every party but the operator, which issued it, hears it is ready to sign.
 */
async function tellVersionReady(trx: Trx, acc: Acc, p: PreparedVersion, baseUrl: string) {
  const sent = new Set<string>();
  for (const party of p.parties.filter((x) => x.kind !== 'operator')) {
    for (const r of await recipientsOf(trx, { party_kind: party.kind, organisation_id: party.id }, acc)) {
      if (sent.has(r.email)) continue;
      sent.add(r.email);
      const locale = r.locale === 'en' ? 'en' : 'fr';
      const link = `${baseUrl}${boardPath(acc)}`;
      await enqueueMail(
        trx,
        versionReadyMail({ to: r.email, locale, title: acc.title, link, version: p.version, issuedOn: p.issuedOn }),
      );
    }
  }
}

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

export type ReminderResult = { sent: string[]; already: string[]; noAddress: string[] };

/**
 * Reminds every party of the version in force still to sign (a structure that left the case is
 * not chased), one e-mail per party with all its addresses, at most once a day per party
 * (`since`: the start of the office's day). Audited; answers who was reminded, who already was
 * today and who has no address.
 */
export async function remindParties(
  trx: Trx,
  acc: Acc,
  current: { id: string; version: number; issued_on: string },
  opts: { since: Date; baseUrl: string },
  audit: Audit,
): Promise<ReminderResult> {
  const result: ReminderResult = { sent: [], already: [], noAddress: [] };
  for (const p of (await boardOf(trx, current.id)).filter((b) => !partySettled(b))) {
    const to = (await recipientsOf(trx, p, acc)).map((r) => r.email);
    if (!to.length) {
      result.noAddress.push(p.name);
      continue;
    }
    // The conditional update is the once-a-day limit, even for two clicks at the same time.
    const updated = await trx('convention_parties')
      .where({ id: p.id })
      .where((q) => q.whereNull('last_reminded_at').orWhere('last_reminded_at', '<', opts.since))
      .update({ last_reminded_at: trx.fn.now() })
      .returning<{ id: string }[]>('id');
    if (!updated.length) {
      result.already.push(p.name);
      continue;
    }
    await enqueueMail(
      trx,
      reminderMail({
        to: [...new Set(to)],
        title: acc.title,
        party: p.name,
        version: current.version,
        issuedOn: current.issued_on,
        link: `${opts.baseUrl}${boardPath(acc)}`,
      }),
    );
    result.sent.push(p.name);
  }
  await audit({
    action: 'convention.remind',
    details: {
      version: current.version,
      sent: result.sent,
      already_today: result.already,
      no_address: result.noAddress,
    },
  });
  return result;
}

/**
 * An admin lets the case into delivery before the convention is signed by every party: the
 * decision is recorded with its reason (the delivery guard reads it) and audited; a case at the
 * convention stage moves to delivery today through the case's lifecycle. Answers whether it moved.
 */
export async function overrideGuard(
  trx: Trx,
  acc: { id: string },
  input: { reason: string; userId: string; onDate: string },
  audit: Audit,
) {
  const current = await currentConvention(trx, acc.id);
  await trx('convention_overrides').insert({
    accompaniment_id: acc.id,
    convention_id: current?.id ?? null,
    reason: input.reason,
    decided_by: input.userId,
  });
  await audit({
    action: 'convention.override',
    details: { reason: input.reason, convention_id: current?.id ?? null, version: current?.version ?? null },
  });
  const state = await trx('accompaniments').where({ id: acc.id }).first<Pick<AccompanimentsRow, 'state'>>('state');
  if (state.state !== 'convention') return false;
  const result = await applyTransition(trx, acc.id, 'delivery', {
    actorId: input.userId,
    comment: input.reason,
    onDate: input.onDate,
  });
  await audit({ action: 'accompaniment.transition', details: { ...result, comment: input.reason, override: true } });
  return true;
}
