import { readFileSync } from 'node:fs';
import { didYouMean } from '../errors/did-you-mean.js';
import type { Finding } from '../errors/codes.js';
import { SubsidyError } from '../errors/subsidy-error.js';
import type { RuleSet } from '../model/rule-set.js';
import { readYaml } from '../load/read-yaml.js';
import { reason } from '../i18n/reasons.js';

/**
 * The user's choice of readings: a profile (`--readings NAME|FILE`: a file of the
 * rule set's profiles/ by name, or any YAML file `readings: { id: option }`), then
 * single choices (`--reading id=option`), which win. Every id and option is checked
 * against the rule set, with a did-you-mean; nothing unknown is silently ignored.
 */
export function chooseReadings(set: RuleSet, opts: { reading?: string[]; readings?: string }): Record<string, string> {
  const chosen: Record<string, string> = {};
  const findings: Finding[] = [];
  if (opts.readings) Object.assign(chosen, profileChoices(set, opts.readings, findings));
  for (const pair of opts.reading ?? []) {
    const eq = pair.indexOf('=');
    const [id, option] = eq > 0 ? [pair.slice(0, eq).trim(), pair.slice(eq + 1).trim()] : [pair.trim(), ''];
    if (check(set, id, option, { field: `--reading ${pair}` }, findings)) chosen[id] = option;
  }
  if (findings.length) throw new SubsidyError(findings);
  return chosen;
}

function check(set: RuleSet, id: string, option: string, where: Omit<Finding, 'code' | 'args'>, findings: Finding[]): boolean {
  const r = set.readings.find((x) => x.id === id);
  if (!r) {
    const s = didYouMean(
      id,
      set.readings.map((x) => x.id),
    );
    findings.push({
      code: 'UNKNOWN_READING',
      args: { value: id, choices: set.readings.map((x) => x.id).join(', ') || '—' },
      ...where,
      ...(s ? { hint: { code: 'DID_YOU_MEAN', suggestion: s } } : {}),
    });
    return false;
  }
  if (!r.options.some((o) => o.id === option)) {
    const ids = r.options.map((o) => o.id);
    const s = didYouMean(option, ids);
    findings.push({
      code: 'UNKNOWN_READING',
      args: { value: `${id}=${option}`, choices: ids.map((o) => `${id}=${o}`).join(', ') },
      ...where,
      ...(s ? { hint: { code: 'DID_YOU_MEAN', suggestion: `${id}=${s}` } } : {}),
    });
    return false;
  }
  return true;
}

function profileChoices(set: RuleSet, nameOrFile: string, findings: Finding[]): Record<string, string> {
  const named =
    set.profiles[nameOrFile] ?? Object.values(set.profiles).find((p) => p.title.zh === nameOrFile || p.title.en.toLowerCase() === nameOrFile.toLowerCase());
  if (named) return { ...named.readings };
  let text: string;
  try {
    text = readFileSync(nameOrFile, 'utf8');
  } catch {
    const names = [...Object.keys(set.profiles), ...Object.values(set.profiles).map((p) => p.title.zh)];
    const s = didYouMean(nameOrFile, names);
    throw SubsidyError.of('FILE_NOT_FOUND', { reason: nameOrFile }, { field: '--readings' }, s ? { code: 'DID_YOU_MEAN', suggestion: s } : undefined);
  }
  const src = readYaml(text, nameOrFile);
  const data = src.data as { readings?: unknown } | null;
  if (!data || typeof data !== 'object' || !data.readings || typeof data.readings !== 'object' || Array.isArray(data.readings))
    throw SubsidyError.of('SCHEMA', { detail: reason('readingsShape') }, { file: nameOrFile, line: 1 });
  const out: Record<string, string> = {};
  for (const [id, option] of Object.entries(data.readings as Record<string, unknown>))
    if (check(set, id, String(option), { ...src.locate(['readings', id]), field: `readings.${id}` }, findings)) out[id] = String(option);
  return out;
}
