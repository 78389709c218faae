import type { HomePanel } from '../home/panels';
import { localToday } from '../platform/dates';
import { read } from '../platform/read-together';
import { providerPolicy } from './policy';
import { renewalHorizon, RENEWAL_NOTICE_DAYS } from './reminder-job';

type RenewalRow = { id: string; name: string; renewal_due_on: string; total: string };

/**
 * The direction's to-do: listed providers whose yearly renewal falls due within the reminder's notice
 * (or is past due), on a manager's home page; hidden when there is none.
 */
export const providerRenewalsPanel: HomePanel = {
  id: 'providerRenewals',
  partial: 'providers/_home',
  reads({ db }, user) {
    if (!providerPolicy.remindRenewals(user)) return null;
    const q = db('provider_profiles as pp')
      .join('organisations as o', 'o.id', 'pp.organisation_id')
      .where({ 'pp.listing_status': 'listed', 'o.active': true })
      .whereNotNull('pp.renewal_due_on')
      .where('pp.renewal_due_on', '<=', renewalHorizon(localToday()))
      .orderBy([{ column: 'pp.renewal_due_on' }, { column: 'o.name' }])
      .limit(10)
      .select('o.id', 'o.name', 'pp.renewal_due_on', db.raw('count(*) over () as total'));
    return { due: read<RenewalRow>(q, { bigints: ['id', 'total'] }) };
  },
  locals({ due }: { due: RenewalRow[] }) {
    if (!due.length) return null;
    return { due, total: Number(due[0].total), days: RENEWAL_NOTICE_DAYS, today: localToday() };
  },
};
