import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli, ROOT } from '../helpers/cli.js';

/**
 * The engine as a library, used the way an embedder would: a fresh project that installs this
 * repository by path (offline: npm links a directory) and imports `subsidy` by its name. What it
 * computes must be what the CLI prints for the same file.
 */
const EXAMPLE = 'examples/lanxi-cross-border-seller.yaml';

// The README's "Use as a library" example, word for word.
const SCRIPT = `import { readFileSync } from 'node:fs';
import { loadRules, readEnterprise, evaluate, rulesFingerprint } from 'subsidy';

const set = await loadRules();
const file = process.argv[2];
const { enterprise, findings } = readEnterprise(set, readFileSync(file, 'utf8'), { file });
if (!enterprise) throw new Error(JSON.stringify(findings));
const result = evaluate(set, enterprise);
console.log(result.totals.sure.toFixed(2), rulesFingerprint(set));
`;

// Compiled against the published declarations: the API's types are part of what it promises.
const TYPED = `import { applyReadings, chooseReadings, evaluate, loadRules, readEnterprise, readRecord, renderJson, renderText, resultJson, SCHEMA_VERSION, type Evaluation } from 'subsidy';

const set = applyReadings(await loadRules(), chooseReadings(await loadRules(), {}));
const read = readEnterprise(set, { region: '兰溪市', year: 2023, facts: {} });
const again = readRecord(set, JSON.parse('{}'), { locate: (path) => ({ file: 'row 2', field: path.join('.') }) });
if (read.enterprise) {
  const ev: Evaluation = evaluate(set, read.enterprise);
  const text: string = renderJson(ev, set) + renderText([ev], set, { lang: 'en' }) + renderText(ev, set, { format: 'csv', ids: true });
  const json = { ...resultJson(ev, set, { lang: 'en' }), mine: 1 };
  const version: number = json.schemaVersion === SCHEMA_VERSION ? json.mine : 0;
  void text, version;
} else for (const f of [...read.findings, ...again.findings]) void f.code;
`;

let dir: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'subsidy-lib-'));
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'embedder', private: true, type: 'module' }));
  // --ignore-scripts: the repository is already built (npm test builds first); offline: no registry.
  execFileSync('npm', ['install', ROOT, '--no-save', '--offline', '--ignore-scripts', '--no-audit', '--no-fund'], { cwd: dir, stdio: 'pipe' });
  writeFileSync(join(dir, 'main.mjs'), SCRIPT);
  writeFileSync(join(dir, 'typed.ts'), TYPED);
}, 120000);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('subsidy as a library, from another project', () => {
  it('declares its entry and types in package.json, and they are built', () => {
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
    const entry = pkg.exports['.'];
    expect(existsSync(join(ROOT, entry.default))).toBe(true);
    expect(existsSync(join(ROOT, entry.types))).toBe(true);
  });

  it('imported by name, evaluates an example to the sure total and fingerprint the CLI prints', () => {
    const r = spawnSync(process.execPath, ['main.mjs', join(ROOT, EXAMPLE)], { cwd: dir, encoding: 'utf8' });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const [sure, fingerprint] = r.stdout.trim().split(' ');
    const c = cli(['calc', EXAMPLE, '--format', 'json']);
    expect(c.code, c.stderr).toBe(0);
    const json = JSON.parse(c.stdout);
    expect(sure).toBe(json.totals.sure);
    expect(fingerprint).toBe(json.provenance.rules.fingerprint);
    // Not a vacuous match: the example pays something.
    expect(Number(sure)).toBeGreaterThan(0);
  });

  it('reports bad input as findings, not as a thrown error', () => {
    const script = `import { loadRules, readEnterprise } from 'subsidy';
const set = await loadRules();
console.log(JSON.stringify([readEnterprise(set, 'region: [unclosed', { file: 'x.yaml' }), readEnterprise(set, { regoin: 'x' })].map((r) => [!!r.enterprise, r.findings.map((f) => f.code)])));
`;
    writeFileSync(join(dir, 'bad.mjs'), script);
    const r = spawnSync(process.execPath, ['bad.mjs'], { cwd: dir, encoding: 'utf8' });
    expect(r.stderr).toBe('');
    const [[okText, codesText], [okObject, codesObject]] = JSON.parse(r.stdout);
    expect([okText, okObject]).toEqual([false, false]);
    expect(codesText.length).toBeGreaterThan(0);
    expect(codesObject).toContain('UNKNOWN_FIELD');
  });

  it('type-checks a TypeScript client against the declarations', () => {
    const tsc = join(ROOT, 'node_modules/typescript/bin/tsc');
    const args = ['--noEmit', '--strict', '--skipLibCheck', '--target', 'es2022', '--module', 'nodenext', '--moduleResolution', 'nodenext', '--types', 'node'];
    const r = spawnSync(process.execPath, [tsc, ...args, '--typeRoots', join(ROOT, 'node_modules/@types'), 'typed.ts'], { cwd: dir, encoding: 'utf8' });
    expect(r.stdout + r.stderr).toBe('');
    expect(r.status).toBe(0);
  });
});
