import type { Knex } from 'knex';

/**
 * Issue 20, the operator's year: the tables every area of it builds on (a contract: later changes go in
 * later migrations, never here).
 *
 * - reference_items: the national lists (themes, sectors, legal forms, action types) with stable codes,
 *   editable by an admin (src/reference-lists/). Codes are what rows store; labels are what screens show.
 *   Action type codes: 'individual_consultancy', 'collective_consultancy', 'advice', 'orientation',
 *   'local_offer' (a consultancy's type follows its accompaniment's kind).
 * - funding_envelopes: a funder's envelope for an operator and a year (src/envelopes/), with its
 *   conditions (eligible action types, départements; empty = no condition).
 * - envelope_commitments: an action's amount committed on an envelope (at the convention); over the
 *   envelope only with the director's reason (over_envelope_reason). Status committed → released.
 * - purchase_orders, provider_invoices, service_certifications, payments: paying the provider
 *   (src/payments/). Amounts are euros with cents (numeric), never floats. What an envelope counts as
 *   ordered, certified, invoiced and paid is the amount including VAT (what the operator spends).
 * - provider_profiles, provider_consultants: the provider base (src/providers/); consultation_bids gains
 *   why a provider was invited and whether Jalons suggested it.
 * - structure_headcounts: a structure's headcounts as dated snapshots (src/headcounts/), at the
 *   diagnostic and at each follow-up checkpoint; impact is the difference between two snapshots.
 *
 * Every status has its transition log (…_transitions), written only by its area's lifecycle.ts.
 */
