/** Convention board routes: the status board and generating a new version (voiding the previous signatures). */
import { createHash } from 'node:crypto';
import type { Express } from 'express';
import { loadAccompaniment } from '../accompaniments/routes';
import { listPhases } from '../phases/queries';
import { requireLogin } from '../platform/auth/guards';
import type { Deps } from '../platform/deps';
import { parseForm } from '../platform/forms';
import { enqueueMail } from '../platform/mail/outbox';
import { authorize } from '../platform/policy';
import type { Storage } from '../platform/storage';
import { storeDocument } from '../platform/storage/documents';
import type { Upload } from '../platform/uploads';
import { flash } from '../platform/views';
import { newVersionMail } from './mails';
import { renderConventionPdf } from './pdf';
import { conventionPolicy } from './policy';
import { currentConvention, PartyKind, PartyRow, prospectiveParties, recipientsOf } from './queries';
import { auditOn, boardPath, CONVENTION_PURPOSE, GENERATE_STATES, renderBoard } from './route-helpers';
import { generateSchema } from './schemas';

class VersionRace extends Error {}

/** The board page and the generation of a version. */
export function registerConventionBoardRoutes(app: Express, deps: Deps, storage: Storage) {
  const { db, write, config } = deps;

  app.get('/accompaniments/:id/convention', requireLogin, async (req, res) => {
    const acc = await loadAccompaniment(deps, req);
    authorize(conventionPolicy.view(req.user!, acc));
    await renderBoard(deps, req, res, 200, acc);
  });

  // ---- generating a version ---------------------------------------------------------------

  app.post('/accompaniments/:id/convention/generate', requireLogin, async (req, res) => {
    const acc = await loadAccompaniment(deps, req);
    const user = req.user!;
    authorize(conventionPolicy.generate(user, acc));
    if (!GENERATE_STATES.includes(acc.state)) return renderBoard(deps, req, res, 422, acc, { generateError: req.t('conventions.generate.wrongState') });
    const { structures, operator, provider } = await prospectiveParties(db, acc);
    if (!provider) return renderBoard(deps, req, res, 422, acc, { generateError: req.t('conventions.generate.noProvider') });
    if (!structures.length) return renderBoard(deps, req, res, 422, acc, { generateError: req.t('conventions.generate.noBeneficiary') });
    const form = parseForm(generateSchema, req.body, req.t);
    const two = new Set(form.ok ? form.data.two_signatories : []);
    const parties: { kind: PartyKind; id: string; name: string; signatories: number }[] = [
      ...structures.map((s) => ({ kind: 'structure' as const, id: String(s.id), name: String(s.name) })),
      { kind: 'operator' as const, id: String(operator.id), name: String(operator.name) },
      { kind: 'provider' as const, id: String(provider.id), name: String(provider.name) },
    ].map((p) => ({ ...p, signatories: two.has(p.id) ? 2 : 1 }));

    const previous = await currentConvention(db, acc.id);
    const maxRow = await db('conventions').where({ accompaniment_id: acc.id }).max('version as v').first();
    const version = Number(maxRow?.v ?? 0) + 1;
    const generatedOn = new Date();
    const buffer = await renderConventionPdf({
      version,
      generatedOn,
      title: acc.title,
      objectives: acc.objectives ?? null,
      operator: String(operator.name),
      days: acc.budget_days ?? provider.proposal_days ?? null,
      amountEur: acc.budget_eur ?? provider.proposal_price_eur ?? null,
      plannedStart: acc.planned_start ?? null,
      plannedEnd: acc.planned_end ?? null,
      phases: await listPhases(db, acc.id),
      parties: parties.map((p) => ({ kind: p.kind, name: p.name, signatories: p.signatories })),
    });
    const sha256 = createHash('sha256').update(buffer).digest('hex');
    const upload: Upload = { buffer, filename: `convention-${acc.id}-v${version}.pdf`, mimeType: 'application/pdf', size: buffer.length, sha256 };

    let voided = 0;
    try {
      await storeDocument({ storage, write }, req, { accompanimentId: acc.id, purpose: CONVENTION_PURPOSE, upload }, undefined, async (trx, documentId, w) => {
        const audit = auditOn(w, acc.id, { documentId, sha256: upload.sha256 });
        await trx('accompaniments').where({ id: acc.id }).forUpdate().first('id');
        const last = await trx('conventions').where({ accompaniment_id: acc.id }).max('version as v').first();
        if (Number(last?.v ?? 0) + 1 !== version) throw new VersionRace();
        const before = previous ? await trx('convention_parties').where({ convention_id: previous.id }).select<PartyRow[]>('*') : [];
        let voidedRows: { id: string }[] = [];
        if (previous) {
          await trx('conventions').where({ id: previous.id }).update({ voided_at: trx.fn.now() });
          voidedRows = await trx('convention_signatures').where({ convention_id: previous.id }).whereNull('voided_at').update({ voided_at: trx.fn.now() }).returning('id');
        }
        const [conv] = await trx('conventions').insert({ accompaniment_id: acc.id, version, document_id: documentId, sha256, generated_by: user.id }).returning('id');
        const conventionId = String(conv.id);
        await trx('convention_parties').insert(
          parties.map((p, i) => ({
            convention_id: conventionId,
            party_kind: p.kind,
            organisation_id: p.id,
            name: p.name,
            position: i + 1,
            signatories_required: p.signatories,
            // The once-a-day reminder limit holds across versions.
            last_reminded_at: before.find((b) => String(b.organisation_id) === p.id)?.last_reminded_at ?? null,
          })),
        );
        await audit({ action: 'convention.generate', details: { convention_id: conventionId, version, parties: parties.map((p) => ({ kind: p.kind, organisation_id: p.id, signatories: p.signatories })) } });
        if (previous && voidedRows.length) {
          await audit({ action: 'convention.signatures_voided', details: { old_version: previous.version, version, signatures: voidedRows.map((r) => String(r.id)) } });
          // Everyone concerned by either version hears that the signatures must be given again.
          const concerned = new Map<string, { party_kind: PartyKind; organisation_id: string }>();
          for (const p of [...before, ...parties.map((x) => ({ party_kind: x.kind, organisation_id: x.id }))]) concerned.set(String(p.organisation_id), p);
          const sent = new Set<string>();
          for (const p of concerned.values()) {
            for (const r of await recipientsOf(trx, p, acc)) {
              if (sent.has(r.email)) continue;
              sent.add(r.email);
              await enqueueMail(
                trx,
                newVersionMail({ to: r.email, locale: r.locale === 'en' ? 'en' : 'fr', title: acc.title, link: `${config.baseUrl}${boardPath(acc)}`, oldVersion: previous.version, version, voided: voidedRows.length }),
              );
            }
          }
        }
        voided = voidedRows.length;
      });
    } catch (err) {
      if (!(err instanceof VersionRace)) throw err;
      return renderBoard(deps, req, res, 409, acc, { generateError: req.t('conventions.generate.race') });
    }
    flash(req, 'success', req.t('conventions.generate.done', { version }));
    if (voided) flash(req, 'info', req.t('conventions.generate.voided', { count: voided }));
    res.redirect(boardPath(acc));
  });
}
