import { createHash } from 'node:crypto';
import type { Knex } from 'knex';
import type { Accompaniment } from '../src/accompaniments/queries';
import { loadConfig } from '../src/config';
import { prepareVersion, versionContentColumns } from '../src/conventions/commands';
import { recordSignatures } from '../src/conventions/signature-commands';
import { boardOf } from '../src/conventions/parties';
import { CONVENTION_PURPOSE, SCAN_PURPOSE } from '../src/conventions/route-helpers';
import { transitionVersion } from '../src/conventions/version-lifecycle';
import { applyDeliverableTransition } from '../src/deliverables/lifecycle';
import { DELIVERABLE_PURPOSE, insertAction, insertDeliverable } from '../src/deliverables/queries';
import { translate } from '../src/platform/i18n';
import type { Id } from '../src/platform/id';
import { enqueueMail } from '../src/platform/mail/outbox';
import { createPdf, heading } from '../src/platform/pdf';
import type { Storage } from '../src/platform/storage';
import { newStorageKey } from '../src/documents/store';
import type { Upload } from '../src/platform/uploads';
import { buildReportContent, type ReportAccompaniment } from '../src/progress-reports/content';
import { applyReportTransition } from '../src/progress-reports/lifecycle';
import { renderReportPdf } from '../src/progress-reports/pdf';
import { REPORT_PURPOSE, reportRecipients } from '../src/progress-reports/queries';
import { titleToStore } from '../src/progress-reports/title';

/**
 * The Belfort case's documents, each written through its area's commands and dated as it
 * happened (the demo was "recorded at the time": each row's recording instant is its day at 10:00):
 * - the convention issued early January 2016, signed on paper by every party (the four structures,
 *   the DLA, the provider) and recorded from the scanned signed copy on 4 and 5 January 2016;
 * - the provider's action plan, handed in after the last thematic session (20 September 2016),
 *   accepted by the coordinator on 3 October 2016 with its actions published;
 * - a progress report to the funders as of 31 March 2016, sent on 4 April 2016: the DDETS finds
 *   it in its portal as a PDF.
 * Each step is skipped when its record exists, so `npm run seed:demo` stays idempotent.
 */
type Ids = Record<string, string>;

const ISSUED_ON = '2016-01-04';
const at = (day: string) => `${day}T10:00:00+01:00`;
const SIGNATORIES: Record<string, { name: string; capacity: string; on: string }> = {
  'Energie Emploi': { name: 'Bernard Mougin', capacity: 'Président', on: '2016-01-04' },
  Intermed: { name: 'Odile Perrot', capacity: 'Présidente', on: '2016-01-04' },
  Chamois: { name: 'Martine Grosjean', capacity: 'Présidente', on: '2016-01-05' },
  Chacasol: { name: 'Gérard Faivre', capacity: 'Président', on: '2016-01-05' },
  operator: { name: 'Hélène Dubois', capacity: 'Directrice de la MIFE 90', on: '2016-01-05' },
  provider: { name: 'Marc Lefèvre', capacity: 'Consultant, COORACE – fédération nationale', on: '2016-01-05' },
};

/** A generated or scanned file stored as a document of the case, recorded on `day`. */
export async function storeFile(
  trx: Knex.Transaction,
  storage: Storage,
  d: { accompanimentId: string; purpose: string; upload: Upload; by: string; day: string },
) {
  const key = newStorageKey(d.purpose, new Date(at(d.day)));
  await storage.put(key, d.upload.buffer);
  const [row] = await trx('documents')
    .insert({
      accompaniment_id: d.accompanimentId,
      purpose: d.purpose,
      filename: d.upload.filename,
      mime_type: d.upload.mimeType,
      size_bytes: d.upload.size,
      sha256: d.upload.sha256,
      storage_key: key,
      uploaded_by: d.by,
      uploaded_at: at(d.day),
    })
    .returning<{ id: Id }[]>('id');
  return row.id;
}

