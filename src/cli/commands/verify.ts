import { applyReadings, type Enterprise, evaluate, loadRules, readRecord, resultJson, type RuleSet, SCHEMA_VERSION } from '../../index.js';
import { SubsidyError } from '../../errors/subsidy-error.js';
import { catalogue, fill, type Lang } from '../../i18n/messages.js';
import { applyOverrides } from '../../input/apply-overrides.js';
import { enterpriseRecord } from '../../input/enterprise-record.js';
import { readTextFile, readTextFileHashed } from '../../load/read-text-file.js';
import { readYaml, type YamlSource } from '../../load/read-yaml.js';
import { zodFindings } from '../../load/zod-findings.js';
import type { Provenance } from '../../provenance/provenance.js';
import { rulesFingerprint, toolVersion } from '../../provenance/provenance.js';
import { clausesCompared, compareFigures, renderVerdict, type ResultLike, type Verdict } from '../../provenance/verify-result.js';
import type { EmbeddedInput } from '../../provenance/embed-input.js';
import { EvaluationResultSchema } from '../../schema/result-schema.js';
import { writeStdout } from '../stdout.js';

export interface VerifyOptions {
  format: 'text' | 'json';
  lang: Lang;
  rules?: string;
  regime?: string;
}

type Recorded = ResultLike & { provenance: Provenance; input?: EmbeddedInput };

/**
 * `subsidy verify <result.json> [input]`: recomputes a calc result with the
 * current rules and says whether it still holds. Exit 0 it holds; 1 the rules,
 * the input file or a figure differ (each named); 2 the file is not a usable
 * result (thrown as findings, like every other bad input).
 */
export async function verifyCommand(resultFile: string, inputFile: string | undefined, opts: VerifyOptions): Promise<number> {
  const { result: recorded, src } = readResult(resultFile, opts.lang);
  const prov = recorded.provenance;
  // The result is recomputed as it was read: the readings it records, where the rules still have them.
  const loaded = await loadRules({ rules: opts.rules, regime: opts.regime });
  const set = applyReadings(loaded, recordedReadings(loaded, prov));
  const rules = rulesFingerprint(set);
  const recordedInput = prov.inputs.find((i) => i.role === 'input');
  let enterprise: Enterprise;
  let input: Verdict['input'];
  if (inputFile !== undefined) {
    const given = fromInputFile(set, inputFile, prov);
    enterprise = given.enterprise;
    input = { given: true, recorded: recordedInput?.sha256, current: given.sha256, file: recordedInput?.file, changed: given.sha256 !== recordedInput?.sha256 };
  } else {
    if (!recorded.input)
      throw SubsidyError.of(
        'MISSING_FIELD',
        { field: 'input' },
        { file: resultFile, field: 'input' },
        { code: 'TEXT', text: catalogue(opts.lang).words.verifyNoInput! },
      );
    enterprise = fromEmbedded(set, recorded.input, src);
    input = { given: false, recorded: recordedInput?.sha256, file: recordedInput?.file, changed: false };
  }
  const current = resultJson(evaluate(set, enterprise), set);
  const changes = compareFigures(recorded, current);
  const regimeChanged = (prov.rules.regime?.sha256 ?? '') !== (rules.regime?.sha256 ?? '');
  const v: Verdict = {
    holds: false,
    version: { recorded: prov.version, current: toolVersion() },
    rules: { recorded: prov.rules.fingerprint, current: rules.fingerprint, changed: prov.rules.fingerprint !== rules.fingerprint },
    regime: { recorded: prov.rules.regime, current: rules.regime, changed: regimeChanged },
    input,
    compared: clausesCompared(recorded),
    changes,
  };
  v.holds = !v.rules.changed && !v.input.changed && !changes.length;
  writeStdout(opts.format === 'json' ? JSON.stringify(v, null, 2) + '\n' : renderVerdict(v, recorded, current, opts.lang));
  return v.holds ? 0 : 1;
}

