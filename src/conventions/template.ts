/**
 * The operator's convention template: its clauses (a title and a text with placeholders such as
 * {structures} or {price}), edited by the operator's direction or admin on /settings/convention-template,
 * each save a new version (template-commands.ts). Until an operator edits it, Jalons' default below
 * applies (the migration stores it as every operator's version 1). A convention version is drawn from
 * one template version (content.ts fills the placeholders) and records it.
 *
 * The clauses are the operator's own words, so they are data, not interface text: French, whatever
 * the reader's language, like the convention itself.
 */
import type { Db, Trx } from '../platform/db';

export type Clause = { title: string; text: string };

/** Every placeholder a clause may hold, and what it prints (the edit page lists them). */
export const PLACEHOLDERS = [
  'title',
  'structures',
  'operator',
  'provider',
  'funders',
  'days',
  'price',
  'day_rate',
  'start',
  'end',
  'objectives',
  'phases',
  'funding',
  'deliverables',
] as const;
export type Placeholder = (typeof PLACEHOLDERS)[number];

const PLACEHOLDER = /\{([a-z_]+)\}/g;

/** The placeholders a text names that Jalons does not know (a typo would print as is). */
export function unknownPlaceholders(text: string): string[] {
  return [...text.matchAll(PLACEHOLDER)]
    .map((m) => m[1])
    .filter((name) => !(PLACEHOLDERS as readonly string[]).includes(name));
}

/** A clause's text with its placeholders replaced by the case's values. */
export const fillClause = (c: Clause, values: Record<Placeholder, string>): Clause => ({
  title: c.title,
  text: c.text.replace(PLACEHOLDER, (whole, name: string) => (name in values ? values[name as Placeholder] : whole)),
});

/** French spacing: a no-break space before « : ; ? ! » » and after « «. */
const frenchSpaces = (s: string) => s.replace(/ ([:;?!»])/g, '\u00a0$1').replace(/« /g, '«\u00a0');

/** Jalons' default clauses: those of a DLA multi-party convention. */
export const DEFAULT_CLAUSES: readonly Clause[] = (
  [
    [
      'Objet',
      'La présente convention organise l’accompagnement « {title} », réalisé dans le cadre du Dispositif local d’accompagnement (DLA) au bénéfice de {structures}.\nSes objectifs sont les suivants :\n{objectives}',
    ],
    [
      'Parties',
      'La convention est conclue entre {structures}, structures accompagnées, {operator}, structure porteuse du DLA, et {provider}, prestataire retenu à l’issue de la consultation. Chaque partie est représentée par les personnes nommées en tête de la présente convention et signe la présente version.',
    ],
    [
      'Durée',
      'La convention prend effet à sa signature par l’ensemble des parties. L’accompagnement se déroule du {start} au {end}. La convention prend fin à la remise du dernier livrable et au paiement du solde au prestataire.',
    ],
    [
      'Contenu et calendrier des phases',
      'Nombre de jours d’intervention : {days}\nLe prestataire conduit l’accompagnement selon les phases suivantes, dont le comité de pilotage suit l’avancement :\n{phases}\nToute modification du contenu ou du calendrier des phases est validée par le comité de pilotage ; si elle change les jours ou le prix, elle fait l’objet d’une nouvelle version de la convention.',
    ],
    [
      'Prix et modalités de paiement',
      'Montant de l’intervention : {price}\nPrix de journée : {day_rate}\nL’accompagnement est gratuit pour les structures accompagnées : son prix est pris en charge par le DLA. {operator} règle le prestataire sur facture, phase par phase, après attestation du service fait, par virement dans les trente jours suivant la réception de la facture.',
    ],
    ['Répartition du financement', 'L’accompagnement est financé comme suit :\n{funding}'],
    [
      'Livrables et propriété',
      'Le prestataire remet les livrables suivants :\n{deliverables}\nLes documents produits au cours de l’accompagnement (diagnostic, comptes rendus, livrables, plans d’action) appartiennent aux structures accompagnées, qui en disposent librement. Le prestataire peut citer la démarche à titre de référence ; il ne reproduit ni ne diffuse ces documents sans l’accord écrit des structures concernées.',
    ],
    [
      'Confidentialité',
      'Les parties gardent confidentielles les informations dont elles ont connaissance au cours de l’accompagnement, notamment sur la situation financière, sociale et stratégique des structures. Les financeurs du DLA reçoivent les rapports d’étape prévus par le dispositif ; les livrables ne leur sont communiqués qu’avec l’accord de la structure concernée. Cette obligation demeure après la fin de la convention.',
    ],
    [
      'Retrait d’une partie',
      'Une structure accompagnée peut se retirer de l’accompagnement à tout moment, par un écrit adressé à {operator} qui en précise les motifs. Elle conserve les documents produits pour elle. L’accompagnement se poursuit avec les autres structures ; une nouvelle version de la convention, signée des parties restantes, en précise les conséquences sur le contenu, les jours et le prix.',
    ],
    [
      'Résiliation',
      'En cas de manquement grave d’une partie à ses obligations, resté sans effet quinze jours après une mise en demeure, {operator} peut résilier la convention par lettre recommandée avec accusé de réception. Les jours réalisés jusqu’à la résiliation sont payés au prestataire au prix de journée.',
    ],
    [
      'Litiges',
      'Les parties recherchent d’abord une solution amiable, le cas échéant en comité de pilotage. À défaut, le litige est porté devant le tribunal compétent du ressort du siège de {operator}.',
    ],
  ] as const
).map(([title, text]) => ({ title: frenchSpaces(title), text: frenchSpaces(text) }));

export type TemplateVersion = {
  id: string | null;
  version: number;
  clauses: Clause[];
  created_at: Date | null;
  created_by_name: string | null;
};

const isClause = (c: unknown): c is Clause =>
  typeof c === 'object' &&
  c !== null &&
  'title' in c &&
  typeof c.title === 'string' &&
  'text' in c &&
  typeof c.text === 'string';

const clausesOf = (v: unknown): Clause[] => {
  const list: unknown = typeof v === 'string' ? JSON.parse(v) : v;
  return Array.isArray(list) ? list.filter(isClause).map((c) => ({ title: c.title, text: c.text })) : [];
};

const versionsQuery = (db: Db | Trx, operatorId: string) =>
  db('convention_template_versions as v')
    .leftJoin('users as u', 'u.id', 'v.created_by')
    .where('v.operator_id', operatorId)
    .orderBy('v.version', 'desc');

/** The template in force at an operator: its latest version, or the default when it has none yet (id null). */
export async function templateInForce(db: Db | Trx, operatorId: string): Promise<TemplateVersion> {
  const row = await versionsQuery(db, operatorId).first<
    { id: string; version: number; clauses: unknown; created_at: Date; created_by_name: string | null } | undefined
  >('v.id', 'v.version', 'v.clauses', 'v.created_at', 'u.name as created_by_name');
  if (!row) return { id: null, version: 1, clauses: [...DEFAULT_CLAUSES], created_at: null, created_by_name: null };
  return { ...row, id: String(row.id), clauses: clausesOf(row.clauses) };
}

/** Every version of an operator's template, the latest first, without their clauses. */
export function templateVersions(db: Db | Trx, operatorId: string) {
  return versionsQuery(db, operatorId).select<
    { id: string; version: number; created_at: Date; created_by_name: string | null }[]
  >('v.id', 'v.version', 'v.created_at', 'u.name as created_by_name');
}
