/**
 * What a convention version says, drawn once when it is issued and stored with it (conventions.content):
 * the parties with their representatives, then the clauses of the operator's template version with
 * the case's values in place of the placeholders (objectives, days and price per phase, funding
 * split, deliverables…). Its PDF (pdf.ts) and its Word twin (docx.ts) both print this content, so
 * an older version keeps its own clauses after the template changes.
 */
import type { Db, Trx } from '../platform/db';
import { formatAmount, pluralCategory, type MessageKey } from '../platform/i18n';
import { date, eur, fr, num } from '../platform/pdf';
import type { Acc } from './route-helpers';
import type { PartyKind } from './queries';
import { fillClause, type Clause, type Placeholder, type TemplateVersion } from './template';

export type Representative = { name: string; role: string };

export type ConventionContent = {
  version: number;
  /** The day the version was issued (chosen by the user), printed as « établie le … ». */
  issuedOn: string;
  title: string;
  /** The template version its clauses come from (id null: the default, stored when the version is recorded). */
  template: { id: string | null; version: number };
  parties: { kind: PartyKind; name: string; signatories: number; representatives: Representative[] }[];
  clauses: Clause[];
};

type PartyIn = { kind: PartyKind; id: string; name: string; signatories: number };
type Provider = { id: string; name: string; proposal_days: string | null; proposal_price_eur: string | null };

/** « A », « A et B », « A, B et C ». */
const joined = (names: string[]) =>
  names.length <= 1 ? (names[0] ?? '') : `${names.slice(0, -1).join(', ')} et ${names[names.length - 1]}`;

const roleLabel = (role: string) => {
  const key = `steeringCommittee.role.${role}` as MessageKey;
  const label = fr(key);
  return label === key ? role : label;
};

/** Who signs first for an organisation: its presidency, then its direction, then anyone else recorded. */
const RANK: Record<string, number> = { president: 0, director: 1, coordinator: 2, consultant: 3 };
const rank = (role: string) => RANK[role] ?? 9;

/**
 * Each party's representatives: the people of that organisation on the case's steering committee,
 * else the structure's contacts, the provider's active consultants, the case's coordinator. Those
 * heading it (presidency, direction; the coordinator, the consultants) when recorded, else the first.
 */
async function representativesOf(db: Db | Trx, acc: Acc, parties: PartyIn[]) {
  const ids = parties.map((p) => p.id);
  const [members, contacts, consultants, coordinator] = [
    await db('steering_committee_members')
      .where({ accompaniment_id: acc.id })
      .whereIn('organisation_id', ids)
      .orderBy('id')
      .select<{ organisation_id: string; name: string; role: string }[]>('organisation_id', 'name', 'role'),
    await db('structure_contacts')
      .whereIn('organisation_id', ids)
      .orderBy('id')
      .select<{ organisation_id: string; name: string; role: string }[]>('organisation_id', 'name', 'role'),
    await db('provider_consultants')
      .whereIn('provider_id', ids)
      .where({ active: true })
      .orderBy('id')
      .select<{ organisation_id: string; name: string }[]>('provider_id as organisation_id', 'name'),
    acc.coordinator_id ? await db('users').where({ id: acc.coordinator_id }).first<{ name: string }>('name') : null,
  ];
  const fallback = (p: PartyIn) => {
    if (p.kind === 'structure') return contacts.filter((c) => String(c.organisation_id) === p.id);
    if (p.kind === 'provider')
      return consultants.filter((c) => String(c.organisation_id) === p.id).map((c) => ({ ...c, role: 'consultant' }));
    return coordinator ? [{ name: coordinator.name, role: 'coordinator' }] : [];
  };
  return new Map(
    parties.map((p) => {
      const own = members.filter((m) => String(m.organisation_id) === p.id);
      const people = [...(own.length ? own : fallback(p))].sort((a, b) => rank(a.role) - rank(b.role));
      const seen = new Set<string>();
      const unique = people.filter((x) => !seen.has(x.name) && seen.add(x.name));
      const heads = unique.filter((x) => rank(x.role) < 9);
      const chosen = (heads.length ? heads : unique).slice(0, p.kind === 'structure' ? 2 : 1);
      return [p.id, chosen.map((x) => ({ name: x.name, role: roleLabel(x.role) }))];
    }),
  );
}

/** The funders and their shares: the envelopes' commitments in force on the case, else the funding recorded on it. */
async function fundingOf(db: Db | Trx, accId: string) {
  const committed = await db('envelope_commitments as c')
    .join('funding_envelopes as e', 'e.id', 'c.envelope_id')
    .join('organisations as o', 'o.id', 'e.funder_id')
    .where({ 'c.accompaniment_id': accId, 'c.status': 'committed' })
    .groupBy('o.id', 'o.name')
    .orderBy('o.name')
    .select<{ name: string; amount: string }[]>('o.name', db.raw('sum(c.amount_eur)::text as amount'));
  if (committed.length) return committed;
  return db('accompaniment_funding as f')
    .join('organisations as o', 'o.id', 'f.funder_id')
    .where('f.accompaniment_id', accId)
    .orderBy('o.name')
    .select<{ name: string; amount: string }[]>('o.name', db.raw('f.amount_eur::text as amount'));
}

type PhaseIn = { name: string; planned_start: string | null; planned_end: string | null; planned_days: string | null };

