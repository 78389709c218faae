/**
 * The convention's commands, callable from a route, a job or the CLI (a transaction and plain data).
 * Here, issuing a version: its PDF, parties, the previous one voided with its signatures, everyone
 * told. Recording signatures: signature-commands.ts; reminding the parties still to sign and the
 * admin override of the delivery guard: reminder-commands.ts. A version's status moves only through
 * version-lifecycle.ts.
 */
import { createHash } from 'node:crypto';
import type { Db, Trx } from '../platform/db';
import { refuseBefore } from '../platform/dates';
import type { MessageKey } from '../platform/i18n';
import { enqueueMail } from '../platform/mail/outbox';
import type { Upload } from '../platform/uploads';
import { buildConventionContent, type ConventionContent } from './content';
import { newVersionMail, versionReadyMail } from './mails';
import { renderConventionPdf } from './pdf';
import { prospectiveParties, recipientsOf } from './parties';
import { currentConvention, PartyKind, PartyRow } from './queries';
import { boardPath, GENERATE_STATES, type Acc, type Audit } from './route-helpers';
import { templateInForce } from './template';
import { ensureTemplate } from './template-commands';
import { transitionVersion } from './version-lifecycle';
import type { Id } from '../platform/id';
import type { ConsultationsRow } from '../platform/db-tables';

/** The case cannot have a (new) version now; the key is the French reason shown over the form. */
export class GenerateRefused extends Error {
  constructor(readonly reasonKey: MessageKey) {
    super(reasonKey);
  }
}

/** Someone generated a version between the PDF's drawing and its recording. */
export class VersionRace extends Error {}

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
