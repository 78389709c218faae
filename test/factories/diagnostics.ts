import type { Db } from '../../src/platform/db';
import { createOrganisation, createUser } from './index';

let seq = 0;

/** An operator team and one of its cases, with named beneficiary structures (all active). */
export async function diagnosticCase(db: Db, opts: { state?: string; structures?: string[] } = {}) {
  const operator = await createOrganisation(db, { kind: 'operator' });
  const coordinator = await createUser(db, {
    role: 'coordinator',
    organisation_id: operator.id,
    name: 'Claire Coordination',
  });
  const [{ id }] = await db('accompaniments')
    .insert({
      operator_id: operator.id,
      coordinator_id: coordinator.id,
      title: `Appui au regroupement ${++seq}`,
      kind: 'collective',
      state: opts.state ?? 'diagnostic',
      intake_on: '2015-07-01',
      department: '90',
    })
    .returning('id');
  const structures: { id: string; name: string }[] = [];
  for (const name of opts.structures ?? ['Energie Emploi', 'Intermed']) {
    const org = await createOrganisation(db, { kind: 'structure', name: `${name} ${seq}-${structures.length}` });
    await db('accompaniment_beneficiaries').insert({
      accompaniment_id: id,
      organisation_id: org.id,
      status: 'active',
      joined_on: '2015-07-01',
    });
    structures.push({ id: org.id, name: org.name });
  }
  return { operator, coordinator, acc: { id: String(id) }, structures };
}

export async function writeDiagnostic(
  db: Db,
  accompanimentId: string,
  d: Partial<{ findings: string; context: string; recommendations: string; days: number; written_on: string }> = {},
  objectives: { theme: string; aim: string }[] = [],
) {
  await db('diagnostics').insert({
    accompaniment_id: accompanimentId,
    findings: d.findings ?? 'Compétences inégales en RH, communication, comptabilité et logistique.',
    context: d.context ?? 'Baisse des subventions pour les quatre structures.',
    recommendations: d.recommendations ?? 'Structurer la réflexion sur la mutualisation.',
    days: d.days ?? 5,
    written_on: d.written_on ?? '2015-10-01',
  });
  if (objectives.length) {
    await db('diagnostic_objectives').insert(
      objectives.map((o, i) => ({ accompaniment_id: accompanimentId, ...o, position: i + 1 })),
    );
  }
}

export async function recordValidation(
  db: Db,
  accompanimentId: string,
  organisationId: string,
  by = 'Odile Perrot',
  on = '2015-10-15',
) {
  await db('diagnostic_validations').insert({
    accompaniment_id: accompanimentId,
    organisation_id: organisationId,
    validated_on: on,
    validated_by_name: by,
  });
}

export async function withdraw(db: Db, accompanimentId: string, organisationId: string) {
  await db('accompaniment_beneficiaries')
    .where({ accompaniment_id: accompanimentId, organisation_id: organisationId })
    .update({ status: 'withdrawn', withdrawn_on: '2015-10-01', withdrawal_reasons: 'Besoin de temps.' });
}

/** A provider organisation whose bid was selected for the case, and one of its users. */
export async function selectedProvider(db: Db, accompanimentId: string) {
  const provider = await createOrganisation(db, { kind: 'provider' });
  await db('consultation_bids').insert({
    accompaniment_id: accompanimentId,
    provider_id: provider.id,
    invited_on: '2015-11-01',
    status: 'selected',
  });
  return createUser(db, { role: 'provider', organisation_id: provider.id });
}

/** A funder paying part of the case, and one of its users. */
export async function funderOf(db: Db, accompanimentId: string) {
  const funder = await createOrganisation(db, { kind: 'funder' });
  await db('accompaniment_funding').insert({
    accompaniment_id: accompanimentId,
    funder_id: funder.id,
    amount_eur: 4000,
  });
  return createUser(db, { role: 'funder', organisation_id: funder.id });
}

/** A small but well-formed one-page PDF (with a correct cross-reference table). */
export function tinyPdf(text = 'Diagnostic partagé signé'): Buffer {
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    null, // the content stream, below
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ];
  const stream = `BT /F1 18 Tf 72 770 Td (${text.normalize('NFD').replace(/[^\x20-\x7e]/g, '')}) Tj ET`;
  objects[3] = `<< /Length ${stream.length} >>\nstream\n${stream}\nendstream`;
  let out = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((body, i) => {
    offsets.push(Buffer.byteLength(out, 'latin1'));
    out += `${i + 1} 0 obj\n${body}\nendobj\n`;
  });
  const xref = Buffer.byteLength(out, 'latin1');
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const o of offsets) out += `${String(o).padStart(10, '0')} 00000 n \n`;
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(out, 'latin1');
}

/** A beneficiary user of a structure. */
export function beneficiaryOf(db: Db, organisationId: string, name = 'Odile Perrot') {
  return createUser(db, { role: 'beneficiary', organisation_id: organisationId, name });
}
