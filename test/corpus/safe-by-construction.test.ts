import { mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { parse as parseCsv } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { readYaml } from '../../src/load/read-yaml.js';
import { isSubsidyError } from '../../src/errors/subsidy-error.js';
import { toEnterprise } from '../../src/input/to-enterprise.js';
import { PolicySchema } from '../../src/schema/policy-schema.js';
import { csvCell, csvLine, renderCsv } from '../../src/render/render-csv.js';
import { safeText } from '../../src/i18n/safe-text.js';
import { evaluate } from '../../src/engine/evaluate.js';
import { labelsFor } from '../../src/render/labels.js';
import { cli, ROOT } from '../helpers/cli.js';
import { thrownCode } from '../helpers/thrown-code.js';
import { enterprise, ruleSetWith, shippedRules } from '../helpers/mini-rules.js';

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    return statSync(p).isDirectory() ? sourceFiles(p) : p.endsWith('.ts') ? [p] : [];
  });
}

describe('rule files cannot run code', () => {
  const files = sourceFiles(join(ROOT, 'src'));
  it('no eval, no Function constructor, no vm, no child processes anywhere in src/', () => {
    expect(files.length).toBeGreaterThan(30);
    const banned = [/\beval\s*\(/, /\bnew\s+Function\b/, /(?<![\w.])Function\s*\(/, /['"](node:)?vm['"]/, /['"](node:)?child_process['"]/];
    // The launcher alone may use vm: it compiles the project's own build output, with V8's code cache.
    const launcher = join(ROOT, 'src/cli/launch.ts');
    for (const f of files) {
      const text = readFileSync(f, 'utf8');
      for (const re of banned) if (!(f === launcher && re.source.includes('vm'))) expect(re.test(text), `${f} matches ${re}`).toBe(false);
    }
  });
  it('the launcher compiles nothing but the bundle the build wrote', () => {
    const text = readFileSync(join(ROOT, 'src/cli/launch.ts'), 'utf8');
    const scripts = [...text.matchAll(/new Script\((.+?), \{/g)].map((m) => m[1]);
    expect(scripts).toEqual(['source']);
    expect(text).toContain('const { source, cachedData } = readBundle(file);');
    expect(text).toMatch(/const fd = openSync\(BUNDLE, 'r'\);/);
    expect(text).toMatch(/const BUNDLE = fileURLToPath\(new URL\('\.\.\/bundle\/subsidy\.cjs', import\.meta\.url\)\);/);
  });
  it('every dynamic import() names a fixed module (nothing from data decides what code loads)', () => {
    for (const f of files)
      for (const m of readFileSync(f, 'utf8').matchAll(/\bimport\(\s*([^)]*)\)/g)) expect(m[1], `${f}: import(${m[1]})`).toMatch(/^'[^']+'$/);
  });
  it('the rule schema admits only its closed set of award kinds and expression operators', () => {
    const clause = (award: unknown) => ({ id: 'p/x', number: '1', title: 't', quote: 'some quote', status: 'computable', award });
    const policy = (award: unknown) => ({
      id: 'p',
      title: 't',
      issuer: 'i',
      doc_number: null,
      source: 's.txt',
      numbering: ['arabic_dot'],
      level: 'county',
      status: 'in_force',
      validity: { from: '2020-01-01', to: null },
      applies_to: ['330781'],
      fiscal: { otherwise: 'current_regime' },
      clauses: [clause(award)],
    });
    expect(PolicySchema.safeParse(policy({ kind: 'fixed', amount: '5万' })).success).toBe(true);
    expect(PolicySchema.safeParse(policy({ kind: 'js', code: 'process.exit(9)' })).success).toBe(false);
    expect(PolicySchema.safeParse(policy({ kind: 'rate', rate: '5%', base: { eval: 'process.exit(9)' } })).success).toBe(false);
    expect(PolicySchema.safeParse(policy({ kind: 'fixed', amount: 'require("fs")' })).success).toBe(false);
  });
  it('YAML tags that other loaders execute are inert data here', () => {
    const g = globalThis as { pwned?: number };
    for (const text of [
      'a: !!js/function "function () { globalThis.pwned = 1 }"',
      'a: !!js/undefined ""',
      'a: !<tag:yaml.org,2002:js/function> "() => { globalThis.pwned = 1 }"',
    ]) {
      try {
        const data = readYaml(text, 't.yaml').data as { a: unknown };
        expect(typeof data.a).not.toBe('function');
      } catch (e) {
        if (!isSubsidyError(e)) throw e;
      }
    }
    expect(g.pwned).toBeUndefined();
  });
});

describe('prototype pollution through input keys is impossible', () => {
  const hostile = [
    ['__proto__ at top level', 'region: 兰溪市\nyear: 2023\n__proto__: { polluted: 1 }\n'],
    ['__proto__ under facts', 'region: 兰溪市\nyear: 2023\nfacts:\n  __proto__: { polluted: 1 }\n'],
    ['constructor.prototype at top level', 'region: 兰溪市\nyear: 2023\nconstructor: { prototype: { polluted: 1 } }\n'],
    ['constructor.prototype under facts', 'region: 兰溪市\nyear: 2023\nfacts:\n  constructor: { prototype: { polluted: 1 } }\n'],
    ['__proto__ in JSON', '{"region": "兰溪市", "year": 2023, "facts": {"__proto__": {"polluted": 1}}}'],
    ['prototype deep in a list', 'region: 兰溪市\nyear: 2023\nfacts:\n  entity_kinds: [{ prototype: { polluted: 1 } }]\n'],
  ] as const;
  it.each(hostile)('%s: the load fails with FORBIDDEN_KEY and Object.prototype stays clean', (_name, text) => {
    expect(thrownCode(() => readYaml(text, 'p.yaml'))).toBe('FORBIDDEN_KEY');
    expect(({} as { polluted?: unknown }).polluted).toBeUndefined();
    expect(Object.hasOwn(Object.prototype, 'polluted')).toBe(false);
  });
  it('records built elsewhere (JSON.parse keeps __proto__ as an own key) are refused field by field, without pollution', () => {
    const set = shippedRules();
    const rec = JSON.parse(
      '{"region":"兰溪市","year":2023,"__proto__":{"polluted":1},"facts":{"__proto__":{"polluted":1},"constructor":{"prototype":{"polluted":1}},"toString":1},"history":{"hasOwnProperty":{}}}',
    );
    const { enterprise: ent, findings } = toEnterprise(set, rec, () => ({}));
    expect(ent).toBeUndefined();
    expect(findings.map((f) => `${f.code} ${f.field}`).sort()).toEqual([
      'UNKNOWN_CLAUSE history.hasOwnProperty',
      'UNKNOWN_FACT facts.__proto__',
      'UNKNOWN_FACT facts.constructor',
      'UNKNOWN_FACT facts.toString',
      'UNKNOWN_FIELD __proto__',
    ]);
    expect(({} as { polluted?: unknown }).polluted).toBeUndefined();
  });
});

describe('CSV output neutralises formula cells', () => {
  const dangerous = /^[=+\-@\t\r]/;
  it('any text read back from csvCell is the text itself (control characters escaped), or that behind a quote mark when it would start a formula', () => {
    fc.assert(
      fc.property(
        fc.array(fc.oneof(fc.string(), fc.constantFrom('=1+1', '+1', '-1', '@SUM(A1)', '\t=1', '\r=1', '=HYPERLINK("http://x","y")', 'a,"b"\n=c')), {
          minLength: 1,
          maxLength: 6,
        }),
        (cells) => {
          const back = parseCsv(csvLine(cells), { relax_column_count: true })[0] as string[];
          expect(back).toHaveLength(cells.length);
          back.forEach((cell, i) => {
            expect(dangerous.test(cell), JSON.stringify(cell)).toBe(false);
            const shown = safeText(cells[i]!);
            expect(cell === shown || cell === `'${shown}`).toBe(true);
          });
        },
      ),
      { numRuns: 500 },
    );
    expect(csvCell('=cmd|" /C calc"!A0')).toBe(`"'=cmd|"" /C calc""!A0"`);
  });
  it('`subsidy batch --out report.csv`: enterprise names written as formulas come out as text', () => {
    const out = join(mkdtempSync(join(tmpdir(), 'subsidy-formula-')), 'report.csv');
    const r = cli(['batch', 'test/corpus/batch/formula-cells.csv', '--out', out]);
    expect(r.code, r.stderr).toBe(0);
    const cells = (parseCsv(readFileSync(out, 'utf8'), { bom: true, relax_column_count: true }) as string[][]).flat();
    expect(cells).toEqual(expect.arrayContaining([`'=HYPERLINK("http://evil")`, `'+1+1`, `'@SUM(A1)`]));
    for (const c of cells) expect(dangerous.test(c), c).toBe(false);
  });
  it('a rule title written as a formula comes out of `calc --format csv` as text', () => {
    const set = ruleSetWith([
      {
        id: 'test/x',
        number: '1',
        title: '=HYPERLINK("http://evil","点我")',
        quote: 'test quote',
        status: 'computable',
        award: { kind: 'fixed', amount: '1万' },
      },
    ]);
    const rows = parseCsv(renderCsv(evaluate(set, enterprise(set, {})), labelsFor(set, 'zh'), true), { relax_column_count: true }) as string[][];
    const cells = rows.flat();
    expect(cells).toContain(`'=HYPERLINK("http://evil","点我")`);
    for (const c of cells) expect(dangerous.test(c), c).toBe(false);
  });
});
