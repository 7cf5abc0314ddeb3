import type { Position } from '../errors/codes.js';
import type { Fact } from '../schema/fact-schema.js';
import type { Policy } from '../schema/policy-schema.js';
import type { Reading, Profile } from '../schema/reading-schema.js';
import type { RegimeFile, Region } from '../schema/region-schema.js';
import type { Thresholds } from './thresholds.js';

// The rule set every stage shares: loading produces it (src/load/), the engine,
// input, render and advice read it. Types only, so that depending on it costs nothing.

/** A step of a path into a YAML document: a key or a list index. */
export type PathPart = string | number;

/** A parsed YAML file that can say where each node came from. */
export interface YamlSource {
  file: string;
  data: unknown;
  /** Line and column of the node at a path, or of the nearest parent that exists. */
  locate(path: readonly PathPart[]): Position;
}

/** A value in a policy that depends on a reading (`{ by_reading: id, option: value }`). */
export interface Switch {
  reading: string;
  /** Path of the switched value inside the policy. */
  path: PathPart[];
  /** The value under each option, as validated in place (the default one is what the policy holds). */
  values: Record<string, unknown>;
}

export interface LoadedPolicy {
  policy: Policy;
  file: string;
  source: YamlSource;
  /** Where the policy's values depend on a reading (see src/readings/). */
  switches?: Switch[];
}

export interface RuleSet {
  dir: string;
  facts: Map<string, Fact>;
  regions: Map<string, Region>;
  policies: LoadedPolicy[];
  regime?: { file: string; data: RegimeFile };
  /** Every reading the rule files declare (rules/readings.yaml). */
  readings: Reading[];
  /** The option in force for each reading: the defaults, unless the user chose otherwise. */
  choices: Record<string, string>;
  /** Named choices of readings (rules/profiles/*.yaml), by file name without extension. */
  profiles: Record<string, Profile>;
  /** Every comparison's threshold read as a value of its fact, at load (src/load/read-thresholds.ts). */
  thresholds: Thresholds;
  /** The rule files' fingerprint as outputs print it, taken when they were loaded (src/load/rule-fingerprint.ts). */
  filesFingerprint?: string;
}
