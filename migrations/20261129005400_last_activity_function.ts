import type { Knex } from 'knex';

/**
 * The latest recorded activity of an accompaniment as a PL/pgSQL function (src/close-out/stalled.ts
 * explains what counts). It was one SQL expression of eight correlated sub-selects inlined in every
 * list query; measured on the national data set, PostgreSQL spent 5–8 ms *planning* it per page
 * for 1–3 ms of execution. A PL/pgSQL function's statements are planned once per connection and
 * their plans kept, so a list of 25 cases now costs 25 cached index lookups (≈ 50 µs each).
 * A change of what counts as activity is a new migration replacing this function.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    create or replace function accompaniment_last_activity(acc_id bigint, acc_updated_at timestamptz)
    returns timestamptz language plpgsql stable as $$
    begin
      return greatest(
        acc_updated_at,
        (select max(t.at) from accompaniment_transitions t where t.accompaniment_id = acc_id),
        (select max(greatest(case when s.starts_at <= now() then s.starts_at end, s.updated_at))
           from sessions s where s.accompaniment_id = acc_id),
        (select max(v.uploaded_at) from deliverable_versions v join deliverables d on d.id = v.deliverable_id
           where d.accompaniment_id = acc_id),
        (select max(n.created_at) from notices n where n.accompaniment_id = acc_id),
        (select max(c.recorded_at) from follow_up_checkpoints c where c.accompaniment_id = acc_id),
        (select max(ss.updated_at) from satisfaction_surveys ss where ss.accompaniment_id = acc_id),
        (select co.updated_at from close_outs co where co.accompaniment_id = acc_id));
    end $$`);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('drop function if exists accompaniment_last_activity(bigint, timestamptz)');
}
