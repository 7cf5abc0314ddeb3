import type { Finding } from '../errors/codes.js';
import { PolicySchema, type Policy } from '../schema/policy-schema.js';
import type { Reading } from '../schema/reading-schema.js';
import { filePath, findSwitches, resolveSwitches, switchOptions, valueAt, type Switch } from '../readings/switches.js';
import type { YamlSource } from './read-yaml.js';
import { zodFindings } from './zod-findings.js';

export interface ParsedPolicy {
  policy: Policy;
  source: YamlSource;
  switches: Switch[];
  /** The policy under other options (one variant per option position), for the checks to see every value. */
  variants: { policy: Policy; source: YamlSource }[];
}

/**
 * A policy file with its reading switches: checked (each names a declared reading
 * and exactly its options), resolved to the defaults, and validated under every
 * option, so that no option's value can be one the checks would refuse.
 */
export function parsePolicy(src: YamlSource, readings: Map<string, Reading>, findings: Finding[]): ParsedPolicy | undefined {
  const found = findSwitches(src.data);
  let ok = true;
  for (const { path, node } of found) {
    const reading = readings.get(node.by_reading);
    if (!reading) {
      findings.push({ code: 'RULE_UNKNOWN_READING', args: { reading: node.by_reading }, ...src.locate([...path, 'by_reading']) });
      ok = false;
      continue;
    }
    const want = reading.options
      .map((o) => o.id)
      .sort()
      .join(', ');
    const have = switchOptions(node).sort().join(', ');
    if (want !== have) {
      findings.push({ code: 'RULE_READING_OPTIONS', args: { reading: reading.id, want, have }, ...src.locate(path) });
      ok = false;
    }
    for (const o of switchOptions(node))
      if (findSwitches(node[o]).length) {
        findings.push({
          code: 'RULE_READING_OPTIONS',
          args: { reading: reading.id, want, have: `${o} (${node[o] === null ? '' : 'nested'})` },
          ...src.locate([...path, o]),
        });
        ok = false;
      }
  }
  if (!ok) return undefined;
  const byDefault = (id: string) => readings.get(id)!.default;
  const base = parseVariant(src, byDefault, findings);
  if (!base) return undefined;
  const switches: Switch[] = found.map(({ path, node }) => ({
    reading: node.by_reading,
    path,
    values: { [byDefault(node.by_reading)]: valueAt(base.policy, path) },
  }));
  const variants: ParsedPolicy['variants'] = [];
  // Readings are independent: the k-th option of every reading at once covers every value in a few parses.
  const most = Math.max(0, ...found.map(({ node }) => readings.get(node.by_reading)!.options.length));
  for (let k = 0; k < most; k++) {
    const choose = (id: string) => readings.get(id)!.options[k]?.id ?? byDefault(id);
    if (found.every(({ node }) => choose(node.by_reading) === byDefault(node.by_reading))) continue;
    const v = parseVariant(src, choose, findings);
    if (!v) return undefined;
    variants.push(v);
    for (const s of switches) s.values[choose(s.reading)] = valueAt(v.policy, s.path);
  }
  return { ...base, switches, variants };
}

function parseVariant(src: YamlSource, choose: (reading: string) => string, findings: Finding[]): { policy: Policy; source: YamlSource } | undefined {
  const data = resolveSwitches(src.data, choose);
  const source: YamlSource = { file: src.file, data, locate: (p) => src.locate(filePath(src.data, p, choose)) };
  const r = PolicySchema.safeParse(data);
  if (r.success) return { policy: r.data, source };
  findings.push(...zodFindings(r.error, source));
  return undefined;
}
