import { validateRules } from './validate-rules.js';
import { DEFAULT_RULES_DIR, type RuleSet } from './load-rules.js';

/** Always validates: for lint, tests and tools where start-up time does not matter. */
export function loadRulesSync(dir = DEFAULT_RULES_DIR, regimeFile?: string): RuleSet {
  return validateRules(dir, regimeFile);
}