/** A small PDF of a few paragraphs (the scanned copy, the provider's plan, an invoice). */
export async function simplePdf(filename: string, title: string, paragraphs: string[]): Promise<Upload> {
  const { doc, done } = await createPdf({ title });
  heading(doc, title);
  for (const p of paragraphs) doc.font('Helvetica').fontSize(11).text(p).moveDown(0.5);
  doc.end();
  const buffer = await done;
  return {
    buffer,
    filename,
    mimeType: 'application/pdf',
    size: buffer.length,
    sha256: createHash('sha256').update(buffer).digest('hex'),
  };
}

const audit =
  (trx: Knex.Transaction, accompanimentId: string, userId: string, day: string) =>
  async (a: { action: string; details: Record<string, unknown> }) => {
    await trx('audit_log').insert({
      action: a.action,
      entity_type: 'accompaniment',
      entity_id: accompanimentId,
      actor_id: userId,
      details: JSON.stringify({ ...a.details, demo: true }),
      at: at(day),
    });
  };

/** The convention of January 2016 and every party's signature. Run while the four structures are still parties (before Chamois' exit). */
export async function seedBelfortConvention(
  trx: Knex.Transaction,
  storage: Storage,
  accompanimentId: string,
  users: Ids,
) {
  await seedConvention(trx, storage, accompanimentId, users, {
    issuedOn: ISSUED_ON,
    scanOn: '2016-01-05',
    signatories: SIGNATORIES,
    scanText: [
      'Exemplaire signé par les quatre structures, le DLA (MIFE 90) et le prestataire (COORACE – fédération nationale).',
    ],
  });
}

/**
 * A case's convention issued on `issuedOn` and signed on paper by every party (one signatory each,
 * keyed by the structure's name, 'operator' or 'provider'), recorded from the scanned copy on
 * `scanOn`. Nothing when the case already has a convention.
 */
export async function seedConvention(
  trx: Knex.Transaction,
  storage: Storage,
  accompanimentId: string,
  users: Ids,
  c: {
    issuedOn: string;
    scanOn: string;
    signatories: Record<string, { name: string; capacity: string; on: string }>;
    scanText: string[];
  },
) {
  if (await trx('conventions').where({ accompaniment_id: accompanimentId }).first('id')) return;
  const coordinatorId = users['coordination@jalons.test'];
  const row = await trx('accompaniments as a')
    .join('organisations as op', 'op.id', 'a.operator_id')
    .leftJoin('users as co', 'co.id', 'a.coordinator_id')
    .where('a.id', accompanimentId)
    .first<Accompaniment>('a.*', 'op.name as operator_name', 'co.name as coordinator_name');
  // The case stood in 'convention' when the version was issued (recorded here after the fact).
  const acc: Accompaniment = { ...row, state: 'convention' };
  const prepared = await prepareVersion(trx, acc, { issued_on: c.issuedOn, two_signatories: [] });
  const documentId = await storeFile(trx, storage, {
    accompanimentId,
    purpose: CONVENTION_PURPOSE,
    upload: prepared.upload,
    by: coordinatorId,
    day: c.issuedOn,
  });
  const [conv] = await trx('conventions')
    .insert({
      accompaniment_id: accompanimentId,
      version: prepared.version,
      issued_on: c.issuedOn,
      document_id: documentId,
      sha256: prepared.upload.sha256,
      generated_by: coordinatorId,
      generated_at: at(c.issuedOn),
      ...(await versionContentColumns(trx, acc.operator_id, prepared)),
    })
    .returning<{ id: Id }[]>('id');
  const conventionId = conv.id;
  await trx('convention_parties').insert(
    prepared.parties.map((p, i) => ({
      convention_id: conventionId,
      party_kind: p.kind,
      organisation_id: p.id,
      name: p.name,
      position: i + 1,
      signatories_required: p.signatories,
    })),
  );
  await transitionVersion(trx, conventionId, 'issue', { actorId: coordinatorId, onDate: c.issuedOn, cause: 'issue' });
  await audit(
    trx,
    accompanimentId,
    coordinatorId,
    c.issuedOn,
  )({
    action: 'convention.generate',
    details: { convention_id: conventionId, version: prepared.version, issued_on: c.issuedOn },
  });

  // The signed paper copy, scanned and recorded on the last day of signature.
  const scan = await simplePdf('convention-dla-signee.pdf', 'Convention DLA — exemplaire signé (numérisé)', [
    `${row.title}`,
    ...c.scanText,
  ]);
  const scanId = await storeFile(trx, storage, {
    accompanimentId,
    purpose: SCAN_PURPOSE,
    upload: scan,
    by: coordinatorId,
    day: c.scanOn,
  });
  for (const party of await boardOf(trx, conventionId)) {
    const who = c.signatories[party.party_kind === 'structure' ? party.name : party.party_kind];
    await recordSignatures(
      trx,
      {
        convention: { id: conventionId, version: prepared.version },
        party,
        signatories: [{ name: who.name, capacity: who.capacity }],
        signedOn: who.on,
        method: 'scan',
        scanId,
        userId: coordinatorId,
      },
      audit(trx, accompanimentId, coordinatorId, who.on),
    );
  }
}

