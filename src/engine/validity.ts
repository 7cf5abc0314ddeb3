import type { Policy } from '../schema/policy-schema.js';

export type Validity = { ok: boolean; partial: boolean; from: string; to: string | null };
// Asked once per policy and enterprise in a batch; the answer depends on the policy and year alone.
const known = new WeakMap<Policy, Map<number, Validity>>();

/**
 * Whether a policy is in force in a data year. A start written as a bare year
 * (drafts with the day and month left blank) counts from 1 January of that year.
 * A year only partly covered counts as in force and is flagged as partial.
 */
export function inForce(policy: Policy, year: number): Validity {
  let byYear = known.get(policy);
  if (!byYear) known.set(policy, (byYear = new Map()));
  let v = byYear.get(year);
  if (!v) byYear.set(year, (v = Object.freeze(work(policy, year))));
  return v;
}

function work(policy: Policy, year: number): Validity {
  const from = /^\d{4}$/.test(policy.validity.from) ? `${policy.validity.from}-01-01` : policy.validity.from;
  const to = policy.validity.to && /^\d{4}$/.test(policy.validity.to) ? `${policy.validity.to}-12-31` : policy.validity.to;
  const start = `${year}-01-01`;
  const end = `${year}-12-31`;
  const ok = from <= end && (to === null || to >= start);
  const partial = ok && (from > start || (to !== null && to < end));
  return { ok, partial, from, to };
}
