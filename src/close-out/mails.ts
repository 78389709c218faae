import type { Trx } from '../platform/db';
import { translate } from '../platform/i18n';
import { enqueueMail } from '../platform/mail/outbox';

/**
 * When a case enters its close-out: each active structure's accounts (its beneficiary users) are
 * asked to answer the satisfaction survey, with the link to their structure's form, in their
 * language, through the outbox in the transaction of the move.
 */
export async function askForSurveys(trx: Trx, accompanimentId: string, baseUrl: string) {
  const rows = await trx('accompaniment_beneficiaries as b')
    .join('accompaniments as a', 'a.id', 'b.accompaniment_id')
    .join('organisations as o', 'o.id', 'b.organisation_id')
    .join('users as u', 'u.organisation_id', 'b.organisation_id')
    .where({
      'b.accompaniment_id': accompanimentId,
      'b.status': 'active',
      'u.role': 'beneficiary',
      'u.status': 'active',
    })
    // Not a structure that already answered (a case moving back and forth).
    .whereNotExists(
      trx('satisfaction_surveys as s')
        .whereRaw('s.accompaniment_id = b.accompaniment_id and s.organisation_id = b.organisation_id')
        .select(trx.raw('1')),
    )
    .orderBy('u.id')
    .select<{ title: string; organisation_id: string; structure: string; email: string; locale: string }[]>(
      'a.title',
      'b.organisation_id',
      'o.name as structure',
      'u.email',
      'u.locale',
    );
  for (const r of rows) {
    const locale = r.locale === 'en' ? 'en' : 'fr';
    const params = {
      title: r.title,
      structure: r.structure,
      link: `${baseUrl}/accompaniments/${accompanimentId}/close-out/survey/${r.organisation_id}`,
    };
    await enqueueMail(trx, {
      to: r.email,
      kind: 'survey_to_answer',
      subject: translate(locale, 'notify.surveyToAnswer.subject', params),
      text: translate(locale, 'notify.surveyToAnswer.text', params),
    });
  }
  return rows.length;
}
