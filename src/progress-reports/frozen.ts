import { requestIdOf } from '../platform/audit';
import type { Request, Response } from 'express';
import { formatDate } from '../platform/i18n';
import type { ReportRow } from './queries';

/** A sent report never changes: its edit and send pages answer 409 with a French explanation. */
export function refuseFrozen(req: Request, res: Response, report: Pick<ReportRow, 'sent_at'>) {
  res.status(409).render('errors/error', {
    title: req.t('progressReports.frozen.title'),
    status: 409,
    explanation: req.t('progressReports.frozen.text', { date: formatDate(req.locale, report.sent_at) }),
    requestId: requestIdOf(req),
  });
}
