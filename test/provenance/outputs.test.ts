import { createHash } from 'node:crypto';
import { appendFileSync, cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse as parseCsv } from 'csv-parse/sync';
import { XMLParser } from 'fast-xml-parser';
import { parseDocument } from 'yaml';
import { describe, expect, it } from 'vitest';
import { answersYaml } from '../../src/interview/save-answers.js';
import { EvaluationResultSchema } from '../../src/schema/result-schema.js';
import { toEnterprise } from '../../src/input/to-enterprise.js';
import { provenance } from '../../src/provenance/provenance.js';
import { shippedRules } from '../helpers/mini-rules.js';
import { cli, ROOT } from '../helpers/cli.js';

const EXAMPLE = 'examples/lanxi-cross-border-seller.yaml';
const REGIME = 'rules/regimes/illustrative.yaml';
const EPOCH = { SOURCE_DATE_EPOCH: '1700000000' };
const EPOCH_TIME = '2023-11-14T22:13:20Z';
// Each test runs the CLI two or three times; on a busy 2-core machine one run can take seconds.
const SLOW = { timeout: 120000 };
const dir = mkdtempSync(join(tmpdir(), 'subsidy-prov-'));
// Rule copies get their own cache, not the project's.
const env = { ...EPOCH, SUBSIDY_CACHE_DIR: join(dir, 'cache') };
const sha = (file: string) =>
  createHash('sha256')
    .update(readFileSync(join(ROOT, file)))
    .digest('hex');
const version = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).version as string;
const set = shippedRules();
const documents = set.policies.map(({ policy: p }) => ({ id: p.id, status: p.status }));

const calcJson = (args: string[], input?: string, extra: Record<string, string> = {}) => {
  const r = cli(['calc', ...args, '--format', 'json'], input, { ...env, ...extra });
  expect(r.code, r.stderr).toBe(0);
  return JSON.parse(r.stdout);
};
const fingerprint = calcJson([EXAMPLE]).provenance.rules.fingerprint as string;

/** A CSV report read strictly (every record as wide as the header), split at the first all-empty row. */
function csvParts(text: string) {
  const rows = parseCsv(text, { bom: true }) as string[][];
  const end = rows.findIndex((r) => r.every((c) => c === ''));
  return { header: rows[0]!, body: rows.slice(1, end), trailer: rows.slice(end + 1) };
}
const cellsOf = (trailer: string[][], label: string) => trailer.filter((r) => r[1] === label).map((r) => r.slice(2));

