import type { Knex } from 'knex';

/**
 * The first content of the national lists (reference_items, 20261207900100): Jalons' own lists of the
 * DLA's themes and the social economy's sectors, the legal forms the structure form already offered
 * (src/structures/schemas.ts LEGAL_FORMS, same codes) and the five action types of issue 20.
 *
 * These are NOT an official published nomenclature: they are Jalons' starting lists, drawn from the
 * words DLA operators commonly use, so that figures aggregate across operators. An admin adapts them
 * on /settings/lists (src/reference-lists/): labels and order change, items are added or deactivated;
 * codes never change (rows store them) and deactivated items stay readable on older records.
 *
 * Inserted with "on conflict do nothing": a list an admin already edited is left as it is.
 */
type Item = [code: string, fr: string, en: string];

const THEMES: Item[] = [
  ['project_strategy', 'Projet associatif et stratégie', 'Organisation purpose and strategy'],
  ['governance', 'Gouvernance', 'Governance'],
  ['economic_model', 'Modèle économique', 'Business model'],
  ['funding', 'Financement et recherche de fonds', 'Funding and fundraising'],
  ['human_resources', 'Ressources humaines et emploi', 'Human resources and employment'],
  ['internal_organisation', 'Organisation interne', 'Internal organisation'],
  ['communication', 'Communication et marketing', 'Communication and marketing'],
  ['accounting', 'Comptabilité et gestion financière', 'Accounting and financial management'],
  ['cooperation', 'Mutualisation et coopération', 'Pooling and cooperation'],
  ['business_development', 'Développement commercial', 'Business development'],
  ['digital', 'Numérique', 'Digital'],
  ['partnerships', 'Partenariats et relations avec les pouvoirs publics', 'Partnerships and public authorities'],
  ['social_impact', 'Évaluation de l’utilité sociale', 'Social impact assessment'],
  ['growth', 'Développement et changement d’échelle', 'Growth and scaling up'],
  ['legal', 'Questions juridiques et statutaires', 'Legal form and statutes'],
  ['ecological_transition', 'Transition écologique', 'Ecological transition'],
];

const SECTORS: Item[] = [
  ['insertion', 'Insertion par l’activité économique', 'Work integration (IAE)'],
  ['culture', 'Culture', 'Culture'],
  ['sport', 'Sport', 'Sport'],
  ['social_medico_social', 'Social et médico-social', 'Social care and health care'],
  ['environment', 'Environnement', 'Environment'],
  ['personal_services', 'Services à la personne', 'Personal and home services'],
  ['popular_education', 'Éducation populaire et jeunesse', 'Youth and community education'],
  ['agriculture_food', 'Agriculture et alimentation', 'Agriculture and food'],
  ['tourism', 'Tourisme social et loisirs', 'Social tourism and leisure'],
  ['fair_trade', 'Commerce équitable', 'Fair trade'],
  ['circular_economy', 'Économie circulaire et réemploi', 'Circular economy and reuse'],
  ['housing', 'Logement', 'Housing'],
  ['mobility', 'Mobilité', 'Mobility'],
  ['early_childhood', 'Petite enfance', 'Early childhood'],
  ['other', 'Autre secteur', 'Other sector'],
];

// The codes of src/structures/schemas.ts LEGAL_FORMS, with the labels its catalogue gave them.
const LEGAL_FORMS: Item[] = [
  ['association', 'Association loi 1901', 'Association (loi 1901)'],
  ['scic', 'SCIC', 'SCIC'],
  ['scop', 'SCOP', 'SCOP'],
  ['sas', 'SAS', 'SAS'],
  ['sarl', 'SARL', 'SARL'],
  ['eurl', 'EURL', 'EURL'],
  ['cooperative', 'Coopérative', 'Cooperative'],
  ['fondation', 'Fondation', 'Foundation'],
  ['mutuelle', 'Mutuelle', 'Mutual society'],
  ['other', 'Autre', 'Other'],
];

// The five codes of 20261207900100's header.
const ACTION_TYPES: Item[] = [
  ['individual_consultancy', 'Ingénierie individuelle', 'Individual consultancy'],
  ['collective_consultancy', 'Ingénierie collective', 'Collective consultancy'],
  ['advice', 'Appui-conseil', 'Advice'],
  ['orientation', 'Orientation', 'Orientation'],
  ['local_offer', 'Offre locale', 'Local offer'],
];

const LISTS: Record<string, Item[]> = {
  theme: THEMES,
  sector: SECTORS,
  legal_form: LEGAL_FORMS,
  action_type: ACTION_TYPES,
};

export async function up(knex: Knex): Promise<void> {
  const rows = Object.entries(LISTS).flatMap(([list, items]) =>
    items.map(([code, label_fr, label_en], i) => ({ list, code, label_fr, label_en, position: (i + 1) * 10 })),
  );
  await knex('reference_items').insert(rows).onConflict(['list', 'code']).ignore();
}

export async function down(knex: Knex): Promise<void> {
  for (const [list, items] of Object.entries(LISTS)) {
    await knex('reference_items')
      .where({ list })
      .whereIn(
        'code',
        items.map(([code]) => code),
      )
      .del();
  }
}
