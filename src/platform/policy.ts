import { forbidden } from './errors';

/** Policies answer yes/no; routes call this to turn a "no" into a 403. Deny by default. */
export function authorize(allowed: boolean): asserts allowed {
  if (!allowed) throw forbidden();
}
