import { loadRules, type RuleSet } from '../load/load-rules.js';
import { withReadings } from '../readings/apply-readings.js';
import { chooseReadings } from '../readings/choose-readings.js';

export interface SetOptions {
  rules?: string;
  regime?: string;
  reading?: string[];
  readings?: string;
}

/** The rule set a command works with: loaded (and checked), then read as the user chose (--reading, --readings). */
export async function loadSet(opts: SetOptions): Promise<RuleSet> {
  const set = await loadRules(opts.rules, opts.regime);
  return withReadings(set, chooseReadings(set, opts));
}
