import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { isDeepStrictEqual } from 'node:util';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parsePlainYaml } from '../../src/load/parse-plain-yaml.js';
import { readYaml, readYamlDocument } from '../../src/load/read-yaml.js';
import { ROOT } from '../helpers/cli.js';

/**
 * Enterprise files in the plain subset of YAML are read without the yaml library
 * (src/load/parse-plain-yaml.ts). There must be no second opinion: whatever the plain reader
 * accepts, the library reads the same way, without an error; the rest goes to the library.
 */

/** The library's reading as read-yaml.ts takes it, or its error code. */
function library(text: string): { data?: unknown; error?: string } {
  try {
    return { data: readYamlDocument(text, 'x.yaml', {}).data };
  } catch (e) {
    return { error: (e as { findings?: { code: string }[] }).findings?.[0]?.code ?? String(e) };
  }
}

/** Holds one text to the rule; says whether the plain reader took it. */
function agrees(text: string): boolean {
  const plain = parsePlainYaml(text);
  if (!plain) return false;
  const lib = library(text);
  expect(lib.error, text).toBeUndefined();
  expect(isDeepStrictEqual(plain.value, lib.data), `${text}\nplain: ${JSON.stringify(plain.value)}\nlibrary: ${JSON.stringify(lib.data)}`).toBe(true);
  return true;
}

// Scalars and keys at the edges of the core schema and of what a plain scalar may hold.
const WORDS = [
  'a',
  'b c',
  '是',
  '否',
  '2000万',
  '35%',
  '1',
  '-1',
  '+1',
  '007',
  '-0',
  '1.5',
  '.5',
  '1.',
  '+.5',
  '-.',
  '0x1F',
  '0o17',
  '0o8',
  '1e3',
  '1E-2',
  '.inf',
  '-.Inf',
  '.nan',
  '.NaN',
  'true',
  'True',
  'TRUE',
  'tRue',
  'false',
  'null',
  'Null',
  'NULL',
  'nULL',
  '~',
  'yes',
  'no',
  'on',
  '12:30',
  '2023-05-01',
  '331100-direct',
  '1_000',
  '-',
  '-a',
  '- a',
  '?',
  '?x',
  '? x',
  ':x',
  'a:b',
  'a: b',
  'a:',
  'a #b',
  'a#b',
  '#a',
  "O'Brien",
  '"q"',
  "'q'",
  "'it''s'",
  "'a",
  '"a',
  '"a\\"b"',
  '"a\\nb"',
  "'a # b'",
  '<<',
  '&x',
  '*x',
  '!x',
  '!!str x',
  '|',
  '>',
  '%x',
  '@x',
  '`x',
  '[a]',
  '{a: 1}',
  '[',
  ']',
  '{',
  '}',
  ',',
  'a,b',
  'a, b',
  'a]',
  '\u00a0a',
  'a\u00a0',
  'é',
  '😀',
  '__proto__',
  'constructor',
  'prototype',
  'hangzhou-ecommerce-2022/6c',
  'x'.repeat(210),
  '---',
  '...',
];
// Mostly words a plain reading takes, so that documents without an edge in them are common too.
const PLAIN = [
  'a',
  'b c',
  '是',
  '2000万',
  '35%',
  '1',
  '-1',
  '1.5',
  'true',
  'null',
  'x_y',
  'hangzhou-ecommerce-2022/6c',
  '331100-direct',
  'a:b',
  'a#b',
  "O'Brien",
];
const word = fc.oneof({ arbitrary: fc.constantFrom(...PLAIN), weight: 12 }, { arbitrary: fc.constantFrom(...WORDS), weight: 1 });

type Tree = { map: [string, Tree][] } | { seq: Tree[] } | { scalar: string };
const { tree } = fc.letrec<{ tree: Tree }>((tie) => ({
  tree: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    word.map((scalar) => ({ scalar })),
    fc.array(fc.tuple(word, tie('tree')), { maxLength: 4 }).map((map) => ({ map })),
    fc.array(tie('tree'), { maxLength: 4 }).map((seq) => ({ seq })),
  ),
}));
const topLevel = fc.oneof(
  fc.array(fc.tuple(word, tree), { minLength: 1, maxLength: 5 }).map((map): Tree => ({ map })),
  fc.array(tree, { minLength: 1, maxLength: 4 }).map((seq): Tree => ({ seq })),
);

interface Style {
  step: number;
  flowAt: number;
  compactSeq: boolean;
  comments: boolean;
  crlf: boolean;
}

const flow = (t: Tree): string =>
  'scalar' in t ? t.scalar : 'seq' in t ? `[${t.seq.map(flow).join(', ')}]` : `{ ${t.map.map(([k, v]) => `${k}: ${flow(v)}`).join(', ')} }`;

/** A tree written in block style down to `flowAt` levels, then in flow style. */
function block(t: Tree, indent: number, depth: number, s: Style): string[] {
  const pad = ' '.repeat(indent);
  const note = (line: string, i: number) => (s.comments && i % 2 ? `${line} # note` : line);
  if ('scalar' in t || depth >= s.flowAt) return [pad + flow(t)];
  if ('seq' in t)
    return t.seq.flatMap((v, i) => {
      if ('scalar' in v || depth + 1 >= s.flowAt) return [note(`${pad}- ${flow(v)}`, i)];
      const inner = block(v, indent + s.step, depth + 1, s);
      return [`${pad}-`, ...inner];
    });
  return t.map.flatMap(([k, v], i) => {
    if ('scalar' in v || depth + 1 >= s.flowAt) return [note(`${pad}${k}: ${flow(v)}`, i)];
    const inner = block(v, 'seq' in v && s.compactSeq ? indent : indent + s.step, depth + 1, s);
    return [`${pad}${k}:`, ...(s.comments ? [`${pad}# a comment line`] : []), ...inner];
  });
}

