/**
 * subsidy as a library: the small, stable API a web portal or a data pipeline embeds.
 * Load a rule set, read an enterprise, evaluate, render; the readings and the fingerprint.
 * The CLI is a client of it too: src/cli loads, reads, evaluates and renders JSON or text
 * only through here (test/architecture/imports.test.ts holds it to that).
 * Everything else under dist/ is internal and may move. Nothing here prints or exits:
 * errors come back as findings, or are thrown as SubsidyError (its .findings say what and where).
 */
import type { Finding, Position } from './errors/codes.js';
import { isSubsidyError } from './errors/subsidy-error.js';
import type { Enterprise, Evaluation } from './engine/types.js';
import type { Lang } from './i18n/messages.js';
import { enterpriseRecord } from './input/enterprise-record.js';
import { type Locate, toEnterprise } from './input/to-enterprise.js';
import { loadRules as load, type RuleSet } from './load/load-rules.js';
import { readYaml } from './load/read-yaml.js';
import { rulesFingerprint as fingerprintOf } from './provenance/provenance.js';
import { withReadings } from './readings/apply-readings.js';
import { chooseReadings as choose } from './readings/choose-readings.js';
import { labelsFor } from './render/labels.js';
import type { ReadingUse } from './reading-effects/readings-in-play.js';
import { renderResult } from './render/render-result.js';
import { type EvaluationJson, evaluationJson, renderJson as renderJsonText } from './render/to-json.js';

export type { Finding, Position } from './errors/codes.js';
export { SubsidyError, isSubsidyError } from './errors/subsidy-error.js';
export type { Enterprise, Evaluation, ClauseResult, PolicyResult } from './engine/types.js';
export type { Lang } from './i18n/messages.js';
export type { RuleSet } from './load/load-rules.js';
export { evaluate, type EvaluateOptions } from './engine/evaluate.js';
export { DEFAULT_RULES_DIR } from './load/load-rules.js';
export type { ReadingUse } from './reading-effects/readings-in-play.js';
export { type EvaluationJson, SCHEMA_VERSION } from './render/to-json.js';

export interface LoadOptions {
  /** A rules directory; the shipped rules/ when left out. */
  rules?: string;
  /** A regime file (rules/regimes/*.yaml) to evaluate under. */
  regime?: string;
  /** Readings chosen by id, as the CLI's --reading id=option; the defaults otherwise. */
  reading?: string[];
  /** A readings file or profile name, as the CLI's --readings. */
  readings?: string;
}

/** Loads and checks a rule set (cached by content), read as chosen. Throws SubsidyError on a bad rule file. */
export async function loadRules(opts: LoadOptions = {}): Promise<RuleSet> {
  const set = await load(opts.rules, opts.regime);
  return applyReadings(set, chooseReadings(set, opts));
}

/** The option in force for each reading, after the user's choices (the defaults where none). */
export function chooseReadings(set: RuleSet, opts: { reading?: string[]; readings?: string } = {}): Record<string, string> {
  return choose(set, opts);
}

/** The rule set as read under the given choices of readings. */
export function applyReadings(set: RuleSet, chosen: Record<string, string>): RuleSet {
  return withReadings(set, chosen);
}

export interface ReadOptions {
  /** The name findings give the input (a file name). */
  file?: string;
  /** Override the record's region or year, as the CLI's --region and --year. */
  region?: string;
  year?: number;
  /** Data already parsed (readRecord): where each field was written; its path in `file` when left out. */
  locate?: (path: (string | number)[]) => Position;
}

/**
 * An enterprise from YAML or JSON text, or from an object already parsed, checked against the
 * rule set's fact dictionary. Never throws for bad input: { enterprise } or { findings }.
 */
export function readEnterprise(set: RuleSet, input: string | object, opts: ReadOptions = {}): { enterprise?: Enterprise; findings: Finding[] } {
  if (typeof input !== 'string') return readRecord(set, input, opts);
  let parsed: ReturnType<typeof enterpriseRecord>;
  try {
    parsed = enterpriseRecord(readYaml(input, opts.file ?? '<input>'));
  } catch (e) {
    if (isSubsidyError(e)) return { findings: e.findings };
    throw e;
  }
  return toEnterprise(set, parsed.record, parsed.locate, { region: opts.region, year: opts.year });
}

/**
 * An enterprise from data a reader of its own has parsed (a YAML file, a table row), of any
 * shape: a value that is not a record is a finding. `opts.locate` says where each field was
 * written, so that findings name the line or cell. Never throws for bad input.
 */
export function readRecord(set: RuleSet, data: unknown, opts: ReadOptions = {}): { enterprise?: Enterprise; findings: Finding[] } {
  const file = opts.file ?? '<input>';
  const locate: Locate = opts.locate ?? ((path) => ({ file, field: path.join('.') }));
  return toEnterprise(set, data, locate, { region: opts.region, year: opts.year });
}

/** The rule set's fingerprint: a SHA-256 over every rule file (and the regime), as results carry it. */
export function rulesFingerprint(set: RuleSet): string {
  return fingerprintOf(set).fingerprint;
}

/** Results as JSON text (the evaluation part of `subsidy calc --format json`): exact amounts as strings. */
export function renderJson(evs: Evaluation | Evaluation[], set: RuleSet, opts: { lang?: Lang } = {}): string {
  return renderJsonText([evs].flat(), set, labelsFor(set, opts.lang ?? 'zh'));
}

/**
 * One result as the object renderJson writes (schemaVersion first), for a caller that adds
 * fields of its own around it, as `calc --format json` adds provenance, input and advice.
 */
export function resultJson(ev: Evaluation, set: RuleSet, opts: { lang?: Lang; ids?: boolean } = {}): EvaluationJson {
  return evaluationJson(ev, set, labelsFor(set, opts.lang ?? 'zh', opts.ids));
}

export interface TextOptions {
  lang?: Lang;
  /** The working below each result: conditions, arithmetic, shares, the quoted clause (CSV: a column). */
  explain?: boolean;
  /** Also the clauses that are not eligible or carry no award. */
  all?: boolean;
  /** Terminal columns for the table; left out, the full layout, stable for logs and files. */
  width?: number;
  /** The itemised table (the default), Markdown, or CSV (one row per clause). */
  format?: 'table' | 'md' | 'csv';
  /** Rule ids beside the names a reader sees. */
  ids?: boolean;
  /** Terminal colours in the table. */
  color?: boolean;
  /** The readings as they stood for each result (from the reading-effects feature): listed, and named where one decided. */
  readings?: ReadingUse[][];
}

/** Results as text: the itemised table `subsidy calc` prints (no colour, full width unless given), or Markdown or CSV. */
export function renderText(evs: Evaluation | Evaluation[], set: RuleSet, opts: TextOptions = {}): string {
  return renderResult([evs].flat(), set, {
    format: opts.format ?? 'table',
    lang: opts.lang ?? 'zh',
    explain: opts.explain,
    all: opts.all,
    width: opts.width,
    ids: opts.ids,
    color: opts.color,
    readings: opts.readings,
  });
}
