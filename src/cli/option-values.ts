import { didYouMean } from '../errors/did-you-mean.js';
import { SubsidyError } from '../errors/subsidy-error.js';
import { regionsStartingWith, resolveRegion } from '../model/regions.js';
import type { RuleSet } from '../model/rule-set.js';

/**
 * --region and --year, checked as options before any file is read: a bad value
 * is the option's fault, and a message placed at the input file's region or
 * year field would send the user to fix the wrong thing.
 */
export function regionOption(set: RuleSet, raw: string | undefined): string | undefined {
  if (raw === undefined) return undefined;
  const code = resolveRegion(set, raw);
  if (code) return raw;
  const several = regionsStartingWith(set, raw);
  if (several.length > 1)
    throw SubsidyError.of('AMBIGUOUS_REGION', { region: raw, candidates: several.map((c) => set.regions.get(c)!.name).join('、') }, { field: '--region' });
  const names = [...set.regions.values()].flatMap((r) => [r.name, r.code]);
  const s = didYouMean(raw, names);
  throw SubsidyError.of('UNKNOWN_REGION', { region: raw }, { field: '--region' }, s ? { code: 'DID_YOU_MEAN', suggestion: s } : undefined);
}

export function yearOption(raw: string | undefined): number | undefined {
  if (raw === undefined) return undefined;
  const y = /^\s*\d{4}\s*$/.test(raw) ? Number(raw) : NaN;
  if (y >= 2000 && y <= 2100) return y;
  throw SubsidyError.of('BAD_YEAR', { value: raw }, { field: '--year' });
}