describe('calc --format json carries the provenance', SLOW, () => {
  const j = calcJson([EXAMPLE]);
  it('tool version, the rule set fingerprint, every document with its status, the input hash and the time', () => {
    expect(j.provenance).toMatchObject({ tool: 'subsidy', version, time: EPOCH_TIME, timeSource: 'SOURCE_DATE_EPOCH' });
    expect(j.provenance.rules.fingerprint).toMatch(/^[0-9a-f]{64}$/);
    expect(j.provenance.documents.map((d: { id: string; status: string }) => ({ id: d.id, status: d.status }))).toEqual(documents);
    expect(j.provenance.inputs).toEqual([{ role: 'input', file: 'lanxi-cross-border-seller.yaml', sha256: sha(EXAMPLE) }]);
    expect(j.provenance.overrides).toBeUndefined();
  });
  it('stdin is hashed too, as <stdin>; without SOURCE_DATE_EPOCH the time is the clock', () => {
    const before = Date.now();
    const k = calcJson(['-'], readFileSync(join(ROOT, EXAMPLE), 'utf8'), { SOURCE_DATE_EPOCH: '' });
    expect(k.provenance.inputs).toEqual([{ role: 'input', file: '<stdin>', sha256: sha(EXAMPLE) }]);
    expect(k.provenance.timeSource).toBe('clock');
    const t = Date.parse(k.provenance.time);
    expect(t).toBeGreaterThanOrEqual(Math.floor(before / 1000) * 1000);
    expect(t).toBeLessThanOrEqual(Date.now());
  });
  it('--set, --year and --region are recorded and already applied to the embedded input', () => {
    const k = calcJson([EXAMPLE, '--set', '网络零售额=2000万', '--year', '2024']);
    expect(k.provenance.overrides).toEqual({ year: 2024, set: ['网络零售额=2000万'] });
    expect(k.input).toMatchObject({ region: '330781', year: 2024, facts: { online_sales: '2000万' } });
  });
  it('the fingerprint is that of the bytes: a copy elsewhere has it, an edited copy or a --regime file does not', () => {
    const copy = join(dir, 'rules-copy');
    cpSync(join(ROOT, 'rules'), copy, { recursive: true });
    expect(calcJson([EXAMPLE, '--rules', copy]).provenance.rules.fingerprint).toBe(fingerprint);
    appendFileSync(join(copy, 'policies', 'lanxi-2022.yaml'), '# a comment changes the bytes\n');
    expect(calcJson([EXAMPLE, '--rules', copy]).provenance.rules.fingerprint).not.toBe(fingerprint);
    const withRegime = calcJson([EXAMPLE, '--regime', REGIME]).provenance.rules;
    expect(withRegime.fingerprint).not.toBe(fingerprint);
    expect(withRegime.regime).toEqual({ file: 'illustrative.yaml', sha256: sha(REGIME) });
  });
  it('matches the result schema, with --explain and the advice fields too; the generated JSON Schema requires both new fields', () => {
    for (const k of [j, calcJson([EXAMPLE, '--explain', '--hints', '--missing', '--compare', '--set', '网络零售额=3000万'])]) {
      const parsed = EvaluationResultSchema.safeParse(k);
      expect(parsed.success ? [] : parsed.error.issues.slice(0, 3)).toEqual([]);
    }
    const schema = JSON.parse(readFileSync(join(ROOT, 'rules/schema/result.schema.json'), 'utf8'));
    const single = schema.anyOf.find((b: { properties: object }) => 'policies' in b.properties);
    expect(single.required).toEqual(expect.arrayContaining(['schemaVersion', 'provenance', 'input']));
    expect(single.properties.schemaVersion.const).toBe(2);
  });
  it('a malformed SOURCE_DATE_EPOCH is refused (exit 2), with no stack trace', () => {
    const r = cli(['calc', EXAMPLE], undefined, { SOURCE_DATE_EPOCH: 'yesterday' });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('SOURCE_DATE_EPOCH');
    expect(r.stderr).not.toMatch(/^\s+at /m);
  });
});

