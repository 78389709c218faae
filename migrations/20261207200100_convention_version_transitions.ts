import type { Knex } from 'knex';

/**
 * The log of a convention version's status moves (src/conventions/version-lifecycle.ts): draft →
 * issued when it is recorded, issued → signed when its last awaited party signs (or the last one
 * that had not signed leaves the case), signed → issued when such a structure comes back, issued
 * or signed → void when a newer version replaces it. The status itself stays derived from the
 * version's row, its signatures and the structures' withdrawals (one source of truth); this table
 * is the history of its moves, with the day each happened and who caused it.
 *
 * Existing versions get their history back-filled from what is stored: issued on issued_on;
 * signed on the day of the signature that completed it (for a replaced version, the signatures
 * voided with it; for the version in force, a structure that left without signing is not awaited);
 * void on the day the next version was issued.
 */
const STATUSES = ['draft', 'issued', 'signed', 'void'];
const CAUSES = ['issue', 'signature', 'withdrawal', 'rejoin', 'new_version', 'backfill'];

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('convention_version_transitions', (t) => {
    t.bigIncrements('id');
    t.bigInteger('convention_id').notNullable().references('conventions.id').onDelete('CASCADE');
    t.text('from_status').notNullable();
    t.text('to_status').notNullable();
    t.text('cause').notNullable();
    t.date('on_date').notNullable();
    t.bigInteger('actor_id').references('users.id');
    t.timestamp('at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
  });
  const list = (xs: string[]) => xs.map((x) => `'${x}'`).join(', ');
  await knex.raw(`alter table convention_version_transitions
    add constraint convention_version_transitions_from_check check (from_status in (${list(STATUSES)})),
    add constraint convention_version_transitions_to_check check (to_status in (${list(STATUSES.filter((s) => s !== 'draft'))})),
    add constraint convention_version_transitions_cause_check check (cause in (${list(CAUSES)})),
    add constraint convention_version_transitions_move_check check (from_status <> to_status)`);
  await knex.raw(
    'create index convention_version_transitions_conv_idx on convention_version_transitions (convention_id, id)',
  );

  // draft → issued, for every version.
  await knex.raw(`
    insert into convention_version_transitions (convention_id, from_status, to_status, cause, on_date, actor_id, at)
    select c.id, 'draft', 'issued', 'backfill', c.issued_on, c.generated_by, c.generated_at
      from conventions c
     order by c.id`);
  // issued → signed: every party had its signatures (those in force, or voided with the version),
  // or, on the version in force, is a structure that left the case without signing.
  await knex.raw(`
    with party as (
      select c.id as convention_id, p.id as party_id, p.signatories_required,
             (select count(*) from convention_signatures s
               where s.party_id = p.id and (s.voided_at is null or s.voided_at = c.voided_at)) as signed,
             (select max(s.signed_on) from convention_signatures s
               where s.party_id = p.id and (s.voided_at is null or s.voided_at = c.voided_at)) as last_on,
             (select b.withdrawn_on from accompaniment_beneficiaries b
               where c.voided_at is null and p.party_kind = 'structure' and b.status = 'withdrawn'
                 and b.accompaniment_id = c.accompaniment_id and b.organisation_id = p.organisation_id) as withdrawn_on
        from conventions c join convention_parties p on p.convention_id = c.id
    ), done as (
      select convention_id,
             max(case when signed >= signatories_required then last_on else withdrawn_on end) as on_date
        from party
       group by convention_id
      having bool_and(signed >= signatories_required or withdrawn_on is not null)
    )
    insert into convention_version_transitions (convention_id, from_status, to_status, cause, on_date, actor_id)
    select d.convention_id, 'issued', 'signed', 'backfill', greatest(d.on_date, c.issued_on), null
      from done d join conventions c on c.id = d.convention_id
     order by d.convention_id`);
  // → void on the day the next version was issued.
  await knex.raw(`
    insert into convention_version_transitions (convention_id, from_status, to_status, cause, on_date, actor_id, at)
    select c.id,
           case when exists (select 1 from convention_version_transitions t where t.convention_id = c.id and t.to_status = 'signed') then 'signed' else 'issued' end,
           'void', 'backfill', coalesce(n.issued_on, c.issued_on), n.generated_by, c.voided_at
      from conventions c
      left join conventions n on n.accompaniment_id = c.accompaniment_id and n.version = c.version + 1
     where c.voided_at is not null
     order by c.id`);
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('convention_version_transitions');
}
