import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ERROR_CODES, type ErrorCode } from '../../src/errors/codes.js';
import { DEFAULT_RULES_DIR } from '../../src/load/load-rules.js';
import { brokenCopy, edit, lintInProcess, run, type Edit } from '../helpers/broken-rules.js';

/**
 * Every check `rules lint` makes, each on a copy of rules/ with one thing broken:
 * lint names the file and line with the code (exit 1), and `calc` refuses the same
 * set with exit 2 and the very same message. One row per check.
 */

interface Row {
  name: string;
  code: ErrorCode;
  edits: Edit[];
  /** Where the message points: the line of the first edit (default), another line of that file, or no line (a directory). */
  at?: 'edit' | 'file' | 'none';
  /** What the message must also contain. */
  mentions?: string[];
  regime?: string;
}

const LANXI = 'policies/lanxi-2022.yaml';
const HZ = 'policies/hangzhou-ecommerce-2022.yaml';

const ROWS: Row[] = [
  {
    name: 'a fixed amount of zero',
    code: 'RULE_NOT_POSITIVE',
    edits: [edit(LANXI, 'award: { kind: fixed, amount: 30万 }', 'award: { kind: fixed, amount: 0 }')],
  },
  {
    name: 'a negative fixed amount',
    code: 'RULE_NOT_POSITIVE',
    edits: [edit(LANXI, 'award: { kind: fixed, amount: 30万 }', 'award: { kind: fixed, amount: -50000 }')],
  },
  { name: 'a rate of 0%', code: 'RULE_NOT_POSITIVE', edits: [edit(LANXI, 'items: event_costs, rate: 50%', 'items: event_costs, rate: 0%')] },
  { name: 'a negative tier amount', code: 'RULE_NOT_POSITIVE', edits: [edit(LANXI, '- { at: 500万, amount: 5万 }', '- { at: 500万, amount: -50000 }')] },
  { name: 'a rate written 1.5 (no %)', code: 'RULE_RATE_PERCENT', edits: [edit(LANXI, 'items: event_costs, rate: 50%', 'items: event_costs, rate: 1.5')] },
  { name: "a rate written '50' (no %)", code: 'RULE_RATE_PERCENT', edits: [edit(LANXI, 'items: event_costs, rate: 50%', "items: event_costs, rate: '50'")] },
  {
    name: 'a rate above 100% without the marker',
    code: 'RULE_RATE_OVER_100',
    edits: [edit(LANXI, 'items: event_costs, rate: 50%', 'items: event_costs, rate: 150%')],
    mentions: ['rate_over_100'],
  },
  { name: 'per_step with step 0', code: 'RULE_NOT_POSITIVE', edits: [edit('policies/jinyun-2025.yaml', 'step: 1亿', 'step: 0')] },
  { name: 'per_step with a negative step', code: 'RULE_NOT_POSITIVE', edits: [edit('policies/jinyun-2025.yaml', 'step: 1亿', 'step: -100000000')] },
  {
    name: 'a fixed amount written as a percentage',
    code: 'RULE_AMOUNT_PERCENT',
    edits: [edit(LANXI, 'award: { kind: fixed, amount: 30万 }', 'award: { kind: fixed, amount: 5% }')],
  },
  {
    name: 'a fixed amount in US dollars',
    code: 'RULE_AMOUNT_CURRENCY',
    edits: [edit(LANXI, 'award: { kind: fixed, amount: 30万 }', 'award: { kind: fixed, amount: 30万美元 }')],
  },
  {
    name: 'a cap in US dollars',
    code: 'RULE_AMOUNT_CURRENCY',
    edits: [edit(LANXI, 'caps: [{ amount: 10万, per: year }]', 'caps: [{ amount: 10万美元, per: year }]')],
  },
  {
    name: 'a rate of a dollar figure (paid as yuan)',
    code: 'RULE_AMOUNT_CURRENCY',
    edits: [
      edit(
        LANXI,
        'award: { kind: per_item, items: event_costs, rate: 50%, cap_each: 2万 }',
        'award: { kind: rate, rate: 5%, base: { fact: cbec_b2c_sales_usd } }',
      ),
    ],
  },
  {
    name: 'a base that can go below zero',
    code: 'RULE_MAY_BE_NEGATIVE',
    edits: [
      edit(
        LANXI,
        'award: { kind: per_item, items: event_costs, rate: 50%, cap_each: 2万 }',
        'award: { kind: rate, rate: 50%, base: { sub: [{ fact: online_sales }, { fact: service_income }] } }',
      ),
    ],
  },
  {
    name: 'policy shares of 60% + 30%',
    code: 'RULE_SHARES_SUM',
    edits: [
      edit(HZ, 'shares: [{ level: local, share: 75% }, { level: city, share: 25% }]', 'shares: [{ level: local, share: 60% }, { level: city, share: 30% }]'),
    ],
    mentions: ['90%'],
  },
  {
    name: 'policy shares of 150% and -50%',
    code: 'RULE_NOT_POSITIVE',
    edits: [
      edit(
        HZ,
        'shares: [{ level: local, share: 75% }, { level: city, share: 25% }]',
        "shares: [{ level: local, share: 150% }, { level: city, share: '-50%' }]",
      ),
    ],
  },
  {
    name: 'a share written 1 (no %)',
    code: 'RULE_RATE_PERCENT',
    edits: [edit(LANXI, 'otherwise: { shares: [{ level: local, share: 100% }] }', 'otherwise: { shares: [{ level: local, share: 1 }] }')],
  },
  {
    name: 'a level named twice in one split',
    code: 'RULE_LEVEL_TWICE',
    edits: [
      edit(HZ, 'shares: [{ level: local, share: 75% }, { level: city, share: 25% }]', 'shares: [{ level: local, share: 75% }, { level: local, share: 25% }]'),
    ],
  },
  {
    name: 'a duplicate region code',
    code: 'RULE_DUPLICATE_ID',
    edits: [
      edit(
        'regions.yaml',
        "  - { code: '330781', name: 兰溪市",
        "  - { code: '330781', name: 兰溪市二, en: Lanxi 2, kind: county_city, parent: '330700' }\n  - { code: '330781', name: 兰溪市",
      ),
    ],
    at: 'file',
  },
  {
    name: 'a region with an unknown parent',
    code: 'RULE_UNKNOWN_REGION',
    edits: [edit('regions.yaml', "kind: county_city, parent: '330700' }", "kind: county_city, parent: '330799' }")],
  },
  {
    name: 'a region parent cycle',
    code: 'RULE_REGION_CYCLE',
    edits: [edit('regions.yaml', "name: 金华市, en: Jinhua, kind: city, parent: '330000' }", "name: 金华市, en: Jinhua, kind: city, parent: '330781' }")],
  },
  {
    name: 'an alias claimed by two facts',
    code: 'RULE_NAME_CLASH',
    edits: [edit('facts.yaml', 'aliases: [运营月数, 正常运营月数]', 'aliases: [运营月数, 正常运营月数, 汇率]')],
  },
  {
    name: "an alias equal to another fact's id",
    code: 'RULE_NAME_CLASH',
    edits: [edit('facts.yaml', 'aliases: [运营月数, 正常运营月数]', 'aliases: [运营月数, 正常运营月数, online_sales]')],
  },
  {
    name: '`to` before `from`',
    code: 'RULE_DATE_ORDER',
    edits: [edit(LANXI, '  to: null\n  quote: 本意见自2022年3月23日起实行', "  to: '2021-12-31'\n  quote: 本意见自2022年3月23日起实行")],
  },
  {
    name: 'an impossible date (2022-13-45)',
    code: 'RULE_BAD_DATE',
    edits: [edit(LANXI, "from: '2022-03-23'", "from: '2022-13-45'")],
    mentions: ['2022-13-45'],
  },
  { name: 'tiers out of order', code: 'RULE_TIER_ORDER', edits: [edit(LANXI, '- { at: 1000万, amount: 10万 }', '- { at: 400万, amount: 10万 }')] },
  { name: 'a repeated tier threshold', code: 'RULE_TIER_ORDER', edits: [edit(LANXI, '- { at: 1000万, amount: 10万 }', '- { at: 500万, amount: 10万 }')] },
  { name: 'a higher tier paying less', code: 'RULE_TIER_AMOUNT', edits: [edit(LANXI, '- { at: 1000万, amount: 10万 }', '- { at: 1000万, amount: 4万 }')] },
  {
    name: 'a cap below what the clause always pays',
    code: 'RULE_CAP_BELOW_AWARD',
    edits: [edit(LANXI, 'award: { kind: fixed, amount: 10万 }', 'award: { kind: fixed, amount: 10万 }\n    caps: [{ amount: 5万, per: item }]')],
    at: 'file',
  },
  { name: 'per_item over a fact that is not a list', code: 'RULE_NOT_A_LIST', edits: [edit(LANXI, 'items: event_costs', 'items: online_sales')] },
  {
    name: 'instalments.count: 1e8',
    code: 'RULE_INSTALMENTS',
    edits: [edit('policies/lishui-2020.yaml', 'instalments: { count: 2,', 'instalments: { count: 1e8,')],
  },
  { name: 'a rules directory without policies/', code: 'RULE_NO_DOCUMENTS', edits: [{ file: 'policies', delete: true }], at: 'none' },
  {
    name: 'an empty policies/',
    code: 'RULE_NO_DOCUMENTS',
    edits: [
      { file: 'policies', delete: true },
      { file: 'policies/README.txt', write: 'nothing here' },
    ],
    at: 'none',
  },
  {
    name: 'a clause number the source does not print',
    code: 'RULE_NUMBER_NOT_IN_SOURCE',
    edits: [edit(LANXI, "    number: '16'", "    number: '18'")],
    mentions: ['18'],
  },
  {
    name: "an exclusion's clause the source does not print",
    code: 'RULE_NUMBER_NOT_IN_SOURCE',
    edits: [edit(LANXI, "{ id: dishonest, clause: '15',", "{ id: dishonest, clause: '（十五）',")],
  },
  {
    name: 'a numbered item with no rule',
    code: 'RULE_ITEM_UNACCOUNTED',
    edits: [
      edit(
        LANXI,
        "  - id: lanxi-2022/16\n    number: '16'\n    title: 资金不与税收留地挂钩\n    quote: 本意见奖励补助资金不与税收留地部分挂钩。\n    status: provision\n",
        '',
      ),
    ],
    at: 'file',
    mentions: ['16.'],
  },
  {
    name: 'a numbering style that matches nothing',
    code: 'RULE_NUMBERING_NO_MATCH',
    edits: [edit(LANXI, 'numbering: [arabic_dot]', 'numbering: [arabic_dot, article]')],
    at: 'file',
    mentions: ['第一条'],
  },
  { name: 'a quote that is not in the source', code: 'RULE_QUOTE_NOT_FOUND', edits: [edit(LANXI, '一次性给予5万元奖励。', '一次性给予6万元奖励。')] },
  {
    name: 'a missing source text',
    code: 'RULE_SOURCE_NOT_FOUND',
    edits: [edit(LANXI, 'source: 004_d6af3fc7f217a3e7.txt', 'source: 004_d6af3fc7f217a3e7.txt'), { file: 'sources/004_d6af3fc7f217a3e7.txt', delete: true }],
  },
  // --regime files get the same checks (the rules themselves are intact).
  {
    name: 'regime shares of 150% and -50%',
    code: 'RULE_NOT_POSITIVE',
    edits: [],
    regime: regimeWith("[{ level: local, share: 150% }, { level: city, share: '-50%' }]", "['330100']"),
    at: 'file',
  },
  {
    name: 'regime shares of 60% + 30%',
    code: 'RULE_SHARES_SUM',
    edits: [],
    regime: regimeWith('[{ level: local, share: 60% }, { level: city, share: 30% }]', "['330100']"),
    at: 'file',
  },
  {
    name: 'regime: a level twice',
    code: 'RULE_LEVEL_TWICE',
    edits: [],
    regime: regimeWith('[{ level: local, share: 50% }, { level: local, share: 50% }]', "['330100']"),
    at: 'file',
  },
  {
    name: 'regime: a duplicate region',
    code: 'RULE_REGIME_OVERLAP',
    edits: [],
    regime: regimeWith('[{ level: local, share: 50% }, { level: city, share: 50% }]', "['330100', '330100']"),
    at: 'file',
  },
  {
    name: 'regime: overlapping entries',
    code: 'RULE_REGIME_OVERLAP',
    edits: [],
    regime: regimeWith(
      '[{ level: local, share: 50% }, { level: city, share: 50% }]',
      "['330100']",
      "\n  - policy: hangzhou-cbec-2024\n    regions: ['330102']\n    shares: [{ level: local, share: 70% }, { level: city, share: 30% }]",
    ),
    at: 'file',
  },
  {
    name: 'regime: an unknown policy id',
    code: 'RULE_UNKNOWN_POLICY',
    edits: [],
    regime: regimeWith('[{ level: local, share: 50% }, { level: city, share: 50% }]', "['330100']").replace(
      'policy: hangzhou-cbec-2024',
      'policy: hangzhou-cbec-2042',
    ),
    at: 'file',
    mentions: ['did you mean hangzhou-cbec-2024'],
  },
  {
    name: 'regime: an unknown region',
    code: 'RULE_UNKNOWN_REGION',
    edits: [],
    regime: regimeWith('[{ level: local, share: 50% }, { level: city, share: 50% }]', "['330199']"),
    at: 'file',
  },
  {
    name: 'regime: a policy that fixes its own shares',
    code: 'RULE_REGIME_UNUSED',
    edits: [],
    regime: regimeWith('[{ level: local, share: 50% }, { level: city, share: 50% }]', "['330781']").replace('policy: hangzhou-cbec-2024', 'policy: lanxi-2022'),
    at: 'file',
  },
];

