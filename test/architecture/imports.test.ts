import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

/**
 * The house's one direction of dependencies, measured from the code's own imports: every
 * `import … from`, `export … from`, side-effect `import '…'` and dynamic `import('…')` in src/
 * (type-only imports count too: a type is a dependency a reader must follow just the same).
 * It fails on any cycle between files and on any import from a folder of a lower layer into
 * a folder of a higher one. Known exceptions are listed below by name; the test also fails
 * when one of them is gone, so that the list only ever shrinks.
 */

const SRC = fileURLToPath(new URL('../../src/', import.meta.url));

/** Bottom to top: a folder may import from its own layer and the layers below it. */
const LAYERS: string[][] = [
  ['errors', 'money'],
  ['model', 'schema', 'i18n', 'output'],
  // check/ holds every check a rule set must pass: loading runs them all (src/load/validate-rules.ts)
  // and `rules lint` prints them, so they sit beside the loader; src/lint/ keeps only what the
  // lint command adds (coverage).
  ['load', 'check', 'input', 'rules', 'readings'],
  ['engine'],
  // reading-effects/ evaluates once per option (the readings in play, the range): above the engine,
  // while choosing and applying readings (readings/, whose switches the loader uses) sit below it.
  ['render', 'advice', 'provenance', 'batch', 'interview', 'cases', 'lint', 'reading-effects'],
  // '.' is src/index.ts, the library's entry: a client of everything, like the CLI.
  ['cli', '.'],
];

/**
 * Upward imports that are too big to move in one step, each named with why it is still here.
 * Written "from -> to", paths relative to src/. None is left; the list stays so that an
 * exception, if one is ever needed, is written down with its reason rather than hidden.
 */
const KNOWN_UPWARD: Record<string, string> = {};

/**
 * The engine evaluates a loaded rule set and nothing else: it reads no files, no input and no
 * loader, so that a portal or a pipeline can embed it, and a rule literal is read once, at
 * load, not while evaluating. The folders it may import, each with why:
 */
const ENGINE_MAY_IMPORT: Record<string, string> = {
  engine: 'itself',
  model: 'what it evaluates: the rule set, fact values, the enterprise, thresholds read at load, rule literals, the region tree',
  money: 'exact amounts (decimal.js) rounded half-up to the fen',
  errors: 'the closed set of error codes, should a result name one',
};
/** Folders the engine may take types from, and nothing else (`import type`). */
const ENGINE_MAY_IMPORT_TYPES: Record<string, string> = {
  schema: "the shapes of a policy, clause, fact and region are the zod schemas' inferred types; zod itself never runs in the engine",
};

/** Imports of src/engine/ outside what it may import, as "from -> to". */
function engineViolations(edges: readonly Edge[]): string[] {
  return edges
    .filter((e) => folderOf(e.from) === 'engine')
    .filter((e) => !(folderOf(e.to) in ENGINE_MAY_IMPORT) && !(e.typeOnly && folderOf(e.to) in ENGINE_MAY_IMPORT_TYPES))
    .map((e) => `${e.from} -> ${e.to}${e.typeOnly ? ' (types)' : ''}`)
    .sort();
}

/**
 * The CLI is a client of the library's API (src/index.ts): where it loads a rule set, chooses or
 * applies readings, reads an enterprise, evaluates or renders results as JSON or text, it goes
 * through src/index.ts, so the API is what the CLI itself needs and is exercised by every run.
 * The features above (batch, interview, lint, advice, HTML sheets, provenance …) it may import
 * directly. What the API covers: a folder ends with '/'.
 */
const API_COVERS = [
  'engine/',
  'load/load-rules.ts',
  'readings/apply-readings.ts',
  'readings/choose-readings.ts',
  'input/to-enterprise.ts',
  'render/to-json.ts',
  'render/render-result.ts',
];

const within = (cover: string, to: string) => (cover.endsWith('/') ? to.startsWith(cover) : to === cover);
const covered = (to: string) => API_COVERS.some((c) => within(c, to));

/** Imports of src/cli/ that go round the API, as "from -> to". */
function cliPastApi(edges: readonly Edge[]): string[] {
  return edges
    .filter((e) => folderOf(e.from) === 'cli' && covered(e.to))
    .map((e) => `${e.from} -> ${e.to}`)
    .sort();
}

