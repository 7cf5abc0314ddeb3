import { validateRules } from './validate-rules.js';
import { CACHE_DIR, DEFAULT_RULES_DIR, type RuleSet } from './load-rules.js';
import { protectDir, protectInput } from '../output/protected-paths.js';

/** Always validates: for lint, tests and tools where start-up time does not matter. */
export function loadRulesSync(dir = DEFAULT_RULES_DIR, regimeFile?: string): RuleSet {
  protectDir(dir);
  protectDir(CACHE_DIR);
  if (regimeFile) protectInput(regimeFile);
  return validateRules(dir, regimeFile);
}