function regimeWith(shares: string, regions: string, more = ''): string {
  return `title: t\nsource: s\nregimes:\n  - policy: hangzhou-cbec-2024\n    regions: ${regions}\n    shares: ${shares}${more}\n`;
}

const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * Rows whose one edit stays on its line can share a copy of rules/ with rows far enough away
 * (other files, or at least a clause apart): one lint and one calc then serve several checks,
 * each still found at its own file and line. That halves the CLI runs; nothing else changes.
 */
const GAP = 12;
const shareable = (r: Row) =>
  !r.regime &&
  (r.at ?? 'edit') === 'edit' &&
  r.edits.length === 1 &&
  r.edits[0]!.find !== undefined &&
  !`${r.edits[0]!.find}${r.edits[0]!.replace}`.includes('\n');
const lineIn = (e: Edit) => {
  const text = readFileSync(join(DEFAULT_RULES_DIR, e.file), 'utf8');
  return text.slice(0, text.indexOf(e.find!)).split('\n').length;
};
const groups: Row[][] = [];
for (const row of ROWS) {
  const [e] = row.edits;
  const fits = (g: Row[]) =>
    shareable(row) && g.every((o) => shareable(o) && (o.edits[0]!.file !== e!.file || Math.abs(lineIn(o.edits[0]!) - lineIn(e!)) >= GAP));
  const g = groups.find(fits);
  if (g) g.push(row);
  else groups.push([row]);
}