const PLAN_ACTIONS = [
  {
    what: 'Mettre en place une comptabilité commune aux trois structures',
    owner: 'Energie Emploi',
    due_on: '2017-03-31',
    status: 'in_progress',
  },
  {
    what: 'Fusionner les logiciels de paie et de comptabilité',
    owner: 'Intermed',
    due_on: '2017-06-30',
    status: 'open',
  },
  {
    what: 'Rédiger les statuts de l’association support du GES',
    owner: 'Chacasol',
    due_on: '2017-06-30',
    status: 'open',
  },
] as const;

/** The provider's action plan: handed in on 20 September 2016, accepted on 3 October 2016. */
export async function seedBelfortActionPlan(
  trx: Knex.Transaction,
  storage: Storage,
  accompanimentId: string,
  org: Ids,
  users: Ids,
) {
  if (await trx('deliverables').where({ accompaniment_id: accompanimentId, type: 'action_plan' }).first('id')) return;
  const providerId = users['prestataire@jalons.test'];
  const coordinatorId = users['coordination@jalons.test'];
  const id = await insertDeliverable(
    trx,
    accompanimentId,
    { type: 'action_plan', title: 'Plan d’actions du GES', expected_on: '2016-09-30' },
    coordinatorId,
  );
  await trx('deliverables')
    .where({ id })
    .update({ created_at: at('2016-01-05') });
  for (const a of PLAN_ACTIONS) {
    await insertAction(
      trx,
      { id, accompaniment_id: accompanimentId },
      { what: a.what, owner_organisation_id: org[a.owner], due_on: a.due_on, status: a.status },
    );
  }
  const plan = await simplePdf('plan-actions-ges.pdf', 'Plan d’actions du GES', [
    'Plans d’actions organisationnel, fiscal et juridique élaborés à partir des huit séances thématiques.',
    ...PLAN_ACTIONS.map((a) => `- ${a.what} (${a.owner})`),
  ]);
  const documentId = await storeFile(trx, storage, {
    accompanimentId,
    purpose: DELIVERABLE_PURPOSE,
    upload: plan,
    by: providerId,
    day: '2016-09-20',
  });
  await trx('deliverable_versions').insert({
    deliverable_id: id,
    version: 1,
    document_id: documentId,
    sha256: plan.sha256,
    uploaded_by: providerId,
    uploaded_at: at('2016-09-20'),
    submitted_on: '2016-09-20',
  });
  await applyDeliverableTransition(trx, id, 'submit', {
    actorId: providerId,
    onDate: '2016-09-20',
    at: at('2016-09-20'),
  });
  await trx('deliverable_comments').insert({
    deliverable_id: id,
    decision: 'accepted',
    body: 'Plan conforme aux décisions du comité de pilotage du 13 septembre.',
    version: 1,
    author_id: coordinatorId,
    decided_on: '2016-10-03',
    created_at: at('2016-10-03'),
  });
  // Accepted: its actions become visible to every party.
  await trx('action_items').where({ deliverable_id: id }).update({ visible: true });
  await applyDeliverableTransition(trx, id, 'accept', {
    actorId: coordinatorId,
    onDate: '2016-10-03',
    at: at('2016-10-03'),
  });
  await audit(
    trx,
    accompanimentId,
    coordinatorId,
    '2016-10-03',
  )({ action: 'deliverable.accepted', details: { deliverable_id: id, version: 1, decided_on: '2016-10-03' } });
}

