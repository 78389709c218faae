import type { Knex } from 'knex';

const PRECISIONS = "('day', 'early_month', 'mid_month', 'late_month', 'month', 'season', 'year')";

/**
 * The case sheet laid out as the published « Retour d'un accompagnement DLA » (issue 21): the parts
 * only the coordinator can write (tag line, the identity box's summary, a boxed definition, the
 * « Apports du DLA », footnotes, sources and credits), and the sheet's own dated steps, each date
 * with how precisely it is known (src/platform/approx-dates.ts): « mi-octobre 2015 », « courant
 * 2017 ». The steps are prefilled from the record (phases, notices, validations, handoff) and edited
 * before the sheet is generated; the sheet prints no date more precisely than it is recorded here.
 * kind: 'event' (the dated list of the first phase), 'step' (a box of the horizontal timeline, done
 * by its actor: operator, provider, relay), 'outcome' (the timeline's last box). source: the record
 * a step was prefilled from ('withdrawal:<organisation id>', 'handoff'), for the parts that print it.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('case_sheets', (t) => {
    t.text('tag_line');
    t.text('summary');
    t.text('definition_title');
    t.text('definition_text');
    t.text('definition_source');
    t.specificType('contributions', 'text[]').notNullable().defaultTo('{}');
    t.specificType('footnotes', 'text[]').notNullable().defaultTo('{}');
    t.text('sources');
  });
  await knex.schema.createTable('case_sheet_dates', (t) => {
    t.bigIncrements('id');
    t.bigInteger('accompaniment_id').notNullable().references('accompaniments.id').onDelete('CASCADE');
    t.integer('position').notNullable();
    t.text('kind').notNullable();
    t.text('actor');
    t.text('label').notNullable();
    t.date('on_date');
    t.text('on_date_precision').notNullable().defaultTo('day');
    t.date('end_date');
    t.text('end_date_precision').notNullable().defaultTo('day');
    t.text('source');
  });
  await knex.raw(`ALTER TABLE case_sheet_dates
    ADD CONSTRAINT case_sheet_dates_kind_check CHECK (kind in ('event', 'step', 'outcome')),
    ADD CONSTRAINT case_sheet_dates_actor_check CHECK (actor is null or actor in ('operator', 'provider', 'relay')),
    ADD CONSTRAINT case_sheet_dates_precision_check CHECK (on_date_precision in ${PRECISIONS} and end_date_precision in ${PRECISIONS}),
    ADD CONSTRAINT case_sheet_dates_label_check CHECK (length(trim(label)) > 0),
    ADD CONSTRAINT case_sheet_dates_end_check CHECK (end_date is null or on_date is null or end_date >= on_date)`);
  await knex.raw('CREATE INDEX case_sheet_dates_acc_idx ON case_sheet_dates (accompaniment_id, position)');
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('case_sheet_dates');
  await knex.schema.alterTable('case_sheets', (t) => {
    for (const c of [
      'tag_line',
      'summary',
      'definition_title',
      'definition_text',
      'definition_source',
      'contributions',
      'footnotes',
      'sources',
    ])
      t.dropColumn(c);
  });
}
