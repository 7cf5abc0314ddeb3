import { type Enterprise, type Evaluation, evaluate, loadRules, type ReadOptions, readRecord, renderText, resultJson, type RuleSet } from '../../index.js';
import { readTextFileHashed } from '../../load/read-text-file.js';
import { readYaml } from '../../load/read-yaml.js';
import { SubsidyError } from '../../errors/subsidy-error.js';
import { enterpriseRecord } from '../../input/enterprise-record.js';
import { renderHtml } from '../../render/html/render-html.js';
import type { Lang } from '../../i18n/messages.js';
import { applyOverrides } from '../../input/apply-overrides.js';
import { labelsFor, type Labels } from '../../render/labels.js';
import type { Range, RangeEnd } from '../../reading-effects/range.js';
import { terminalWidth } from '../terminal-width.js';
import { BOM, formatOfName, toStdout, writeOutput } from '../write-output.js';
import { inputName, lazyInput, provenance, runTime } from '../../provenance/provenance.js';
import { provenanceBlock, provenanceFooter, provenanceLines } from '../../provenance/render-provenance.js';
import { embeddedInput } from '../../provenance/embed-input.js';
import { safeJson, safeText } from '../../i18n/safe-text.js';
import { regionOption, yearOption } from '../option-values.js';
import { reason } from '../../i18n/reasons.js';
import { isTable } from '../../batch/read/input-format.js';
import { stdoutIsTerminal } from '../stdout.js';

type Format = 'table' | 'json' | 'csv' | 'md' | 'html';
type Locate = NonNullable<ReadOptions['locate']>;

export interface CalcOptions {
  year?: string;
  region?: string;
  format?: Format;
  explain?: boolean;
  all?: boolean;
  interactive?: boolean;
  set?: string[];
  compare?: boolean;
  hints?: boolean;
  missing?: boolean;
  lang: Lang;
  rules?: string;
  regime?: string;
  ids?: boolean;
  reading?: string[];
  readings?: string;
  range?: boolean;
  /** A batch table (CSV or workbook): the data row (--row) or the enterprise id (--id) to evaluate. */
  row?: string;
  id?: string;
  sheet?: string;
  headerRow?: string;
  /** A file to write instead of stdout (`-`: stdout). */
  out?: string;
  /** CSV: start with the byte-order mark Excel needs (--no-bom: false). */
  bom?: boolean;
}

const EXTENSIONS: Record<string, Format> = { '.csv': 'csv', '.json': 'json', '.md': 'md', '.html': 'html', '.htm': 'html', '.txt': 'table' };

export async function calc(file: string | undefined, opts: CalcOptions): Promise<number> {
  if (opts.interactive) return (await import('./ask.js')).ask(opts);
  if (file === undefined) throw SubsidyError.of('USAGE', { detail: reason('calcUsage') });
  const at = runTime();
  const set = await loadRules(opts);
  const year = yearOption(opts.year);
  const region = regionOption(set, opts.region);
  const { record, locate, sha256 } = await readInput(set, file, opts);
  const { enterprise: parsed, findings } = readRecord(set, record, { locate, region, year });
  if (!parsed) throw new SubsidyError(findings);
  const { enterprise, findings: setFindings } = applyOverrides(set, parsed, opts.set ?? []);
  if (setFindings.length) throw new SubsidyError(setFindings);
  const ev = evaluate(set, enterprise);
  // The base case for --compare is the file as written: no --set, --year or --region.
  const base = opts.compare ? (readRecord(set, record, { locate }).enterprise ?? parsed) : parsed;
  const advice = await adviseIfAsked(set, enterprise, ev, base, opts);
  const prov = provenance(set, [lazyInput('input', inputName(file), sha256)], at, { region: opts.region, year, set: opts.set });
  const labels = labelsFor(set, opts.lang, opts.ids);
  const readings = await readingsIfUsed(set, enterprise, ev, opts, labels);
  const inputs = [file, ...(opts.regime ? [opts.regime] : [])];
  // --format wins; else the --out file's extension; else the table.
  const format = opts.format ?? formatOfName(opts.out, EXTENSIONS) ?? 'table';
  if (format === 'json') {
    const { schemaVersion, ...result } = resultJson(ev, set, { lang: opts.lang, ids: opts.ids });
    const input = embeddedInput(set, record, enterprise, opts.set);
    writeOutput(
      safeJson(JSON.stringify({ schemaVersion, provenance: prov, ...result, input, ...readings.json, ...advice.json }, null, 2)) + '\n',
      opts.out,
      inputs,
    );
    return 0;
  }
  const terminal = toStdout(opts.out) && stdoutIsTerminal();
  const width = format === 'table' && toStdout(opts.out) ? terminalWidth() : undefined;
  // The calculation sheet shows the provenance in its header; the other formats end with it.
  const report =
    format === 'html'
      ? renderHtml([ev], set, labels, { provenance: provenanceLines(prov, opts.lang, false), all: opts.all }, [readings.uses])
      : renderText(ev, set, {
          format,
          explain: opts.explain,
          all: opts.all,
          lang: opts.lang,
          ids: opts.ids,
          readings: [readings.uses],
          color: terminal && !process.env.NO_COLOR,
          width,
        });
  const trailer = format === 'html' ? '' : provenanceBlock(format, prov, opts.lang, report);
  // CSV and HTML are structures a program or a browser reads: the range and advice go beside them (stderr), never into them.
  const structured = format === 'csv' || format === 'html';
  const extra = [readings.text, advice.text]
    .filter(Boolean)
    .map((t) => '\n' + safeText(t))
    .join('');
  const footer = format === 'table' ? '\n' + provenanceFooter(prov, opts.lang) : '';
  writeOutput((format === 'csv' && opts.bom !== false ? BOM : '') + report + trailer + (structured ? '' : extra) + footer, opts.out, inputs);
  if (extra && structured) process.stderr.write(extra.slice(1));
  return 0;
}