const style = fc.record({
  step: fc.integer({ min: 1, max: 4 }),
  flowAt: fc.integer({ min: 0, max: 4 }),
  compactSeq: fc.boolean(),
  comments: fc.boolean(),
  crlf: fc.boolean(),
});
const written = fc.tuple(topLevel, style).map(([t, s]) => block(t, 0, 0, s).join(s.crlf ? '\r\n' : '\n') + '\n');

/** A character that may change what a text means, put in somewhere. */
const MARKS = [
  '\t',
  ' ',
  '  ',
  '#',
  ' #',
  ':',
  ': ',
  '-',
  '- ',
  '&',
  '*',
  '!',
  '|',
  '>',
  '%',
  '@',
  '`',
  '"',
  "'",
  '?',
  ',',
  '[',
  ']',
  '{',
  '}',
  '\n',
  '\r',
  '\n  ',
  '\u00a0',
  '\ufeff',
  '\u2028',
  '\\',
];
const mutated = fc
  .tuple(written, fc.array(fc.tuple(fc.nat(), fc.constantFrom(...MARKS)), { minLength: 1, maxLength: 3 }))
  .map(([text, marks]) => marks.reduce((t, [at, m]) => t.slice(0, at % (t.length + 1)) + m + t.slice(at % (t.length + 1)), text));

describe('the plain reading of YAML', () => {
  it('reads every document it takes as the yaml library does, without an error (documents written in every style)', () => {
    let taken = 0;
    let runs = 0;
    fc.assert(
      fc.property(written, (text) => {
        runs++;
        if (agrees(text)) taken++;
      }),
      { numRuns: 3000 },
    );
    // Counted, so that the check cannot pass by taking nothing: most such documents are plain.
    expect(taken).toBeGreaterThan(runs / 10);
  });

  it('reads every document it takes as the library does, after marks that change a meaning are put in anywhere', () => {
    fc.assert(
      fc.property(mutated, (text) => {
        agrees(text);
      }),
      { numRuns: 4000 },
    );
  });

  it('takes every shipped example, and reads every YAML file of the project as the library does', () => {
    const files = execFileSync('git', ['ls-files', '*.yaml', '*.yml'], { cwd: ROOT, encoding: 'utf8' }).trim().split('\n');
    const examples = files.filter((f) => /^examples\/[^/]+\.yaml$/.test(f));
    expect(examples.length).toBeGreaterThan(0);
    for (const f of files) {
      const taken = agrees(readFileSync(`${ROOT}/${f}`, 'utf8'));
      if (examples.includes(f)) expect(taken, f).toBe(true);
    }
  });

  it('leaves to the library what it refuses or reads otherwise: duplicate and prototype keys, tags, anchors, tabs', () => {
    for (const text of ['a: 1\na: 2\n', '__proto__: 1\n', 'a: !!binary eA==\n', 'a: &x 1\nb: *x\n', 'a:\n\tb: 1\n', 'a: "x\\ty"\n', '{a: 1}\n'])
      expect(parsePlainYaml(text), text).toBeUndefined();
    expect(() => readYaml('a: 1\na: 2\n', 'x.yaml')).toThrow(/DUPLICATE_GIVEN|x\.yaml/);
  });

  it('points at the same places as the library when a finding needs a position', () => {
    const text = readFileSync(`${ROOT}/examples/hangzhou-ecommerce-2022-xiaoshan-brand.yaml`, 'utf8');
    expect(parsePlainYaml(text)).toBeDefined();
    const fast = readYaml(text, 'x.yaml');
    const full = readYamlDocument(text, 'x.yaml', {});
    for (const path of [
      ['input', 'facts', 'online_sales'],
      ['input', 'history', 'hangzhou-ecommerce-2022/6c', 'paid_total'],
      ['input', 'facts', 'entity_kinds', 0],
      ['nothing'],
    ])
      expect(fast.locate(path)).toEqual(full.locate(path));
  });
});

describe('a position is worked out only for a finding', () => {
  it('reading a valid enterprise asks for no position (each one would make the library parse the file)', async () => {
    const { toEnterprise } = await import('../../src/input/to-enterprise.js');
    const { enterpriseRecord } = await import('../../src/input/enterprise-record.js');
    const { shippedRules } = await import('../helpers/mini-rules.js');
    const set = shippedRules();
    const files = execFileSync('git', ['ls-files', 'examples/*.yaml'], { cwd: ROOT, encoding: 'utf8' }).trim().split('\n');
    for (const f of files.filter((x) => !x.includes('/batch/'))) {
      const src = readYaml(readFileSync(`${ROOT}/${f}`, 'utf8'), f);
      const { record, locate } = enterpriseRecord(src);
      let asked = 0;
      const r = toEnterprise(set, record, (path) => (asked++, locate(path)));
      expect(r.enterprise, f).toBeDefined();
      expect(asked, f).toBe(0);
    }
    // A finding still gets its place.
    const bad = enterpriseRecord(readYaml('region: 兰溪市\nyear: 2023\nfacts:\n  no_such_fact: 1\n', 'bad.yaml'));
    const r = toEnterprise(set, bad.record, bad.locate);
    expect(r.findings[0]).toMatchObject({ file: 'bad.yaml', line: 4 });
  });
});
