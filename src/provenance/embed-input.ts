import type { Enterprise } from '../engine/types.js';
import { isBlank } from '../input/coerce-value.js';
import { factIndex } from '../input/to-enterprise.js';
import type { RuleSet } from '../model/rule-set.js';

/**
 * The input calc evaluated, kept in its JSON result so `subsidy verify` can
 * recompute it: region code and year as used, facts keyed by fact id with the
 * values as the user wrote them ("1500万", "95%", 是) after --set, and history
 * as given. Values stay as written, not as parsed, so verify reads them through
 * the same parser calc used. The object is itself a valid calc input file.
 */
export interface EmbeddedInput {
  id?: string;
  name?: string;
  region: string;
  year: number;
  facts: Record<string, unknown>;
  history?: Record<string, Record<string, unknown>>;
}

/**
 * `record` is the enterprise record toEnterprise accepted and `ent` what it and
 * applyOverrides made of it; `setPairs` the --set arguments, read the same way
 * applyOverrides reads them (a blank value makes the fact unknown).
 */
export function embeddedInput(set: RuleSet, record: unknown, ent: Enterprise, setPairs: string[] = []): EmbeddedInput {
  const rec = (record ?? {}) as { facts?: unknown; history?: unknown };
  const index = factIndex(set);
  const facts: Record<string, unknown> = {};
  if (rec.facts && typeof rec.facts === 'object')
    for (const [key, value] of Object.entries(rec.facts as Record<string, unknown>)) {
      const id = index.get(key.trim());
      // A blank value is skipped, not deleted: an earlier alias of the same fact still counts (as in toEnterprise).
      if (id && !isBlank(value)) facts[id] = plain(value);
    }
  for (const pair of setPairs) {
    const eq = pair.indexOf('=');
    const id = eq > 0 ? index.get(pair.slice(0, eq).trim()) : undefined;
    if (!id) continue;
    const value = pair.slice(eq + 1);
    if (isBlank(value)) delete facts[id];
    else facts[id] = value;
  }
  const history =
    rec.history && typeof rec.history === 'object' && Object.keys(rec.history).length ? (plain(rec.history) as EmbeddedInput['history']) : undefined;
  return {
    ...(ent.id !== undefined ? { id: ent.id } : {}),
    ...(ent.name !== undefined ? { name: ent.name } : {}),
    region: ent.region,
    year: ent.year,
    facts,
    ...(history ? { history } : {}),
  };
}

/** A YAML value as JSON: dates as YYYY-MM-DD (what the date parser reads back), the rest as it is. */
function plain(v: unknown): unknown {
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if (Array.isArray(v)) return v.map(plain);
  if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, plain(x)]));
  return v;
}
