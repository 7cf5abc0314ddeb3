import type { RuleSet } from '../../model/rule-set.js';
import { loadRules } from '../../index.js';
import { SubsidyError } from '../../errors/subsidy-error.js';
import { resolveRegion } from '../../model/regions.js';
import { catalogue, type Lang } from '../../i18n/messages.js';
import { terminalWidth } from '../terminal-width.js';
import { runTime } from '../../provenance/provenance.js';
import { regionOption } from '../option-values.js';

export interface AskOptions {
  region?: string;
  year?: string;
  lang: Lang;
  rules?: string;
  regime?: string;
  reading?: string[];
  readings?: string;
}

/** A person at a terminal: both ends are TTYs and no CI says otherwise. */
function interactive(): boolean {
  const ci = process.env.CI;
  return Boolean(process.stdin.isTTY && process.stdout.isTTY) && (!ci || ci === '0' || ci.toLowerCase() === 'false');
}

/**
 * `subsidy ask` (and `calc --interactive`). Without a terminal it refuses at
 * once, before the prompt library is even loaded, so a pipe or CI never hangs.
 */
export async function ask(opts: AskOptions): Promise<number> {
  if (!interactive()) throw SubsidyError.of('NO_TTY', { detail: catalogue(opts.lang).words.noTtyDetail ?? '' });
  runTime(); // a malformed SOURCE_DATE_EPOCH is refused now, not after every question was answered
  const set = await loadRules(opts);
  const region = opts.region === undefined ? undefined : regionOf(set, opts.region);
  const year = opts.year === undefined ? undefined : yearOf(opts.year);
  const [prompts, { runInterview }] = await Promise.all([import('@inquirer/prompts'), import('../../interview/run-interview.js')]);
  const write = (text: string) => void process.stdout.write(text);
  try {
    await runInterview(set, { prompts, write, color: !process.env.NO_COLOR, width: terminalWidth() }, { lang: opts.lang, region, year });
  } catch (e) {
    // Ctrl+C inside a prompt: nothing was saved, say so and stop like a shell would.
    if ((e as Error)?.name === 'ExitPromptError') {
      process.stderr.write(`\n${catalogue(opts.lang).words.cancelled}\n`);
      return 130;
    }
    throw e;
  }
  return 0;
}

function regionOf(set: RuleSet, raw: string): string {
  regionOption(set, raw); // unknown or ambiguous: refused as the option's fault, with did-you-mean
  return resolveRegion(set, raw)!;
}

function yearOf(raw: string): number {
  const y = Number(raw);
  if (!Number.isInteger(y) || y < 2000 || y > 2100) throw SubsidyError.of('BAD_YEAR', { value: raw }, { field: '--year' });
  return y;
}
