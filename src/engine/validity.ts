import type { Policy } from '../schema/policy-schema.js';
import type { PartialYear } from './types.js';

export type Validity = { ok: boolean; from: string; to: string | null; partial?: PartialYear };
// Asked once per policy and enterprise in a batch; the answer depends on the policy and year alone.
const known = new WeakMap<Policy, Map<number, Validity>>();

/**
 * Whether a policy is in force in a data year. A start written as a bare year
 * (drafts with the day and month left blank) counts from 1 January of that year.
 * A year only partly covered is counted or not as the policy's rule file says
 * (validity.partial_year), and the covered dates go with the answer either way.
 */
export function inForce(policy: Policy, year: number): Validity {
  let byYear = known.get(policy);
  if (!byYear) known.set(policy, (byYear = new Map()));
  let v = byYear.get(year);
  if (!v) byYear.set(year, (v = Object.freeze(work(policy, year))));
  return v;
}

const DAY = 86_400_000;
const days = (from: string, to: string) => Math.round((Date.parse(to) - Date.parse(from)) / DAY) + 1;

function work(policy: Policy, year: number): Validity {
  const from = /^\d{4}$/.test(policy.validity.from) ? `${policy.validity.from}-01-01` : policy.validity.from;
  const to = policy.validity.to && /^\d{4}$/.test(policy.validity.to) ? `${policy.validity.to}-12-31` : policy.validity.to;
  const start = `${year}-01-01`;
  const end = `${year}-12-31`;
  const overlaps = from <= end && (to === null || to >= start);
  if (!overlaps) return { ok: false, from, to };
  if (from <= start && (to === null || to >= end)) return { ok: true, from, to };
  const covered = { from: from > start ? from : start, to: to !== null && to < end ? to : end };
  const yearDays = days(start, end);
  const n = days(covered.from, covered.to);
  const rule = policy.validity.partial_year?.rule ?? 'full';
  const counted = rule === 'full' || (rule === 'majority' && n * 2 > yearDays);
  return { ok: counted, from, to, partial: { ...covered, days: n, yearDays, rule, counted } };
}