function recordedReadings(set: RuleSet, prov: Provenance): Record<string, string> {
  const out: Record<string, string> = {};
  for (const r of prov.readings ?? []) if (set.readings.some((x) => x.id === r.id && x.options.some((o) => o.id === r.option))) out[r.id] = r.option;
  return out;
}

/** The input file read as calc reads it, with the --set, --year and --region recorded in the result applied again. */
function fromInputFile(set: RuleSet, file: string, prov: Provenance): { enterprise: Enterprise; sha256: string } {
  const { text, sha256 } = readTextFileHashed(file);
  if (!text.trim()) throw SubsidyError.of('FILE_EMPTY', {}, { file });
  const { record, locate } = enterpriseRecord(readYaml(text, file === '-' ? '<stdin>' : file));
  const o = prov.overrides ?? {};
  const { enterprise: parsed, findings } = readRecord(set, record, { locate, region: o.region, year: o.year });
  if (!parsed) throw new SubsidyError(findings);
  const { enterprise, findings: setFindings } = applyOverrides(set, parsed, o.set ?? []);
  if (setFindings.length) throw new SubsidyError(setFindings);
  return { enterprise, sha256: sha256() };
}

/** The input embedded in the result, checked as any input file is; problems point into the result file. */
function fromEmbedded(set: RuleSet, input: EmbeddedInput, src: YamlSource): Enterprise {
  const { enterprise, findings } = readRecord(set, input, { locate: (path) => src.locate(['input', ...path]) });
  // toEnterprise names fields from the record's root; here that root is the result's `input`.
  if (!enterprise) throw new SubsidyError(findings.map((f) => ({ ...f, field: f.field ? `input.${f.field}` : 'input' })));
  return enterprise;
}

/** A single calc --format json result of this schema version, or exit 2 saying what it is instead. */
function readResult(file: string, lang: Lang): { result: Recorded; src: YamlSource } {
  const w = catalogue(lang).words;
  const notResult = (detail: string, field?: string) => SubsidyError.of('SCHEMA', { detail }, { file, ...(field ? { field } : {}) });
  const text = readTextFile(file);
  if (!text.trim()) throw SubsidyError.of('FILE_EMPTY', {}, { file });
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    if (looksLikeBatchReport(text)) throw notResult(w.verifyBatchLine!);
    throw SubsidyError.of('JSON_SYNTAX', { detail: (e as Error).message }, { file });
  }
  if (!data || typeof data !== 'object' || Array.isArray(data)) throw notResult(w.verifyNotResult!);
  const d = data as Record<string, unknown>;
  if ('results' in d) throw notResult(w.verifyManyResults!, 'results');
  if ('provenance' in d && !('policies' in d)) throw notResult(w.verifyBatchLine!);
  if (typeof d.schemaVersion === 'number' && d.schemaVersion < SCHEMA_VERSION)
    throw notResult(fill(w.verifyOldSchema!, { version: d.schemaVersion }), 'schemaVersion');
  if (d.schemaVersion !== SCHEMA_VERSION || !Array.isArray(d.policies)) throw notResult(w.verifyNotResult!);
  // YAML reads JSON too, and keeps positions for the findings (and refuses duplicate and prototype keys).
  const src = readYaml(text, file);
  const r = EvaluationResultSchema.partial({ input: true }).safeParse(d);
  if (!r.success) throw new SubsidyError(zodFindings(r.error, src, 'SCHEMA'));
  return { result: r.data as unknown as Recorded, src };
}

/** A batch .jsonl report: its first line is a JSON object with a row number or the provenance line. */
function looksLikeBatchReport(text: string): boolean {
  try {
    const first = JSON.parse(text.slice(0, text.indexOf('\n'))) as Record<string, unknown>;
    return Boolean(first) && typeof first === 'object' && ('row' in first || 'provenance' in first);
  } catch {
    return false;
  }
}