/** One enterprise: a YAML or JSON file, or one row of a batch table chosen with --row or --id. */
async function readInput(set: RuleSet, file: string, opts: CalcOptions): Promise<{ record: unknown; locate: Locate; sha256: () => string }> {
  // The table readers (csv-parse, iconv-lite, the workbook reader) load only for a table.
  const table = isTable(file);
  if (!table && (opts.row ?? opts.id ?? opts.sheet ?? opts.headerRow) !== undefined)
    throw SubsidyError.of('USAGE', { detail: reason('rowOptions') }, { field: opts.row !== undefined ? '--row' : '--id' });
  if (table) {
    if (opts.row === undefined && opts.id === undefined)
      throw SubsidyError.of('TABLE_FOR_CALC', { file, batch: `subsidy batch ${file}`, row: '--row N', id: '--id X' }, { file });
    if (opts.row !== undefined && opts.id !== undefined) throw SubsidyError.of('USAGE', { detail: reason('rowOrId') }, { field: '--id' });
    const { sha256File } = await import('../../provenance/provenance.js');
    const row = opts.row === undefined ? undefined : whole(opts.row, '--row');
    const headerRow = opts.headerRow === undefined ? undefined : whole(opts.headerRow, '--header-row');
    const { tableRow } = await import('../../batch/read/table-row.js');
    const { record, locate } = await tableRow(set, file, { row, id: opts.id?.trim(), sheet: opts.sheet, headerRow });
    const hash = await sha256File(file);
    return { record, locate, sha256: () => hash };
  }
  const { text, sha256 } = readTextFileHashed(file);
  if (!text.trim()) throw SubsidyError.of('FILE_EMPTY', {}, { file });
  const src = readYaml(text, file === '-' ? '<stdin>' : file);
  return { ...enterpriseRecord(src), sha256 };
}

function whole(raw: string, field: string): number {
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1) throw SubsidyError.of('USAGE', { detail: reason('wholeFromOne', { field, value: raw }) }, { field });
  return n;
}

/** The readings that decided something here (every output names them), and with --range the range across them. */
async function readingsIfUsed(set: RuleSet, ent: Enterprise, ev: Evaluation, opts: CalcOptions, labels: Labels) {
  if (!set.readings.length) return { uses: [], json: { readings: [] }, text: '' };
  const { readingsInPlay } = await import('../../reading-effects/readings-in-play.js');
  const uses = readingsInPlay(set, ent, ev);
  const json: Record<string, unknown> = {
    readings: uses.map((u) => ({ id: u.id, option: u.option, default: u.isDefault, decided: u.decided, touches: u.touches })),
  };
  if (!opts.range) return { uses, json, text: '' };
  const [{ readingRange }, { renderRange }] = await Promise.all([import('../../reading-effects/range.js'), import('../../render/render-readings.js')]);
  const range = readingRange(set, ent, ev);
  json.range = rangeJson(range);
  return { uses, json, text: renderRange(range, labels) };
}

function rangeJson(r: Range) {
  const end = (e: RangeEnd) => ({ amount: e.amount.toFixed(2), status: e.status, readings: e.choices });
  return {
    readings: r.readings,
    combinations: r.combinations,
    sure: { low: end(r.sure.low), high: end(r.sure.high) },
    ceilings: { low: end(r.ceilings.low), high: end(r.ceilings.high) },
    clauses: r.clauses.map((c) => ({ id: c.clauseId, low: end(c.low), high: end(c.high) })),
  };
}

/** --hints, --missing and --compare: advice computed from the same engine, loaded only when asked. */
async function adviseIfAsked(set: RuleSet, ent: Enterprise, ev: Evaluation, base: Enterprise, opts: CalcOptions) {
  const json: Record<string, unknown> = {};
  const text: string[] = [];
  const labels = labelsFor(set, opts.lang, opts.ids);
  if (!opts.hints && !opts.missing && !opts.compare) return { json, text: '' };
  const [{ nextTierHints }, { missingDataReport }, render, { diffResults }] = await Promise.all([
    import('../../advice/next-tier.js'),
    import('../../advice/missing-data.js'),
    import('../../render/render-advice.js'),
    import('../../render/diff-results.js'),
  ]);
  if (opts.hints) {
    const hints = nextTierHints(set, ent, ev);
    json.hints = hints.map((h) => ({
      clause: h.clauseId,
      fact: h.fact,
      current: h.current.toFixed(),
      target: h.target.toFixed(),
      increase: h.increase.toFixed(),
      before: h.before.toFixed(2),
      after: h.after.toFixed(2),
      gain: h.gain.toFixed(2),
    }));
    text.push(render.renderHints(hints, labels));
  }
  if (opts.missing) {
    const missing = missingDataReport(set, ev, labels);
    json.missingData = missing.map((m) => ({ fact: m.fact, label: m.label, clauses: m.clauses, upTo: m.upTo.toFixed(2), unbounded: m.unbounded }));
    text.push(render.renderMissing(missing, labels));
  }
  if (opts.compare) {
    const before = resultJson(evaluate(set, base), set);
    const changes = diffResults(before, resultJson(ev, set));
    json.compare = { base: { region: base.region, year: base.year, totals: before.totals }, changes };
    text.push(render.renderChanges(changes, labels));
  }
  return { json, text: text.join('\n') };
}