describe('calc CSV, Markdown and table carry it without disturbing the report', SLOW, () => {
  it('CSV: the header stays first; after an empty row, #说明 rows as wide as the header, no figure in an amount column', () => {
    const text = cli(['calc', EXAMPLE, '--format', 'csv'], undefined, env).stdout;
    const { header, body, trailer } = csvParts(text);
    expect(header.slice(0, 2)).toEqual(['文件', '条款']);
    expect(body.length).toBeGreaterThan(0);
    expect(trailer.every((r) => r[0] === '#说明' && r.length === header.length)).toBe(true);
    expect(trailer.every((r) => r.slice(4).every((c) => c === ''))).toBe(true);
    expect(cellsOf(trailer, '工具版本').map((c) => c[0])).toEqual([`subsidy ${version}`]);
    expect(cellsOf(trailer, '规则指纹')[0]![0]).toBe(fingerprint);
    expect(cellsOf(trailer, '输入文件指纹')[0]!.slice(0, 2)).toEqual([sha(EXAMPLE), 'lanxi-cross-border-seller.yaml']);
    expect(cellsOf(trailer, '生成时间')[0]![0]).toBe(EPOCH_TIME);
    const statuses = cellsOf(trailer, '文件状态').map((c) => c[1]);
    expect(statuses).toEqual(documents.map((d) => ({ draft: '征求意见稿', trial: '试行' })[d.status as string] ?? '已施行'));
  });
  it('CSV in English: the same rows, in English words', () => {
    const { trailer } = csvParts(cli(['calc', EXAMPLE, '--format', 'csv', '--lang', 'en'], undefined, env).stdout);
    expect(trailer.map((r) => r[0])).toEqual(trailer.map(() => '#about'));
    expect(cellsOf(trailer, 'Tool version')).toHaveLength(1);
    expect(cellsOf(trailer, 'Document status').map((c) => c[1])).toEqual(
      documents.map((d) => ({ draft: 'draft', trial: 'trial' })[d.status as string] ?? 'in force'),
    );
  });
  it('Markdown: a 来源与版本 section with the short fingerprint, the input hash and the time', () => {
    const md = cli(['calc', EXAMPLE, '--format', 'md'], undefined, env).stdout;
    const section = md.slice(md.indexOf('### 来源与版本'));
    expect(section).toContain(`- 工具版本: subsidy ${version}`);
    expect(section).toContain(`- 规则指纹: ${fingerprint.slice(0, 16)}\n`);
    expect(section).toContain(`- 输入文件指纹: ${sha(EXAMPLE).slice(0, 16)} · lanxi-cross-border-seller.yaml`);
    expect(section).toContain(`- 生成时间: ${EPOCH_TIME}`);
    expect(section.match(/- 文件状态: /g)).toHaveLength(documents.length);
  });
  it('table: a last line with version and fingerprint, and no time (two runs diff quietly)', () => {
    const out = cli(['calc', EXAMPLE], undefined, { SOURCE_DATE_EPOCH: '' }).stdout;
    expect(out.trimEnd().split('\n').at(-1)).toBe(`工具版本 subsidy ${version} · 规则指纹 ${fingerprint.slice(0, 16)}`);
    expect(out).not.toMatch(/\d{4}-\d{2}-\d{2}T\d{2}:/);
  });
  it('every format is byte-identical across runs under SOURCE_DATE_EPOCH', () => {
    for (const format of ['json', 'csv', 'md', 'table']) {
      const args = ['calc', EXAMPLE, '--format', format, '--set', '网络零售额=2000万'];
      expect(cli(args, undefined, env).stdout, format).toBe(cli(args, undefined, env).stdout);
    }
  });
});

