/**
 * An envelope's conditions against a case (issue 20): the eligible action types (codes of the national
 * list 'action_type', src/reference-lists/) and the départements; an empty list is no condition. A case's
 * action type follows its accompaniment's kind (the migration 20261207900100's header).
 */
/** The action type of a consultancy, from its accompaniment's kind. */
export const ACTION_TYPE_OF_KIND: Record<string, string> = {
  individual: 'individual_consultancy',
  collective: 'collective_consultancy',
};

export const actionTypeOfKind = (kind: string) => ACTION_TYPE_OF_KIND[kind] ?? null;

type Conditions = { eligible_action_types: string[]; departments: string[] };
type Case = { kind: string; department: string | null };

/** Which condition of the envelope the case fails, or null when it meets them all. */
export function unmetCondition(envelope: Conditions, acc: Case): 'actionType' | 'department' | null {
  const type = actionTypeOfKind(acc.kind);
  if (envelope.eligible_action_types.length && !(type && envelope.eligible_action_types.includes(type)))
    return 'actionType';
  if (envelope.departments.length && !(acc.department && envelope.departments.includes(acc.department)))
    return 'department';
  return null;
}

/**
 * The same rule in SQL, for the page's forecast (queries.ts): the envelope `e` and the case `a`.
 * Built from ACTION_TYPE_OF_KIND, so the two never disagree (a test checks them on the same cases).
 */
export function meetsConditionsSql(e: string, a: string) {
  const whens = Object.entries(ACTION_TYPE_OF_KIND)
    .map(([kind, type]) => `when '${kind}' then '${type}'`)
    .join(' ');
  return `(cardinality(${e}.eligible_action_types) = 0 or (case ${a}.kind ${whens} end) = any(${e}.eligible_action_types))
    and (cardinality(${e}.departments) = 0 or ${a}.department = any(${e}.departments))`;
}