interface Outcome {
  dir: string;
  regimeFile?: string;
  lint: ReturnType<typeof lintInProcess>;
  calc: Awaited<ReturnType<typeof run>>;
}
const outcomes = new Map<Row[], Promise<Outcome>>();
function outcome(group: Row[]): Promise<Outcome> {
  let o = outcomes.get(group);
  if (!o) {
    o = (async () => {
      const regime = group[0]!.regime;
      // A regime file is checked against intact rules: the shipped ones, whose cache makes calc quick.
      const dir = regime ? DEFAULT_RULES_DIR : brokenCopy(group.flatMap((r) => r.edits)).dir;
      const regimeFile = regime ? join(mkdtempSync(join(tmpdir(), 'subsidy-regime-')), 'test-regime.yaml') : undefined;
      if (regimeFile) writeFileSync(regimeFile, regime!);
      const extra = regimeFile ? ['--regime', regimeFile] : [];
      const lint = lintInProcess(dir, regimeFile);
      const calc = await run(['calc', 'examples/lanxi-cross-border-seller.yaml', '--rules', dir, ...extra]);
      return { dir, regimeFile, lint, calc };
    })();
    outcomes.set(group, o);
  }
  return o;
}

describe('rules lint: every check, each on a broken copy of rules/, and calc refuses the same set', () => {
  it('the table uses codes that exist, and names each check once', () => {
    for (const r of ROWS) expect(ERROR_CODES, r.name).toContain(r.code);
    expect(new Set(ROWS.map((r) => r.name)).size).toBe(ROWS.length);
  });

  // One copy at a time: each calc validates a whole rule set, and running many at once on two cores
  // only slows every other test file down (the corpus's 20 s budgets ran out).
  it.each(ROWS.map((r) => [r.name, r] as const))(
    '%s',
    async (_name, row) => {
      const { dir, regimeFile, lint, calc } = await outcome(groups.find((g) => g.includes(row))!);
      const file = regimeFile ?? join(dir, row.edits[0]!.file);
      const why = `${row.name}\n${lint.lines.join('\n')}`;
      expect(lint.code, why).toBe(1);
      const line = row.edits[0]?.find !== undefined ? lineIn(row.edits[0]) : undefined;
      const where = row.at === 'none' ? escapeRe(file) : row.at === 'file' ? `${escapeRe(file)}:\\d+:\\d+` : `${escapeRe(file)}:${line}:\\d+`;
      const message = lint.lines.find((l) => l.includes(`[${row.code}]`) && new RegExp(`^${where}(, field [^:]+)?: \\[`).test(l));
      expect(message, why).toBeDefined();
      for (const m of row.mentions ?? []) expect(message, why).toContain(m);
      expect(calc.code, `${row.name}\n${calc.stderr}`).toBe(2);
      expect(calc.stdout).toBe('');
      expect(calc.stderr.split('\n'), `${row.name}: calc prints the same message`).toContain(message);
    },
    120_000,
  );

  it('rows share copies only where their edits are far apart (fewer CLI runs, same checks)', () => {
    expect(groups.flat()).toHaveLength(ROWS.length);
    expect(groups.length).toBeLessThan(ROWS.length);
  });

  it('`subsidy rules lint` prints those lines and exits 1; on the intact rules it exits 0', async () => {
    const copy = brokenCopy(ROWS.find((r) => r.code === 'RULE_TIER_ORDER')!.edits);
    const broken = await run(['rules', 'lint', '--rules', copy.dir]);
    expect(broken.code).toBe(1);
    expect(broken.stderr.trim().split('\n')).toEqual(lintInProcess(copy.dir).lines);
    expect(broken.stdout).toMatch(/^1 problem\(s\) \(the rules do not load\), 0 unfinished/);
    const clean = await run(['rules', 'lint']);
    expect(clean.code, clean.stderr).toBe(0);
    expect(clean.stdout).toMatch(/^rules OK: \d+ documents, \d+ clauses, \d+ facts/);
  }, 120_000);

  it('a rules directory that does not exist is a usage error (exit 2), not a finding', async () => {
    const r = await run(['rules', 'lint', '--rules', join(tmpdir(), 'no-such-rules-dir')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('[FILE_NOT_FOUND]');
  }, 60_000);

  it('a rate above 100% marked rate_over_100 loads', async () => {
    const copy = brokenCopy([edit(LANXI, 'items: event_costs, rate: 50%', 'items: event_costs, rate: 150%, rate_over_100: 测试：原文确为150%')]);
    const lint = lintInProcess(copy.dir);
    expect(lint.lines).toEqual([]);
    const calc = await run(['calc', 'examples/lanxi-cross-border-seller.yaml', '--rules', copy.dir]);
    expect(calc.code, calc.stderr).toBe(0);
  }, 60_000);
});
