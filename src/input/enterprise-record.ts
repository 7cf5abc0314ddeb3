import type { YamlSource } from '../model/rule-set.js';
import type { Locate } from './to-enterprise.js';

/**
 * An example case file (name, input, expected) doubles as a calc input: the
 * enterprise is its `input`. Positions are kept pointing into the file.
 */
export function enterpriseRecord(src: YamlSource): { record: unknown; locate: Locate } {
  const data = src.data as Record<string, unknown> | null;
  if (data && typeof data === 'object' && !Array.isArray(data) && 'input' in data && 'expected' in data)
    return { record: data.input, locate: (path) => src.locate(['input', ...path]) };
  return { record: data, locate: src.locate };
}