const transitions = (knex: Knex, table: string, parent: string, parentTable: string) =>
  knex.schema.createTable(table, (t) => {
    t.bigIncrements('id');
    t.bigInteger(parent).notNullable().references(`${parentTable}.id`).onDelete('CASCADE');
    t.text('event').notNullable();
    t.text('from_status');
    t.text('to_status').notNullable();
    t.date('happened_on').notNullable();
    t.bigInteger('actor_id').references('users.id');
    t.text('reason');
    t.timestamp('at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
  });

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('reference_items', (t) => {
    t.text('list').notNullable();
    t.text('code').notNullable();
    t.text('label_fr').notNullable();
    t.text('label_en').notNullable();
    t.integer('position').notNullable().defaultTo(0);
    t.boolean('active').notNullable().defaultTo(true);
    t.timestamp('updated_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.primary(['list', 'code']);
  });
  await knex.raw(`alter table reference_items add constraint reference_items_check
    check (list in ('theme','sector','legal_form','action_type') and code ~ '^[a-z0-9][a-z0-9_]*$'
      and length(trim(label_fr)) > 0 and length(trim(label_en)) > 0)`);

  await knex.schema.createTable('funding_envelopes', (t) => {
    t.bigIncrements('id');
    t.bigInteger('operator_id').notNullable().references('organisations.id');
    t.bigInteger('funder_id').notNullable().references('organisations.id');
    t.integer('year').notNullable();
    t.text('label').notNullable();
    t.decimal('amount_eur', 14, 2).notNullable();
    t.specificType('eligible_action_types', 'text[]').notNullable().defaultTo('{}');
    t.specificType('departments', 'text[]').notNullable().defaultTo('{}');
    t.text('notes');
    t.bigInteger('created_by').references('users.id');
    t.integer('lock_version').notNullable().defaultTo(0);
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.timestamp('updated_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
  });
  await knex.raw(`alter table funding_envelopes add constraint funding_envelopes_check
    check (amount_eur >= 0 and year between 2000 and 2100 and length(trim(label)) > 0)`);
  await knex.raw(
    'create unique index funding_envelopes_unique on funding_envelopes (operator_id, funder_id, year, lower(label))',
  );
  await knex.raw('create index funding_envelopes_funder_idx on funding_envelopes (funder_id, year)');

  await knex.schema.createTable('envelope_commitments', (t) => {
    t.bigIncrements('id');
    t.bigInteger('envelope_id').notNullable().references('funding_envelopes.id');
    t.bigInteger('accompaniment_id').notNullable().references('accompaniments.id').onDelete('CASCADE');
    t.decimal('amount_eur', 14, 2).notNullable();
    t.date('committed_on').notNullable();
    t.text('status').notNullable().defaultTo('committed');
    // Set when the director confirmed a commitment beyond what is left on the envelope (audited too).
    t.text('over_envelope_reason');
    t.bigInteger('created_by').references('users.id');
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.unique(['envelope_id', 'accompaniment_id']);
  });
  await knex.raw(`alter table envelope_commitments add constraint envelope_commitments_check
    check (amount_eur > 0 and status in ('committed','released'))`);
  await knex.raw('create index envelope_commitments_acc_idx on envelope_commitments (accompaniment_id)');
  await transitions(knex, 'envelope_commitment_transitions', 'commitment_id', 'envelope_commitments');

  await knex.schema.createTable('purchase_orders', (t) => {
    t.bigIncrements('id');
    t.bigInteger('commitment_id').notNullable().references('envelope_commitments.id');
    t.bigInteger('accompaniment_id').notNullable().references('accompaniments.id').onDelete('CASCADE');
    t.bigInteger('provider_id').notNullable().references('organisations.id');
    t.bigInteger('bid_id').references('consultation_bids.id');
    // The operator's own numbering (unique per operator, e.g. BC-2026-0042).
    t.bigInteger('operator_id').notNullable().references('organisations.id');
    t.text('number').notNullable();
    t.date('issued_on').notNullable();
    t.decimal('amount_excl_vat_eur', 14, 2).notNullable();
    t.decimal('amount_incl_vat_eur', 14, 2).notNullable();
    t.text('status').notNullable().defaultTo('issued');
    t.bigInteger('created_by').references('users.id');
    t.integer('lock_version').notNullable().defaultTo(0);
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.unique(['operator_id', 'number']);
  });
  await knex.raw(`alter table purchase_orders add constraint purchase_orders_check
    check (amount_excl_vat_eur > 0 and amount_incl_vat_eur >= amount_excl_vat_eur
      and status in ('issued','cancelled','closed'))`);
  await knex.raw('create index purchase_orders_acc_idx on purchase_orders (accompaniment_id)');
  await knex.raw('create index purchase_orders_provider_idx on purchase_orders (provider_id, status)');
  await knex.raw('create index purchase_orders_commitment_idx on purchase_orders (commitment_id)');
  await transitions(knex, 'purchase_order_transitions', 'purchase_order_id', 'purchase_orders');

  await knex.schema.createTable('provider_invoices', (t) => {
    t.bigIncrements('id');
    t.bigInteger('purchase_order_id').notNullable().references('purchase_orders.id');
    t.bigInteger('provider_id').notNullable().references('organisations.id');
    t.text('number').notNullable();
    t.date('invoiced_on').notNullable();
    t.decimal('amount_excl_vat_eur', 14, 2).notNullable();
    t.decimal('amount_incl_vat_eur', 14, 2).notNullable();
    // The invoice's PDF (documents.purpose 'provider_invoice'), checked from its bytes on upload.
    t.bigInteger('document_id').references('documents.id');
    t.text('status').notNullable().defaultTo('submitted');
    t.bigInteger('uploaded_by').references('users.id');
    t.integer('lock_version').notNullable().defaultTo(0);
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.unique(['provider_id', 'number']);
  });
  await knex.raw(`alter table provider_invoices add constraint provider_invoices_check
    check (amount_excl_vat_eur > 0 and amount_incl_vat_eur >= amount_excl_vat_eur
      and status in ('submitted','rejected','paid'))`);
  await knex.raw('create index provider_invoices_po_idx on provider_invoices (purchase_order_id)');
  await transitions(knex, 'provider_invoice_transitions', 'invoice_id', 'provider_invoices');

  // The attestation de service fait: the coordinator certifies the service done on an order (for a
  // phase when the order is paid by phase), once its deliverables are accepted and its sessions held.
  await knex.schema.createTable('service_certifications', (t) => {
    t.bigIncrements('id');
    t.bigInteger('purchase_order_id').notNullable().references('purchase_orders.id');
    t.bigInteger('phase_id').references('phases.id');
    t.date('certified_on').notNullable();
    t.decimal('amount_eur', 14, 2).notNullable();
    t.text('note');
    t.bigInteger('certified_by').references('users.id');
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
  });
  await knex.raw(
    'alter table service_certifications add constraint service_certifications_check check (amount_eur > 0)',
  );
  await knex.raw('create index service_certifications_po_idx on service_certifications (purchase_order_id)');

  await knex.schema.createTable('payments', (t) => {
    t.bigIncrements('id');
    t.bigInteger('invoice_id').notNullable().references('provider_invoices.id');
    t.date('paid_on').notNullable();
    t.decimal('amount_eur', 14, 2).notNullable();
    t.text('reference');
    t.bigInteger('recorded_by').references('users.id');
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
  });
  await knex.raw('alter table payments add constraint payments_check check (amount_eur > 0)');
  await knex.raw('create index payments_invoice_idx on payments (invoice_id)');
  await knex.raw('create index payments_paid_on_idx on payments (paid_on)');

  await knex.schema.createTable('provider_profiles', (t) => {
    t.bigInteger('organisation_id').primary().references('organisations.id').onDelete('CASCADE');
    t.text('listing_status').notNullable().defaultTo('pending');
    t.date('listing_status_on').notNullable();
    // When the listing must be renewed (yearly); a reminder goes out before.
    t.date('renewal_due_on');
    t.specificType('themes', 'text[]').notNullable().defaultTo('{}');
    t.specificType('sectors', 'text[]').notNullable().defaultTo('{}');
    t.specificType('departments', 'text[]').notNullable().defaultTo('{}');
    t.text('description');
    t.timestamp('renewal_reminder_sent_at', { useTz: true });
    t.integer('lock_version').notNullable().defaultTo(0);
    t.timestamp('updated_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
  });
  await knex.raw(`alter table provider_profiles add constraint provider_profiles_check
    check (listing_status in ('listed','pending','not_listed'))`);
  await transitions(knex, 'provider_listing_transitions', 'provider_id', 'organisations');

  await knex.schema.createTable('provider_consultants', (t) => {
    t.bigIncrements('id');
    t.bigInteger('provider_id').notNullable().references('organisations.id').onDelete('CASCADE');
    t.text('name').notNullable();
    t.text('email');
    t.text('phone');
    t.specificType('themes', 'text[]').notNullable().defaultTo('{}');
    t.bigInteger('user_id').references('users.id');
    t.boolean('active').notNullable().defaultTo(true);
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
  });
  await knex.raw('create index provider_consultants_provider_idx on provider_consultants (provider_id)');

  await knex.schema.alterTable('consultation_bids', (t) => {
    t.text('invitation_reason');
    t.boolean('suggested').notNullable().defaultTo(false);
  });

  await knex.schema.createTable('structure_headcounts', (t) => {
    t.bigIncrements('id');
    t.bigInteger('organisation_id').notNullable().references('organisations.id').onDelete('CASCADE');
    // The date the figures describe (chosen by the user), besides when they were recorded.
    t.date('recorded_on').notNullable();
    t.text('occasion').notNullable();
    t.bigInteger('pathway_id').references('pathways.id').onDelete('SET NULL');
    t.bigInteger('pathway_checkpoint_id').references('pathway_checkpoints.id').onDelete('SET NULL');
    t.bigInteger('follow_up_checkpoint_id').references('follow_up_checkpoints.id').onDelete('SET NULL');
    t.bigInteger('accompaniment_id').references('accompaniments.id').onDelete('SET NULL');
    t.integer('employees_cdi');
    t.integer('employees_cdd');
    t.integer('employees_assisted');
    t.integer('employees_insertion');
    t.decimal('fte', 9, 2);
    t.integer('volunteers');
    t.decimal('annual_budget_eur', 14, 2);
    t.bigInteger('recorded_by').references('users.id');
    t.timestamp('recorded_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
  });
  await knex.raw(`alter table structure_headcounts add constraint structure_headcounts_check
    check (occasion in ('diagnostic','checkpoint','other')
      and coalesce(employees_cdi, 0) >= 0 and coalesce(employees_cdd, 0) >= 0
      and coalesce(employees_assisted, 0) >= 0 and coalesce(employees_insertion, 0) >= 0
      and coalesce(fte, 0) >= 0 and coalesce(volunteers, 0) >= 0 and coalesce(annual_budget_eur, 0) >= 0)`);
  await knex.raw('create index structure_headcounts_org_idx on structure_headcounts (organisation_id, recorded_on)');
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('consultation_bids', (t) => {
    t.dropColumn('invitation_reason');
    t.dropColumn('suggested');
  });
  for (const table of [
    'structure_headcounts',
    'provider_consultants',
    'provider_listing_transitions',
    'provider_profiles',
    'payments',
    'service_certifications',
    'provider_invoice_transitions',
    'provider_invoices',
    'purchase_order_transitions',
    'purchase_orders',
    'envelope_commitment_transitions',
    'envelope_commitments',
    'funding_envelopes',
    'reference_items',
  ]) {
    await knex.schema.dropTable(table);
  }
}
