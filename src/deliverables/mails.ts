import type { Trx } from '../platform/db';
import { formatDate, translate } from '../platform/i18n';
import { enqueueMail } from '../platform/mail/outbox';

type Submitted = {
  deliverable: string;
  title: string;
  email: string;
  locale: string;
  coordinator_id: string;
  version: number | null;
  submitted_on: string | null;
  provider: string | null;
};

/**
 * Tells the case's coordinator (an active account) that a deliverable was handed in for review — a
 * first submission or a new version after changes were requested — through the outbox, in the
 * transaction of the change, in the coordinator's language. Not when the coordinator did it.
 */
export async function tellSubmitted(trx: Trx, deliverableId: string, actorId: string | null, baseUrl: string) {
  const row = await trx('deliverables as d')
    .join('accompaniments as a', 'a.id', 'd.accompaniment_id')
    .join('users as u', 'u.id', 'a.coordinator_id')
    .where({ 'd.id': deliverableId, 'u.status': 'active' })
    .first<Submitted | undefined>(
      'd.title as deliverable',
      'a.title',
      'u.email',
      'u.locale',
      'u.id as coordinator_id',
      trx.raw('(select max(v.version) from deliverable_versions v where v.deliverable_id = d.id) as version'),
      trx.raw(
        '(select max(v.submitted_on)::text from deliverable_versions v where v.deliverable_id = d.id) as submitted_on',
      ),
      // The selected provider, who hands deliverables in.
      trx.raw(`(select o.name from consultation_bids b join organisations o on o.id = b.provider_id
                 where b.accompaniment_id = a.id and b.status = 'selected' limit 1) as provider`),
    );
  if (!row || row.coordinator_id === actorId) return;
  const locale = row.locale === 'en' ? 'en' : 'fr';
  const params = {
    deliverable: row.deliverable,
    title: row.title,
    provider: row.provider ?? '—',
    version: row.version ?? 1,
    date: formatDate(locale, row.submitted_on),
    link: `${baseUrl}/deliverables/${deliverableId}`,
  };
  await enqueueMail(trx, {
    to: row.email,
    kind: 'deliverable_submitted',
    subject: translate(locale, 'notify.deliverableSubmitted.subject', params),
    text: translate(locale, 'notify.deliverableSubmitted.text', params),
  });
}
