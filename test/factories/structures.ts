import type { Db } from '../../src/platform/db';

let seq = 0;
const next = () => `${Date.now().toString(36)}${(seq++).toString(36)}`;

/** A fresh SIRET with a right Luhn key (never La Poste's SIREN, which has its own rule). */
export function validSiret(): string {
  for (;;) {
    const body = Array.from({ length: 13 }, () => Math.floor(Math.random() * 10)).join('');
    if (body.startsWith('356000000')) continue;
    for (let key = 0; key < 10; key++) {
      const candidate = body + key;
      let sum = 0;
      for (let i = 0; i < 14; i++) {
        let d = Number(candidate[13 - i]);
        if (i % 2 === 1) {
          d *= 2;
          if (d > 9) d -= 9;
        }
        sum += d;
      }
      if (sum % 10 === 0) return candidate;
    }
  }
}

type StructureOverrides = Partial<{
  name: string;
  siret: string | null;
  department: string | null;
  legal_form: string | null;
  siae_type: string | null;
  taxable: boolean;
  activities: string[];
  employees: number | null;
  employees_in_insertion: number | null;
}>;

/** A beneficiary structure: an organisation of kind 'structure' and its structures row. */
export async function createStructure(db: Db, o: StructureOverrides = {}) {
  const org = {
    kind: 'structure',
    name: o.name ?? `Structure ${next()}`,
    siret: o.siret ?? null,
    department: o.department === undefined ? '90' : o.department,
  };
  const [{ id }] = await db('organisations').insert(org).returning('id');
  const details = {
    organisation_id: id,
    legal_form: o.legal_form ?? 'association',
    siae_type: o.siae_type === undefined ? 'ACI' : o.siae_type,
    taxable: o.taxable ?? false,
    activities: o.activities ?? [],
    employees: o.employees === undefined ? 10 : o.employees,
    employees_in_insertion: o.employees_in_insertion === undefined ? 8 : o.employees_in_insertion,
  };
  await db('structures').insert(details);
  return { id: String(id), ...org, ...details };
}

/** An accompaniment of an operator, straight in the database (its own routes are tested elsewhere). */
export async function createAccompanimentOf(
  db: Db,
  operatorId: string,
  o: Partial<{ title: string; state: string; intake_on: string }> = {},
) {
  const row = {
    operator_id: operatorId,
    title: o.title ?? `Accompagnement ${next()}`,
    kind: 'collective',
    state: o.state ?? 'intake',
    intake_on: o.intake_on ?? '2015-09-01',
  };
  const [{ id }] = await db('accompaniments').insert(row).returning('id');
  return { id: String(id), ...row };
}

export async function addBeneficiaryRow(
  db: Db,
  accompanimentId: string,
  organisationId: string,
  o: Partial<{ joined_on: string; withdrawn_on: string; withdrawal_reasons: string }> = {},
) {
  const withdrawn = Boolean(o.withdrawn_on);
  await db('accompaniment_beneficiaries').insert({
    accompaniment_id: accompanimentId,
    organisation_id: organisationId,
    status: withdrawn ? 'withdrawn' : 'active',
    joined_on: o.joined_on ?? '2015-09-01',
    withdrawn_on: o.withdrawn_on ?? null,
    withdrawal_reasons: withdrawn ? (o.withdrawal_reasons ?? 'Besoin de temps.') : null,
  });
}

export async function fundAccompaniment(db: Db, accompanimentId: string, funderId: string, amountEur = '1000') {
  await db('accompaniment_funding').insert({
    accompaniment_id: accompanimentId,
    funder_id: funderId,
    amount_eur: amountEur,
  });
}

/** The provider's bid is the selected one: the accompaniment enters the provider's scope. */
export async function selectProvider(db: Db, accompanimentId: string, providerId: string) {
  await db('consultation_bids').insert({
    accompaniment_id: accompanimentId,
    provider_id: providerId,
    invited_on: '2015-11-01',
    status: 'selected',
  });
}