/** Cycles between files that are known, each as its files sorted and joined by ' <-> '. */
const KNOWN_CYCLES: Record<string, string> = {
  // None left: the load/lint cycle went when RuleSet moved to src/model.
};

const PATTERNS = [/^\s*(?:import|export)\s[^;]*?\sfrom\s*['"]([^'"]+)['"]/gm, /^\s*import\s*['"]([^'"]+)['"]/gm, /\bimport\(\s*['"]([^'"]+)['"]\s*\)/g];

function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...sourceFiles(p));
    else if (p.endsWith('.ts')) out.push(p);
  }
  return out;
}

/** One import of a file of src/ from another: paths relative to src/; typeOnly when it brings in types alone. */
interface Edge {
  from: string;
  to: string;
  typeOnly: boolean;
}

// Only the statement forms `import type … from` and `export type … from` count as types alone:
// `import { type A } from` is counted as a value import, the stricter reading.
const TYPE_ONLY = /^\s*(?:import|export)\s+type\s/;

/** Every import between files of src/ (side-effect and dynamic imports are never type-only). */
function importEdges(src: string): Edge[] {
  const out: Edge[] = [];
  for (const file of sourceFiles(src)) {
    const from = relative(src, file);
    const text = readFileSync(file, 'utf8');
    PATTERNS.forEach((re, i) => {
      for (const m of text.matchAll(re)) {
        const spec = m[1] as string;
        if (!spec.startsWith('.')) continue;
        const to = relative(src, resolve(dirname(file), spec.replace(/\.js$/, '.ts')));
        const typeOnly = i === 0 && TYPE_ONLY.test(m[0]);
        out.push({ from, to, typeOnly });
      }
    });
  }
  return out;
}

/** Each file (relative to src/) with the files of src/ it imports. */
function importGraph(src: string): Map<string, Set<string>> {
  const graph = new Map<string, Set<string>>(sourceFiles(src).map((f) => [relative(src, f), new Set<string>()]));
  for (const e of importEdges(src)) graph.get(e.from)?.add(e.to);
  return graph;
}

const folderOf = (file: string) => (file.includes('/') ? (file.split('/')[0] as string) : '.');

function layerOf(folder: string): number {
  const i = LAYERS.findIndex((l) => l.includes(folder));
  if (i < 0) throw new Error(`src/${folder}/ is in no layer: add it to LAYERS in test/architecture/imports.test.ts`);
  return i;
}

function upwardImports(graph: Map<string, Set<string>>): string[] {
  const out: string[] = [];
  for (const [from, targets] of graph) {
    for (const to of targets) {
      if (layerOf(folderOf(to)) > layerOf(folderOf(from))) out.push(`${from} -> ${to}`);
    }
  }
  return out.sort();
}

/** Strongly connected components of two or more files (Tarjan), each sorted. */
function cycles(graph: Map<string, Set<string>>): string[] {
  let index = 0;
  const idx = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const out: string[] = [];
  const visit = (v: string) => {
    idx.set(v, index);
    low.set(v, index++);
    stack.push(v);
    onStack.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!graph.has(w)) continue;
      if (!idx.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v) as number, low.get(w) as number));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v) as number, idx.get(w) as number));
    }
    if (low.get(v) === idx.get(v)) {
      const scc: string[] = [];
      let w: string;
      do {
        w = stack.pop() as string;
        onStack.delete(w);
        scc.push(w);
      } while (w !== v);
      if (scc.length > 1 || graph.get(v)?.has(v)) out.push(scc.sort().join(' <-> '));
    }
  };
  for (const v of graph.keys()) if (!idx.has(v)) visit(v);
  return out.sort();
}

