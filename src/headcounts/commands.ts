/**
 * The headcounts' command, callable from a route, a job or the CLI: it takes the write context and
 * plain data. A snapshot is added, never changed: impact is the difference between two of them
 * (impact.ts). Where it was recorded from (a parcours' diagnostic, one of its checkpoints, a case's
 * follow-up checkpoint) must be the structure's own, at the recorder's operator.
 */
import type { MessageKey } from '../platform/i18n';
import type { Id } from '../platform/id';
import type { WriteContext } from '../platform/write';
import type { HeadcountInput } from './schemas';

/** A snapshot the command refuses, with the field and the message to show next to it. */
export class HeadcountRefused extends Error {
  constructor(
    readonly field: string,
    readonly key: MessageKey,
  ) {
    super(key);
  }
}

type Recorder = { organisationId: string; operatorId: string; userId: string };

/** The links of the snapshot, checked: the parcours and checkpoint of this structure at this operator. */
async function linksOf(w: WriteContext, by: Recorder, input: HeadcountInput) {
  const links = {
    pathway_id: null as string | null,
    pathway_checkpoint_id: null as string | null,
    follow_up_checkpoint_id: null as string | null,
    accompaniment_id: null as string | null,
  };
  if (input.pathway_id) {
    const p = await w
      .trx('pathways')
      .where({ id: input.pathway_id, organisation_id: by.organisationId, operator_id: by.operatorId })
      .first<{ id: Id } | undefined>('id');
    if (!p) throw new HeadcountRefused('_form', 'headcounts.refused.pathway');
    links.pathway_id = p.id;
    if (input.checkpoint_months !== null) {
      const c = await w
        .trx('pathway_checkpoints')
        .where({ pathway_id: p.id, offset_months: input.checkpoint_months })
        .first<{ id: Id } | undefined>('id');
      if (!c) throw new HeadcountRefused('_form', 'headcounts.refused.checkpoint');
      links.pathway_checkpoint_id = c.id;
    }
  }
  if (input.follow_up_checkpoint_id) {
    const c = await w
      .trx('follow_up_checkpoints as f')
      .join('accompaniments as a', 'a.id', 'f.accompaniment_id')
      .join('accompaniment_beneficiaries as b', 'b.accompaniment_id', 'a.id')
      .where({ 'f.id': input.follow_up_checkpoint_id, 'b.organisation_id': by.organisationId })
      .where('a.operator_id', by.operatorId)
      .first<{ id: Id; accompaniment_id: Id } | undefined>('f.id', 'f.accompaniment_id');
    if (!c) throw new HeadcountRefused('_form', 'headcounts.refused.checkpoint');
    links.follow_up_checkpoint_id = c.id;
    links.accompaniment_id = c.accompaniment_id;
  }
  return links;
}

/** Records a snapshot of the structure's headcounts (audited with its figures). Its id. */
export async function recordHeadcount(w: WriteContext, by: Recorder, input: HeadcountInput) {
  const links = await linksOf(w, by, input);
  const figures = {
    employees_cdi: input.employees_cdi,
    employees_cdd: input.employees_cdd,
    employees_assisted: input.employees_assisted,
    employees_insertion: input.employees_insertion,
    fte: input.fte,
    volunteers: input.volunteers,
    annual_budget_eur: input.annual_budget_eur,
  };
  const [row] = await w
    .trx('structure_headcounts')
    .insert({
      organisation_id: by.organisationId,
      recorded_on: input.recorded_on,
      occasion: input.occasion,
      ...links,
      ...figures,
      recorded_by: by.userId,
    })
    .returning<{ id: Id }[]>('id');
  await w.audit({
    action: 'headcount.record',
    entityType: 'structure',
    entityId: by.organisationId,
    details: { headcount_id: row.id, recorded_on: input.recorded_on, occasion: input.occasion, ...links, ...figures },
  });
  return row.id;
}