const REPORT = { milestone: 'phase_done' as const, period_end: '2016-03-31', sent_on: '2016-04-04' };

/** A progress report as of 31 March 2016, sent to the funders on 4 April 2016 (frozen PDF with its SHA-256). */
export async function seedBelfortProgressReport(
  trx: Knex.Transaction,
  storage: Storage,
  accompanimentId: string,
  users: Ids,
) {
  if (await trx('progress_reports').where({ accompaniment_id: accompanimentId }).first('id')) return;
  const coordinatorId = users['coordination@jalons.test'];
  const acc = await trx('accompaniments as a')
    .join('organisations as op', 'op.id', 'a.operator_id')
    .leftJoin('users as co', 'co.id', 'a.coordinator_id')
    .where('a.id', accompanimentId)
    .first<ReportAccompaniment>('a.*', 'op.name as operator_name', 'co.name as coordinator_name');
  const text = {
    milestone: REPORT.milestone,
    title: titleToStore(null, null, REPORT.milestone, REPORT.period_end) ?? '',
    period_end: REPORT.period_end,
    next_steps:
      '- Séances thématiques d’avril à septembre 2016 (développement, fiscalité, parcours d’insertion, finances).\n- Plans d’actions à l’automne.',
    risks: 'La place de Chamois dans le regroupement reste à confirmer.',
    comment: 'Première phase terminée ; la démarche fédère les administrateurs des quatre structures.',
  };
  const [{ id: reportId }] = await trx('progress_reports')
    .insert({ accompaniment_id: accompanimentId, ...text, created_by: coordinatorId, created_at: at(REPORT.sent_on) })
    .returning<{ id: Id }[]>('id');
  const content = await buildReportContent(trx, acc, REPORT.period_end);
  const buffer = await renderReportPdf(content, text, { draft: false });
  const sha256 = createHash('sha256').update(buffer).digest('hex');
  const upload: Upload = {
    buffer,
    filename: `rapport-etape-${reportId}.pdf`,
    mimeType: 'application/pdf',
    size: buffer.length,
    sha256,
  };
  const documentId = await storeFile(trx, storage, {
    accompanimentId,
    purpose: REPORT_PURPOSE,
    upload,
    by: coordinatorId,
    day: REPORT.sent_on,
  });
  await applyReportTransition(trx, reportId, 'sent', {
    actorId: coordinatorId,
    onDate: REPORT.sent_on,
    set: {
      content: JSON.stringify(content),
      document_id: documentId,
      sha256,
      sent_at: at(REPORT.sent_on),
      sent_by: coordinatorId,
    },
    at: at(REPORT.sent_on),
  });
  // One mail per funder address, as the send does, delivered on the day (the demo sends nothing now).
  const { recipients, withoutAddress } = await reportRecipients(trx, accompanimentId);
  for (const r of recipients) {
    const outboxId = await enqueueMail(trx, {
      to: r.email,
      kind: 'progress_report',
      subject: translate('fr', 'progressReports.mail.subject', { title: acc.title }),
      text: translate('fr', 'progressReports.mail.text', {
        report: text.title,
        title: acc.title,
        operator: acc.operator_name,
        link: `${loadConfig().baseUrl}/reports/${reportId}`,
        sha256,
      }),
      attachmentDocumentId: documentId,
    });
    await trx('outbox')
      .where({ id: outboxId })
      .update({
        status: 'sent',
        attempts: 1,
        sent_at: at(REPORT.sent_on),
        created_at: at(REPORT.sent_on),
        next_attempt_at: at(REPORT.sent_on),
      });
    await trx('progress_report_recipients').insert({
      report_id: reportId,
      funder_id: r.funder_id,
      email: r.email,
      outbox_id: outboxId,
    });
  }
  for (const f of withoutAddress)
    await trx('progress_report_recipients').insert({ report_id: reportId, funder_id: f.funder_id, email: null });
  await audit(
    trx,
    accompanimentId,
    coordinatorId,
    REPORT.sent_on,
  )({
    action: 'progress_report.send',
    details: {
      report_id: reportId,
      document_id: documentId,
      sha256,
      recipients: recipients.map((r) => r.email),
    },
  });
}
