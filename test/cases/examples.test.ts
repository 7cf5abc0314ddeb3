import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { XMLParser } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { caseFiles, loadCaseFile } from '../../src/cases/load-cases.js';
import { runCase } from '../../src/cases/run-case.js';
import { loadRulesSync as loadRules } from '../../src/load/load-rules-sync.js';
import { cli, ROOT } from '../helpers/cli.js';

const set = loadRules();
const files = caseFiles([join(ROOT, 'examples')]);

// Every shipped example is a test: a rule change that shifts an award fails here.
describe.each(files.map((f) => [f.slice(ROOT.length)]))('%s', (rel) => {
  for (const { case: c, src, index } of loadCaseFile(join(ROOT, rel)))
    it(c.name, () => {
      const r = runCase(set, c, src, index);
      expect(r.failures).toEqual([]);
    });
});

describe('subsidy test', () => {
  it('passes on examples/ and prints the summary line', () => {
    const r = cli(['test', 'examples']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(new RegExp(`^${files.length > 0 ? '\\d+' : '0'} passed, 0 failed$`, 'm'));
  });
  it('a wrong expectation fails with exit 1 and names the clause; --junit writes parseable XML', () => {
    const dir = mkdtempSync(join(tmpdir(), 'subsidy-cases-'));
    cpSync(join(ROOT, 'examples', 'lanxi-livestream-agency.yaml'), join(dir, 'a.yaml'));
    const text = readFileSync(join(dir, 'a.yaml'), 'utf8').replace(
      'lanxi-2022/6: { status: eligible, amount: 150000.00',
      'lanxi-2022/6: { status: eligible, amount: 200000.00',
    );
    writeFileSync(join(dir, 'a.yaml'), text);
    const junit = join(dir, 'junit.xml');
    const r = cli(['test', dir, '--junit', junit]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('lanxi-2022/6 amount: expected 200000.00, got 150000.00');
    expect(r.stdout).toMatch(/^0 passed, 1 failed$/m);
    const xml = new XMLParser({ ignoreAttributes: false }).parse(readFileSync(junit, 'utf8'));
    expect(xml.testsuites['@_failures']).toBe('1');
    expect(xml.testsuites.testsuite.testcase.failure['#text']).toContain('lanxi-2022/6');
  });
  it('a malformed case file exits 2 with file and line', () => {
    const dir = mkdtempSync(join(tmpdir(), 'subsidy-cases-'));
    writeFileSync(join(dir, 'bad.yaml'), 'name: x\ninput: { region: 兰溪市, year: 2023 }\nexpected:\n  lanxi-2022/6: { status: maybe }\n');
    const r = cli(['test', dir]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/bad\.yaml:4:\d+.*CASE_INVALID/);
  });
  it('--format json and --keyword filter', () => {
    const j = JSON.parse(cli(['test', 'examples', '--keyword', 'exclusion', '--format', 'json']).stdout);
    expect(j.results.length).toBeGreaterThanOrEqual(1);
    expect(j.failed).toBe(0);
  });
});
