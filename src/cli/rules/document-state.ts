import { dayOf } from '../../check/check-amounts.js';
import { runTime } from '../../provenance/provenance.js';
import type { Policy } from '../../schema/policy-schema.js';

/** Today's date (YYYY-MM-DD, UTC): SOURCE_DATE_EPOCH fixes it as it fixes the provenance time, so output is reproducible. */
export function today(env: NodeJS.ProcessEnv = process.env): string {
  return runTime(env).time.slice(0, 10);
}

/**
 * A document as `rules list` and `rules show` present it: its status as encoded (in force,
 * draft, trial) and whether its validity ended before `day`, whatever that status says.
 */
export function documentState(p: Policy, day: string): { status: Policy['status']; expired: boolean; to: string | null } {
  const end = p.validity.to === null ? undefined : dayOf(p.validity.to, true);
  return { status: p.status, expired: end !== undefined && end < day, to: p.validity.to };
}