describe('the direction of dependencies in src/', () => {
  const graph = importGraph(SRC);

  it('reads the imports (a sanity check that the parser sees the house)', () => {
    expect(graph.get('cli/index.ts')?.size ?? 0).toBeGreaterThan(0);
    // A dynamic import is seen: rules.ts loads rules-new.ts on demand.
    expect(graph.get('cli/commands/rules.ts')?.has('cli/commands/rules-new.ts')).toBe(true);
  });

  it('puts every folder of src/ in a layer', () => {
    for (const file of graph.keys()) expect(() => layerOf(folderOf(file))).not.toThrow();
  });

  it('has no import from a lower layer to a higher one, beyond the known ones', () => {
    const found = upwardImports(graph);
    expect(found.filter((e) => !(e in KNOWN_UPWARD))).toEqual([]);
    // A known exception that is gone must leave the list too.
    expect(Object.keys(KNOWN_UPWARD).filter((e) => !found.includes(e))).toEqual([]);
  });

  it('has no import cycle between files, beyond the known ones', () => {
    const found = cycles(graph);
    expect(found.filter((c) => !(c in KNOWN_CYCLES))).toEqual([]);
    expect(Object.keys(KNOWN_CYCLES).filter((c) => !found.includes(c))).toEqual([]);
  });

  it("keeps the engine to the model, money and errors (and the schemas' types)", () => {
    const edges = importEdges(SRC);
    expect(engineViolations(edges)).toEqual([]);
    // Not vacuous: the engine's imports are seen, schema ones among them as types.
    expect(edges.filter((e) => folderOf(e.from) === 'engine' && folderOf(e.to) === 'model').length).toBeGreaterThan(0);
    expect(edges.some((e) => folderOf(e.from) === 'engine' && folderOf(e.to) === 'schema' && e.typeOnly)).toBe(true);
  });

  it('finds an engine import of input, load or a schema value when one is made (the check can fail)', () => {
    const made: Edge[] = [
      { from: 'engine/eval-condition.ts', to: 'input/coerce-value.ts', typeOnly: false },
      { from: 'engine/types.ts', to: 'load/load-rules.ts', typeOnly: true },
      { from: 'engine/evaluate.ts', to: 'schema/policy-schema.ts', typeOnly: false },
      { from: 'engine/evaluate.ts', to: 'schema/policy-schema.ts', typeOnly: true },
    ];
    expect(engineViolations(made)).toEqual([
      'engine/eval-condition.ts -> input/coerce-value.ts',
      'engine/evaluate.ts -> schema/policy-schema.ts',
      'engine/types.ts -> load/load-rules.ts (types)',
    ]);
  });

  it('has the CLI load, read, evaluate and render through the library API (src/index.ts)', () => {
    const edges = importEdges(SRC);
    expect(cliPastApi(edges)).toEqual([]);
    // The API covers what index.ts is made of, and the CLI does use it.
    const fromIndex = edges.filter((e) => e.from === 'index.ts').map((e) => e.to);
    for (const c of API_COVERS)
      expect(
        fromIndex.some((t) => within(c, t)),
        c,
      ).toBe(true);
    expect(edges.filter((e) => folderOf(e.from) === 'cli' && e.to === 'index.ts').length).toBeGreaterThan(3);
  });

  it('finds a CLI import round the API when one is made (the check can fail)', () => {
    const made: Edge[] = [
      { from: 'cli/commands/calc.ts', to: 'engine/evaluate.ts', typeOnly: false },
      { from: 'cli/commands/calc.ts', to: 'engine/types.ts', typeOnly: true },
      { from: 'cli/commands/rules.ts', to: 'load/load-rules.ts', typeOnly: false },
      { from: 'cli/commands/calc.ts', to: 'render/html/render-html.ts', typeOnly: false },
    ];
    expect(cliPastApi(made)).toEqual([
      'cli/commands/calc.ts -> engine/evaluate.ts',
      'cli/commands/calc.ts -> engine/types.ts',
      'cli/commands/rules.ts -> load/load-rules.ts',
    ]);
  });

  it('finds a cycle and an upward import when one is made (the checks can fail)', () => {
    const g = new Map([...graph].map(([k, v]) => [k, new Set(v)]));
    g.get('money/decimal.ts')?.add('cli/index.ts');
    expect(upwardImports(g)).toContain('money/decimal.ts -> cli/index.ts');
    expect(cycles(g).some((c) => c.includes('money/decimal.ts') && c.includes('cli/index.ts'))).toBe(true);
  });
});
