import type { Db } from '../../../src/platform/db';
import { orgBase, resetSequences, type Plan } from './plan';

const maxId = async (db: Db, table: string) =>
  Number((await db.raw(`select coalesce(max(id), 0) as m from ${table}`)).rows[0].m);

/**
 * Inserts documents from a select of (k, accompaniment_id, filename, uploaded_by, uploaded_at) where
 * k counts from 1: document id = base + k. Only metadata: the bytes are never read by the pages
 * measured (a sent report's PDF is served from storage; the benchmark draws a draft instead).
 */
async function insertDocuments(db: Db, purpose: string, select: string) {
  const base = await maxId(db, 'documents');
  await db.raw(`
    insert into documents (id, accompaniment_id, purpose, filename, mime_type, size_bytes, sha256, storage_key, uploaded_by, uploaded_at)
    select ${base} + k, accompaniment_id, '${purpose}', filename, 'application/pdf', 20000 + (${base} + k) % 80000,
           encode(sha256(convert_to('bench-document-' || (${base} + k), 'UTF8')), 'hex'),
           'bench/${purpose}/' || (${base} + k) || '.pdf', uploaded_by, uploaded_at
      from (${select}) d order by k`);
  return base;
}

/**
 * 60,000 documents at national size: sent report PDFs, convention versions, deliverable versions,
 * and diagnostic attachments to make up the rest. Then the 5,000 sent reports (inserted as sent:
 * the frozen-report trigger only refuses updates), their recipients, and a few drafts.
 */
export async function generateDocuments(db: Db, p: Plan) {
  const o = orgBase(p);
  await db.raw('drop table if exists bench_rep');
  await db.raw(
    `create table bench_rep as select row_number() over (order by n) as e, * from bench_plan where reached >= 3`,
  );
  const eligible = Number((await db.raw('select count(*) as n from bench_rep')).rows[0].n);
  const reportBase = await insertDocuments(
    db,
    'progress_report',
    `select k, r.n as accompaniment_id, 'rapport-' || k || '.pdf' as filename, r.coordinator_id as uploaded_by, s.sent_at as uploaded_at
       from generate_series(1, ${p.sentReports}) k join bench_rep r on r.e = (k - 1) % ${eligible} + 1
       cross join lateral (select least(r.intake_on + 3 * r.step + ((k - 1) / ${eligible}) * 45 + 5, date '${p.anchor}' - 1) + time '15:00' as sent_at) s`,
  );
  const milestones = `(array['convention_signed','phase_done','restitution','on_demand'])[k % 4 + 1]`;
  await db.raw(`
    insert into progress_reports (id, accompaniment_id, milestone, title, period_end, next_steps, risks, comment, status,
                                  document_id, sha256, sent_at, sent_by, created_by, created_at, updated_at)
    select k, d.accompaniment_id, ${milestones}, 'Point d''étape n° ' || k, d.uploaded_at::date, 'Prochaines étapes', 'Aucun risque majeur', null, 'sent',
           d.id, d.sha256, d.uploaded_at, d.uploaded_by, d.uploaded_by, d.uploaded_at - interval '2 days', d.uploaded_at
      from documents d cross join lateral (select d.id - ${reportBase} as k) kk
     where d.id > ${reportBase} and d.purpose = 'progress_report' order by k`);
  await db.raw(`
    insert into progress_report_recipients (report_id, funder_id, email)
    select r.id, f.funder_id, 'funder' || (f.funder_id - ${o.funder}) || '@bench.test'
      from progress_reports r join lateral (select funder_id from accompaniment_funding where accompaniment_id = r.accompaniment_id order by id limit 1) f on true
     order by r.id`);
  // Drafts: the rich case's (the PDF measured) and one in ten running deliveries.
  await resetSequences(db, ['progress_reports']);
  await db.raw(`
    insert into progress_reports (accompaniment_id, milestone, title, period_end, next_steps, risks, comment, status, created_by)
    select n, 'phase_done', 'Point d''étape en préparation n° ' || n, date '${p.anchor}', 'Prochaines étapes à venir', 'Calendrier serré', 'Brouillon', 'draft', coordinator_id
      from bench_plan where n = 1 or (state = 'delivery' and n % 10 = 0) order by n`);

  const conventionBase = await insertDocuments(
    db,
    'convention',
    `select row_number() over (order by n) as k, n as accompaniment_id, 'convention-' || n || '.pdf' as filename, coordinator_id as uploaded_by,
            intake_on + 3 * step + time '09:00' as uploaded_at from bench_rep`,
  );
  await db.raw(`
    insert into conventions (accompaniment_id, version, document_id, sha256, generated_at, generated_by)
    select accompaniment_id, 1, id, sha256, uploaded_at, uploaded_by from documents where id > ${conventionBase} and purpose = 'convention' order by id`);

  // Two deliverables per case from delivery on; a version for each one submitted or accepted.
  await db.raw(`
    insert into deliverables (id, accompaniment_id, type, title, expected_on, status, created_by, created_at, updated_at)
    select 2 * (n - 1) + j, n, (array['action_plan','final_report'])[j], (array['Plan d''action','Rapport final'])[j] || ' du cas ' || n,
           intake_on + 4 * step + j * 90,
           case when reached >= 5 then 'accepted' when j = 1 then 'submitted' else 'expected' end,
           coordinator_id, intake_on + 4 * step + time '09:00', intake_on + 4 * step + time '09:00'
      from bench_plan cross join generate_series(1, 2) j where reached >= 4 order by n, j`);
  const versionBase = await insertDocuments(
    db,
    'deliverable',
    `select row_number() over (order by d.id, v) as k, d.accompaniment_id, 'livrable-' || d.id || '-v' || v || '.pdf' as filename,
            d.created_by as uploaded_by, d.created_at + v * interval '20 days' as uploaded_at
       from deliverables d cross join generate_series(1, 2) v
      where d.status <> 'expected' and (v = 1 or (d.status = 'accepted' and d.type = 'action_plan'))`,
  );
  await db.raw(`
    insert into deliverable_versions (deliverable_id, version, document_id, sha256, uploaded_by, uploaded_at)
    select substring(filename from 'livrable-(\\d+)-')::bigint, substring(filename from '-v(\\d+)\\.pdf')::int, id, sha256, uploaded_by, uploaded_at
      from documents where id > ${versionBase} and purpose = 'deliverable' order by id`);

  const missing = p.documents - (await maxId(db, 'documents'));
  if (missing > 0) {
    await insertDocuments(
      db,
      'diagnostic_attachment',
      `select k, e.n as accompaniment_id, 'piece-jointe-' || k || '.pdf' as filename, e.coordinator_id as uploaded_by,
              e.intake_on + e.step / 2 + time '11:00' as uploaded_at
         from generate_series(1, ${missing}) k
         join (select row_number() over (order by n) as e, * from bench_plan where reached >= 1) e
           on e.e = (k - 1) % (select count(*) from bench_plan where reached >= 1) + 1`,
    );
  }
  await db.raw('drop table bench_rep');
}
