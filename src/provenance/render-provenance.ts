import { catalogue, fill, type Lang } from '../i18n/messages.js';
import { csvCell } from '../render/render-csv.js';
import { shortHash, type DocumentStatus, type InputHash, type Provenance } from './provenance.js';

/**
 * The provenance block of each text format, added at the end of a report by
 * the command that writes it: the renderers themselves are left alone.
 */

const roleWord = { input: 'provInput', history: 'provHistory', case: 'provCase' } as const;

export function documentLabel(d: Pick<DocumentStatus, 'docNumber' | 'title'>): string {
  return d.docNumber ? `${d.docNumber} ${d.title}` : d.title;
}

export function statusWord(status: DocumentStatus['status'], lang: Lang): string {
  const w = catalogue(lang).words;
  return status === 'draft' ? w.draft! : status === 'trial' ? w.status_trial! : w.provInForce!;
}

/** --region, --year and --set as given, in words: 地区 兰溪市；年度 2024；网络零售额=2000万. */
export function overridesText(p: Provenance, lang: Lang): string {
  const o = p.overrides;
  if (!o) return '';
  const w = catalogue(lang).words;
  return [...(o.region !== undefined ? [`${w.region} ${o.region}`] : []), ...(o.year !== undefined ? [`${w.year} ${o.year}`] : []), ...(o.set ?? [])].join(
    lang === 'zh' ? '；' : '; ',
  );
}

/** Label and value cells, in the order every format shows them; `full` keeps whole hashes (machine formats). */
export function provenanceLines(p: Provenance, lang: Lang, full: boolean): string[][] {
  const w = catalogue(lang).words;
  const hash = (h: string) => (full ? h : shortHash(h));
  const input = (i: InputHash) => [w[roleWord[i.role]]!, hash(i.sha256), i.file];
  return [
    [w.provTool!, `${p.tool} ${p.version}`],
    [w.provRules!, hash(p.rules.fingerprint)],
    ...(p.rules.regime ? [[w.provRegime!, p.rules.regime.file, hash(p.rules.regime.sha256)]] : []),
    ...p.inputs.map(input),
    [w.provTime!, p.time],
    ...(p.overrides ? [[w.provOverrides!, overridesText(p, lang)]] : []),
    ...p.documents.map((d) => [w.provDocStatus!, documentLabel(d), statusWord(d.status, lang)]),
    ...readingLines(p, lang),
  ];
}

/** The readings in force: each one chosen away from its default by name, the rest in one line. */
function readingLines(p: Provenance, lang: Lang): string[][] {
  const w = catalogue(lang).words;
  const chosen = p.readings.filter((r) => !r.default).map((r) => [w.provReading!, r.id, r.option]);
  const rest = p.readings.filter((r) => r.default).length;
  return [...chosen, ...(rest ? [[w.provReading!, fill(w.provReadingsDefault!, { count: rest })]] : [])];
}

/** How many cells a CSV line has: commas outside quotes, plus one. */
export function csvColumns(line: string): number {
  let n = 1;
  let quoted = false;
  for (const ch of line.replace(/\r?\n[\s\S]*$/, '')) {
    if (ch === '"') quoted = !quoted;
    else if (ch === ',' && !quoted) n++;
  }
  return n;
}

/**
 * Trailing rows after an empty row, each padded to the header's width so a
 * strict CSV reader still sees a rectangle. The first cell is a marker starting
 * with # (the template's notes-row convention); the values sit in the leftmost
 * text columns, never in an amount column, so =SUM() over amounts is unchanged.
 */
export function provenanceCsv(p: Provenance, lang: Lang, columns: number): string {
  const w = catalogue(lang).words;
  const pad = (cells: string[]) => [...cells, ...Array<string>(Math.max(0, columns - cells.length)).fill('')];
  const row = (cells: string[]) => pad(cells).map(csvCell).join(',') + '\r\n';
  return (
    row([]) +
    provenanceLines(p, lang, true)
      .map((cells) => row([w.provMarker!, ...cells]))
      .join('')
  );
}

export function provenanceMarkdown(p: Provenance, lang: Lang): string {
  const esc = (s: string) => s.replace(/\|/g, '\\|').replace(/[\r\n]+/g, ' ');
  const lines = provenanceLines(p, lang, false).map(([label, ...rest]) => `- ${esc(label!)}: ${rest.map(esc).join(' · ')}`);
  return `\n### ${catalogue(lang).words.provHead}\n\n${lines.join('\n')}\n`;
}

/** One line under the table: version and rules only, no time, so two runs on a terminal diff quietly. */
export function provenanceFooter(p: Provenance, lang: Lang): string {
  return fill(catalogue(lang).words.provFooter!, { version: `${p.tool} ${p.version}`, fingerprint: shortHash(p.rules.fingerprint) }) + '\n';
}

/** Comment lines (without the #) for a YAML file such as saved interview answers. */
export function provenanceComment(p: Provenance, lang: Lang): string[] {
  return provenanceLines(p, lang, true).map(([label, ...rest]) => ` ${label}: ${rest.join(' · ')}`);
}

/** JUnit <property> pairs: stable ASCII names for CI tools, whole hashes. */
export function junitProperties(p: Provenance): [string, string][] {
  return [
    ['subsidy.version', p.version],
    ['subsidy.rules.fingerprint', p.rules.fingerprint],
    ...(p.rules.regime ? ([['subsidy.regime', `${p.rules.regime.file} ${p.rules.regime.sha256}`]] as [string, string][]) : []),
    ...p.inputs.map((i): [string, string] => [`subsidy.${i.role}.${i.file}`, i.sha256]),
    ['subsidy.time', p.time],
    ...p.documents.map((d): [string, string] => [`subsidy.document.${d.id}`, `${d.status} ${documentLabel(d)}`]),
  ];
}

/** The batch JSON Lines report ends with one line that is not an enterprise: it has no `row`. */
export function provenanceJsonl(p: Provenance): string {
  return JSON.stringify({ provenance: p }) + '\n';
}

/** The block a calc report in `format` ends with (the table's footer is written after any advice). */
export function provenanceBlock(format: 'table' | 'csv' | 'md' | 'json', p: Provenance, lang: Lang, report: string): string {
  if (format === 'csv') return provenanceCsv(p, lang, csvColumns(report));
  if (format === 'md') return provenanceMarkdown(p, lang);
  return '';
}

/** What a batch report ends with, after the renderer's own end: `header` is the report's first line (CSV width). */
export function reportTrailer(format: 'csv' | 'jsonl' | 'md', p: Provenance, lang: Lang, header: string): string {
  if (format === 'csv') return provenanceCsv(p, lang, csvColumns(header));
  if (format === 'jsonl') return provenanceJsonl(p);
  return provenanceMarkdown(p, lang);
}