describe('batch reports end with the provenance', SLOW, () => {
  const input = 'examples/batch/enterprises.csv';
  const history = 'examples/batch/history.csv';
  const run = (ext: string, args: string[] = [], stdin?: string) => {
    const out = join(dir, `report-${Math.random().toString(36).slice(2)}.${ext}`);
    const r = cli(['batch', stdin === undefined ? input : '-', '--out', out, '--history', history, ...args], stdin, env);
    expect(r.code, r.stderr).toBe(0);
    return readFileSync(out, 'utf8');
  };
  const inputs = [
    { role: 'input', file: 'enterprises.csv', sha256: sha(input) },
    { role: 'history', file: 'history.csv', sha256: sha(history) },
  ];

  it('.jsonl: one last line {provenance}, with the input and history hashes', () => {
    const lines = run('jsonl')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(lines.slice(0, -1).every((l) => typeof l.row === 'number' && !l.provenance)).toBe(true);
    expect(lines.at(-1)).toEqual({ provenance: expect.objectContaining({ version, inputs, time: EPOCH_TIME, rules: { fingerprint } }) });
  });
  it('.csv: the header first, the report rectangular, #说明 rows after an empty row', () => {
    const text = run('csv');
    const { header, body, trailer } = csvParts(text);
    expect(header[0]).toBe('行号');
    expect(body.every((r) => /^\d+$/.test(r[0]!))).toBe(true);
    const award = header.indexOf('确定金额（元）');
    expect(award).toBeGreaterThan(3);
    expect(trailer.every((r) => r[0] === '#说明' && r.slice(4).every((c) => c === ''))).toBe(true);
    expect(cellsOf(trailer, '规则指纹')[0]![0]).toBe(fingerprint);
    expect(cellsOf(trailer, '历史文件指纹')[0]!.slice(0, 2)).toEqual([sha(history), 'history.csv']);
    expect(run('csv')).toBe(text);
  });
  it('.md: a 来源与版本 section after the totals', () => {
    const md = run('md');
    expect(md.indexOf('### 来源与版本')).toBeGreaterThan(0);
    expect(md).toContain(`- 输入文件指纹: ${sha(input).slice(0, 16)} · enterprises.csv`);
  });
  it('stdin: the hash is of the bytes the reader took, over many chunks', () => {
    const rows = Array.from({ length: 3000 }, (_, i) => `E${i},企业${i},兰溪市,2023,电商企业,${(i % 40) * 50}万,`).join('\n');
    const text = `企业编号,企业名称,地区,年度,主体类型,线上销售额（网络零售额）,第三方平台跨境B2C销售额（美元）\n${rows}\n`;
    expect(Buffer.byteLength(text)).toBeGreaterThan(128 * 1024); // several pipe reads
    const lines = run('jsonl', ['--format', 'jsonl'], text).trim().split('\n');
    expect(lines).toHaveLength(3001);
    expect(JSON.parse(lines.at(-1)!).provenance.inputs[0]).toEqual({ role: 'input', file: '<stdin>', sha256: createHash('sha256').update(text).digest('hex') });
  });
});

describe('test --junit and saved interview answers', SLOW, () => {
  it('JUnit: suite properties with version, fingerprint, documents, each case file hash and the time', () => {
    const junit = join(dir, 'junit.xml');
    const cases = ['examples/lanxi-livestream-agency.yaml', 'examples/lanxi-platform-operator.yaml'];
    expect(cli(['test', ...cases, '--junit', junit], undefined, env).code).toBe(0);
    const xml = new XMLParser({ ignoreAttributes: false }).parse(readFileSync(junit, 'utf8'));
    const props = Object.fromEntries(
      (xml.testsuites.testsuite.properties.property as { '@_name': string; '@_value': string }[]).map((p) => [p['@_name'], p['@_value']]),
    );
    expect(props).toMatchObject({ 'subsidy.version': version, 'subsidy.rules.fingerprint': fingerprint, 'subsidy.time': EPOCH_TIME });
    for (const c of cases) expect(props[`subsidy.case.${c}`]).toBe(sha(c));
    for (const d of documents) expect(props[`subsidy.document.${d.id}`]).toMatch(new RegExp(`^${d.status} `));
    expect(xml.testsuites.testsuite.testcase).toHaveLength(2);
  });
  it('saved answers: a comment header calc ignores, with version, fingerprint and time', () => {
    const prov = provenance(set, [], { time: EPOCH_TIME, timeSource: 'SOURCE_DATE_EPOCH' });
    const text = answersYaml(set, { region: '330781', year: 2023, given: new Map([['online_sales', '1500万']]), skipped: [] }, 'zh', prov);
    const doc = parseDocument(text);
    expect(doc.commentBefore).toContain(' subsidy ask — 2023-11-14');
    expect(doc.commentBefore).toContain(` 工具版本: subsidy ${version}`);
    expect(doc.commentBefore).toContain(` 规则指纹: ${fingerprint}`);
    expect(doc.commentBefore).toContain(` 生成时间: ${EPOCH_TIME}`);
    const { enterprise, findings } = toEnterprise(set, doc.toJS(), () => ({}));
    expect(findings).toEqual([]);
    expect(enterprise!.facts.get('online_sales')?.toString()).toBe('15000000');
    const saved = join(dir, 'answers.yaml');
    writeFileSync(saved, text);
    expect(cli(['calc', saved], undefined, env).code).toBe(0);
  });
});
