import type { SessionUser } from '../platform/auth/session-user';
import { isOperatorStaff } from '../accompaniments/policy';
import { operatorSettingsPolicy } from '../operator-settings/policy';
import type { PartyKind } from './queries';

type Acc = { operator_id: string };
type Party = { party_kind: PartyKind; organisation_id: string };

/** A logged-in user "of" a party: a beneficiary of that structure, a user of that provider, staff of that operator. */
export const belongsToParty = (u: SessionUser, a: Acc, p: Party) => {
  if (p.party_kind === 'operator')
    return isOperatorStaff(u, a) && String(u.organisation_id) === String(p.organisation_id);
  if (p.party_kind === 'structure')
    return u.role === 'beneficiary' && String(u.organisation_id) === String(p.organisation_id);
  return u.role === 'provider' && String(u.organisation_id) === String(p.organisation_id);
};

/**
 * Who may do what with the convention of an accompaniment already loaded through the user's
 * scope (a provider here is the selected one, a beneficiary one of the structures).
 * - Operator staff generate versions, record any party's signed scan, send reminders.
 * - A party's own users sign for that party only: click-to-sign or their signed scan.
 * - Admins may override the delivery guard (with a reason); they do not sign.
 * - Funders read the convention (it is the contract they fund: parties, days, amount) and its
 *   signature board, never the signed scans (personal signatures) and never sign.
 * - Relays and anyone else: nothing (deny by default).
 */
export const conventionPolicy = {
  view: (u: SessionUser, a: Acc) =>
    isOperatorStaff(u, a) || ['admin', 'beneficiary', 'provider', 'funder'].includes(u.role),
  generate: (u: SessionUser, a: Acc) => isOperatorStaff(u, a),
  remind: (u: SessionUser, a: Acc) => isOperatorStaff(u, a),
  override: (u: SessionUser) => u.role === 'admin',
  /** May open a signature form at all. */
  sign: (u: SessionUser, a: Acc) => isOperatorStaff(u, a) || u.role === 'beneficiary' || u.role === 'provider',
  /** Click-to-sign: only a logged-in user of that party. */
  clickFor: (u: SessionUser, a: Acc, p: Party) => belongsToParty(u, a, p),
  /** A signed scan: the party's own users, or operator staff who collected the paper. */
  scanFor: (u: SessionUser, a: Acc, p: Party) => isOperatorStaff(u, a) || belongsToParty(u, a, p),
  readConvention: (u: SessionUser, a: Acc) =>
    isOperatorStaff(u, a) || ['admin', 'beneficiary', 'provider', 'funder'].includes(u.role),
  readScan: (u: SessionUser, a: Acc) => isOperatorStaff(u, a) || ['admin', 'beneficiary', 'provider'].includes(u.role),
};

/**
 * The operator's convention template (/settings/convention-template): everyone working at the
 * operator reads it; its direction and admin save a new version, as they decide its other settings
 * (operator-settings/policy.ts). Providers, funders, structures, relays: nothing.
 */
export const conventionTemplatePolicy = {
  read: (u: SessionUser) => operatorSettingsPolicy.read(u),
  update: (u: SessionUser) => operatorSettingsPolicy.update(u),
};
