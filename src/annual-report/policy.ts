import type { SessionUser } from '../platform/auth/session-user';

/**
 * Who reads an annual activity report: an operator's director (manager) and coordinators, their own
 * operator's; admins, any operator's, a region's or the whole country's. Funders are refused (403):
 * a report covers everything an operator did, other funders' envelopes and payments included, and
 * narrowing every section to what one funder finances is not a simple rule — funders keep the
 * portal and the indicators, scoped to what they fund.
 */
export const canSeeAnnualReport = (user: SessionUser) => ['admin', 'manager', 'coordinator'].includes(user.role);

/** Only admins choose the scope (an operator, a region, the whole country). */
export const canChooseScope = (user: SessionUser) => user.role === 'admin';
