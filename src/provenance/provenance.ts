import { createReadStream, readFileSync } from 'node:fs';
import { basename, relative, sep } from 'node:path';
import { SubsidyError } from '../errors/subsidy-error.js';
import type { PolicyStatus } from '../schema/policy-schema.js';
import { ruleFiles, type RuleSet } from '../load/load-rules.js';
import { reason } from '../i18n/reasons.js';
import { createSha256, sha256 } from '../load/sha256.js';

export { sha256 };

/**
 * Where a result comes from: which tool, which rules, which input, when.
 * Every output carries it so that a figure handed on can be traced back and
 * checked again (`subsidy verify`). Nothing here knows the engine.
 */
export interface Provenance {
  tool: 'subsidy';
  version: string;
  rules: RulesFingerprint;
  documents: DocumentStatus[];
  inputs: InputHash[];
  time: string;
  /** 'SOURCE_DATE_EPOCH' when the time was fixed by that variable (reproducible output). */
  timeSource: 'clock' | 'SOURCE_DATE_EPOCH';
  /** calc only: the --set, --year and --region given on the command line (already applied to the embedded input). */
  overrides?: Overrides;
  /** The option in force for every reading of the rule set; `default: false` where the user chose another. */
  readings: { id: string; option: string; default: boolean }[];
}

export interface RulesFingerprint {
  /** SHA-256 over the names (relative to the rule directory) and bytes of the facts, regions and policy files, and the --regime file. */
  fingerprint: string;
  regime?: { file: string; sha256: string };
}

export interface DocumentStatus {
  id: string;
  title: string;
  docNumber: string | null;
  status: PolicyStatus;
}

export interface InputHash {
  role: 'input' | 'history' | 'case';
  file: string;
  sha256: string;
}

export interface Overrides {
  region?: string;
  year?: number;
  set?: string[];
}

export interface RunTime {
  time: string;
  timeSource: Provenance['timeSource'];
}

/** How a fingerprint is shown to people: 16 hex digits are plenty to tell two rule sets apart. */
export const shortHash = (hex: string) => hex.slice(0, 16);

/**
 * An input whose hash is taken when an output first shows it: the table on a terminal shows
 * none, and then node:crypto never loads. A getter, so JSON and copies of it get the string.
 */
export function lazyInput(role: InputHash['role'], file: string, hash: () => string): InputHash {
  return {
    role,
    file,
    get sha256() {
      return hash();
    },
  };
}

/** stdin is named as such; a path only by its last part, so a report handed on does not carry a local directory. */
export const inputName = (file: string) => (file === '-' ? '<stdin>' : basename(file));

/**
 * The time of the run, to the second, in UTC. SOURCE_DATE_EPOCH (the
 * reproducible-builds convention: whole seconds since 1970) fixes it, so the
 * same input gives byte-identical output; a malformed value is refused rather
 * than silently replaced by the clock.
 */
export function runTime(env: NodeJS.ProcessEnv = process.env): RunTime {
  const raw = env.SOURCE_DATE_EPOCH?.trim();
  if (!raw) return { time: iso(new Date()), timeSource: 'clock' };
  if (!/^\d{1,12}$/.test(raw))
    throw SubsidyError.of('USAGE', { detail: reason('epochForm', { value: String(env.SOURCE_DATE_EPOCH) }) }, { field: 'SOURCE_DATE_EPOCH' });
  return { time: iso(new Date(Number(raw) * 1000)), timeSource: 'SOURCE_DATE_EPOCH' };
}

const iso = (d: Date) => d.toISOString().replace(/\.\d{3}Z$/, 'Z');

let version: string | undefined;

/** package.json sits two levels above both dist/provenance/ and dist/bundle/. */
export function toolVersion(): string {
  if (version === undefined) {
    try {
      version = String((JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version?: unknown }).version ?? 'unknown');
    } catch {
      version = 'unknown';
    }
  }
  return version;
}

/**
 * Names are relative to the rule directory, so a byte-identical copy of rules/
 * elsewhere has the same fingerprint, and renaming or removing a file changes it.
 */
export function rulesFingerprint(set: RuleSet): RulesFingerprint {
  // Taken when the set was loaded, in the same reading of the files as the cache key.
  if (set.filesFingerprint && !set.regime) return { fingerprint: set.filesFingerprint };
  const h = createSha256();
  for (const file of ruleFiles(set.dir)) {
    let bytes: Buffer;
    try {
      bytes = readFileSync(file);
    } catch {
      continue; // a file that is not there is told apart by its missing name
    }
    h.update(relative(set.dir, file).split(sep).join('/')).update('\0').update(bytes).update('\0');
  }
  if (!set.regime) return { fingerprint: h.digest('hex') };
  let bytes: Buffer;
  try {
    bytes = readFileSync(set.regime.file);
  } catch (e) {
    throw SubsidyError.of('FILE_UNREADABLE', { reason: (e as Error).message }, { file: set.regime.file });
  }
  h.update('--regime\0').update(bytes).update('\0');
  return { fingerprint: h.digest('hex'), regime: { file: basename(set.regime.file), sha256: sha256(bytes) } };
}

export function documentStatuses(set: RuleSet): DocumentStatus[] {
  return set.policies.map(({ policy: p }) => ({ id: p.id, title: p.title, docNumber: p.doc_number, status: p.status }));
}

export function provenance(set: RuleSet, inputs: InputHash[], at: RunTime = runTime(), overrides?: Overrides): Provenance {
  const o = overrides && (overrides.region !== undefined || overrides.year !== undefined || overrides.set?.length) ? overrides : undefined;
  const readings = set.readings.map((r) => ({ id: r.id, option: set.choices[r.id] ?? r.default, default: (set.choices[r.id] ?? r.default) === r.default }));
  return {
    tool: 'subsidy',
    version: toolVersion(),
    rules: rulesFingerprint(set),
    documents: documentStatuses(set),
    inputs,
    ...at,
    ...(o ? { overrides: o } : {}),
    readings,
  };
}

/** Streams a file through SHA-256 (batch inputs can be gigabytes). */
export function sha256File(file: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const h = createSha256();
    createReadStream(file)
      .on('data', (c) => h.update(c))
      .on('end', () => resolve(h.digest('hex')))
      .on('error', (e) => reject(SubsidyError.of('FILE_UNREADABLE', { reason: e.message }, { file })));
  });
}

/**
 * Hashes stdin as another reader consumes it. Paused first, so the extra
 * 'data' listener does not start the stream flowing on its own: the reader's
 * own read() calls drive it, and each chunk they take is also emitted here.
 */
export function watchStdin(): () => string {
  const h = createSha256();
  process.stdin.pause();
  process.stdin.on('data', (c: Buffer) => h.update(c));
  return () => h.digest('hex');
}