/**
 * « Phase 1 — Diagnostic : 2 jours d’intervention, soit 2 333,33 € (du … au …) »: each phase's price is
 * its planned days at the day rate; when no phase has planned days, only its name and dates.
 */
function phaseLines(phases: PhaseIn[], rate: number | null) {
  const anyDays = phases.some((p) => p.planned_days !== null);
  return phases.map((p, i) => {
    const base = { n: i + 1, name: p.name };
    const effort =
      p.planned_days === null
        ? fr('conventions.content.phaseNoDays')
        : fr(`conventions.content.phaseEffort.${pluralCategory('fr', p.planned_days) === 'one' ? 'one' : 'other'}`, {
            days: num(p.planned_days),
            price:
              rate !== null
                ? formatAmount('fr', Math.round(Number(p.planned_days) * rate * 100) / 100)
                : fr('conventions.pdf.notSet'),
          });
    const phase = anyDays
      ? fr('conventions.content.phaseWithEffort', { ...base, effort })
      : fr('conventions.content.phase', base);
    return p.planned_start || p.planned_end
      ? fr('conventions.content.phaseDates', { phase, start: date(p.planned_start), end: date(p.planned_end) })
      : phase;
  });
}

const list = (items: string[], empty: string) => (items.length ? items.map((i) => `- ${i}`).join('\n') : empty);

/**
 * The content of the next version: its parties with their representatives and the template's
 * clauses filled with the case as it stands (days and price from the case's budget, else the
 * selected bid; each phase's price its planned days at the day rate).
 */
export async function buildConventionContent(
  db: Db | Trx,
  acc: Acc,
  draft: { version: number; issuedOn: string; parties: PartyIn[]; provider: Provider; template: TemplateVersion },
): Promise<ConventionContent> {
  const { parties, provider, template } = draft;
  const reps = await representativesOf(db, acc, parties);
  const phases = await db('phases')
    .where({ accompaniment_id: acc.id })
    .orderBy([{ column: 'position' }, { column: 'id' }])
    .select<PhaseIn[]>('name', 'planned_start', 'planned_end', 'planned_days');
  const funding = await fundingOf(db, acc.id);
  const deliverables = await db('deliverables')
    .where({ accompaniment_id: acc.id })
    .orderBy([{ column: 'expected_on' }, { column: 'id' }])
    .select<{ title: string; expected_on: string | null }[]>('title', 'expected_on');

  const days = acc.budget_days ?? provider.proposal_days ?? null;
  const amount = acc.budget_eur ?? provider.proposal_price_eur ?? null;
  const rate = days !== null && amount !== null && Number(days) > 0 ? Number(amount) / Number(days) : null;
  const notSet = fr('conventions.pdf.notSet');
  const total = funding.reduce((s, f) => s + Number(f.amount), 0);
  const structures = parties.filter((p) => p.kind === 'structure').map((p) => p.name);

  const values: Record<Placeholder, string> = {
    title: acc.title,
    structures: joined(structures),
    operator: parties.find((p) => p.kind === 'operator')?.name ?? '',
    provider: provider.name,
    funders: joined(funding.map((f) => f.name)),
    days: days !== null ? num(days) : notSet,
    price: amount !== null ? eur(amount) : notSet,
    day_rate: rate !== null ? eur(rate) : notSet,
    start: date(acc.planned_start),
    end: date(acc.planned_end),
    objectives: acc.objectives?.trim() || fr('conventions.content.noObjectives'),
    phases: list(phaseLines(phases, rate), fr('conventions.pdf.noPhases')),
    funding: list(
      funding.map((f) =>
        fr('conventions.content.funding', {
          name: f.name,
          amount: formatAmount('fr', f.amount),
          share: total > 0 ? num(Math.round((Number(f.amount) / total) * 1000) / 10) : '0',
        }),
      ),
      fr('conventions.content.noFunding'),
    ),
    deliverables: list(
      deliverables.map((d) =>
        d.expected_on
          ? fr('conventions.content.deliverableDue', { title: d.title, date: date(d.expected_on) })
          : d.title,
      ),
      fr('conventions.content.noDeliverables'),
    ),
  };
  return {
    version: draft.version,
    issuedOn: draft.issuedOn,
    title: acc.title,
    template: { id: template.id, version: template.version },
    parties: parties.map((p) => ({
      kind: p.kind,
      name: p.name,
      signatories: p.signatories,
      representatives: reps.get(p.id) ?? [],
    })),
    clauses: template.clauses.map((c) => fillClause(c, values)),
  };
}

/** « Intermed, représentée par Odile Perrot (Présidence) » — the line naming a party at the head of the convention. */
export function partyLine(p: ConventionContent['parties'][number]) {
  const who = fr(`conventions.party.${p.kind}` as MessageKey);
  const reps = p.representatives.map((r) => `${r.name} (${r.role})`);
  return reps.length
    ? fr('conventions.content.partyBy', { kind: who, name: p.name, people: joined(reps) })
    : fr('conventions.content.partyLegal', { kind: who, name: p.name });
}

/** A stored content (jsonb) read back; null for a version issued before contents were stored. */
export const storedContent = (v: unknown): ConventionContent | null =>
  v ? ((typeof v === 'string' ? JSON.parse(v) : v) as ConventionContent) : null;
