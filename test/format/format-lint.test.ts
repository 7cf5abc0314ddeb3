import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ERROR_CODES, type ErrorCode } from '../../src/errors/codes.js';
import { lintInProcess, run } from '../helpers/broken-rules.js';
import { copyWithSixthPolicy, POLICY_ID } from '../helpers/sixth-policy.js';

/**
 * Misuse of each construct the format gained for the sixth text (record lists and `each`
 * awards, beneficiary lists, shared caps, facts supplied by an authority), each on a copy of
 * rules/ holding the synthetic sixth policy with one thing broken: lint names the file and
 * line with a code (exit 1), and calc refuses the same set with exit 2 and the same message.
 */

const POL = `policies/${POLICY_ID}.yaml`;
const FACTS = 'facts/test-suichang-live.yaml';

interface Row {
  name: string;
  code: ErrorCode;
  file: string;
  find: string;
  replace: string;
  /** A line other than the edit's: the message points into the file (a shared cap added at the end, say). */
  anyLine?: boolean;
  mentions?: string[];
}

const ROWS: Row[] = [
  {
    name: 'an each award over a fact that is not a record list',
    code: 'RULE_NOT_RECORDS',
    file: POL,
    find: 'items: signed_streamers',
    replace: 'items: online_sales',
  },
  {
    name: 'a field the records do not have',
    code: 'RULE_UNKNOWN_FIELD',
    file: POL,
    find: 'base: { field: sales }',
    replace: 'base: { field: salse }',
    mentions: ['did you mean sales'],
  },
  {
    name: 'a field read outside an each award',
    code: 'RULE_FIELD_OUTSIDE',
    file: POL,
    find: "when: { fact: own_live_sales, op: '>=', value: 300万 }",
    replace: "when: { field: own_live_sales, op: '>=', value: 300万 }",
  },
  {
    name: 'a record list compared as one figure',
    code: 'RULE_RECORDS_MISUSED',
    file: POL,
    find: "when: { fact: online_sales, op: '>=', value: 5000万 }",
    replace: "when: { fact: signed_streamers, op: '>=', value: 5000万 }",
  },
  {
    name: "a field's threshold that is not a value of the field",
    code: 'RULE_INVALID',
    file: POL,
    find: "when: { field: recognised, op: '==', value: true }",
    replace: "when: { field: recognised, op: '==', value: 30万 }",
  },
  {
    name: 'an each award inside an each award',
    code: 'RULE_INVALID',
    file: POL,
    find: 'award: { kind: rate, rate: 30%, base: { field: cost } }',
    replace: 'award: { kind: each, items: live_events, award: { kind: fixed, amount: 1万 } }',
    mentions: ['inside another each'],
  },
  { name: 'per-item tiers out of order', code: 'RULE_TIER_ORDER', file: POL, find: '- { at: 500万, amount: 3万 }', replace: '- { at: 50万, amount: 3万 }' },
  { name: 'a per-item cap of zero', code: 'RULE_NOT_POSITIVE', file: POL, find: 'cap_each: 2万', replace: 'cap_each: 0' },
  {
    name: 'a beneficiary list naming an unknown kind',
    code: 'RULE_INVALID',
    file: POL,
    find: 'beneficiary: [streamer, natural_person, individual_business]',
    replace: 'beneficiary: [streamer, natural_persn, individual_business]',
    mentions: ['did you mean natural_person'],
  },
  {
    name: 'a beneficiary named twice in one list',
    code: 'RULE_DUPLICATE_ID',
    file: POL,
    find: 'beneficiary: [streamer, natural_person, individual_business]',
    replace: 'beneficiary: [streamer, natural_person, natural_person]',
  },
  {
    name: 'a shared cap over a clause that does not exist',
    code: 'RULE_UNKNOWN_CLAUSE',
    file: POL,
    find: `clauses: [${POLICY_ID}/2a, ${POLICY_ID}/2b]`,
    replace: `clauses: [${POLICY_ID}/2a, ${POLICY_ID}/2c]`,
    mentions: [`did you mean ${POLICY_ID}/2`],
  },
  {
    name: 'a shared cap over a clause that pays nothing',
    code: 'RULE_INVALID',
    file: POL,
    find: `clauses: [${POLICY_ID}/2a, ${POLICY_ID}/2b]`,
    replace: `clauses: [${POLICY_ID}/2a, ${POLICY_ID}/5]`,
    mentions: ['pays nothing'],
  },
  { name: 'a shared cap of zero', code: 'RULE_NOT_POSITIVE', file: POL, find: '    amount: 10万\n', replace: '    amount: 0\n' },
  {
    name: 'a clause under two shared caps',
    code: 'RULE_SHARED_CAP_TWICE',
    file: POL,
    find: '    quote: 本条两项奖励合计，每家企业每年最高不超过10万元\n',
    replace: `    quote: 本条两项奖励合计，每家企业每年最高不超过10万元\n  - id: again\n    clauses: [${POLICY_ID}/2b, ${POLICY_ID}/4]\n    amount: 20万\n    per: year\n    quote: 本条两项奖励合计，每家企业每年最高不超过10万元\n`,
    anyLine: true,
  },
  {
    name: 'a fact supplied by an authority that names no supplier',
    code: 'SCHEMA',
    file: FACTS,
    find: "    supplier: { zh: 县财政局, en: 'the county finance bureau' }\n",
    replace: '',
    anyLine: true,
    mentions: ['supplier'],
  },
  {
    name: 'a record_list fact without fields',
    code: 'SCHEMA',
    file: FACTS,
    find: "    aliases: [签约主播清单]\n    fields:\n      - { id: sales, label: { zh: 主播年度直播销售额, en: 'Live sales of the year' }, type: money_cny, aliases: [销售额] }\n",
    replace: '',
    anyLine: true,
    mentions: ['fields'],
  },
];

const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

describe('lint rejects misuse of each new construct, and calc refuses the same set', () => {
  it('the table uses codes that exist, and names each check once', () => {
    for (const r of ROWS) expect(ERROR_CODES, r.name).toContain(r.code);
    expect(new Set(ROWS.map((r) => r.name)).size).toBe(ROWS.length);
  });

  it("the intact sixth policy lints clean (so each finding below is the edit's)", () => {
    const { dir, rules } = copyWithSixthPolicy();
    expect(lintInProcess(rules).lines, dir).toEqual([]);
  });

  it.each(ROWS.map((r) => [r.name, r] as const))(
    '%s',
    async (_name, row) => {
      const { rules } = copyWithSixthPolicy();
      const file = join(rules, row.file);
      const text = readFileSync(file, 'utf8');
      const i = text.indexOf(row.find);
      expect(i, `"${row.find}" not in ${row.file}`).toBeGreaterThanOrEqual(0);
      writeFileSync(file, text.slice(0, i) + row.replace + text.slice(i + row.find.length));
      const line = text.slice(0, i).split('\n').length;
      const lint = lintInProcess(rules);
      const why = `${row.name}\n${lint.lines.join('\n')}`;
      expect(lint.code, why).toBe(1);
      const where = row.anyLine ? `${escapeRe(file)}:\\d+:\\d+` : `${escapeRe(file)}:${line}:\\d+`;
      const message = lint.lines.find((l) => l.includes(`[${row.code}]`) && new RegExp(`^${where}(, field [^:]+)?: \\[`).test(l));
      expect(message, why).toBeDefined();
      for (const m of row.mentions ?? []) expect(message, why).toContain(m);
      const calc = await run(['calc', 'examples/lanxi-cross-border-seller.yaml', '--rules', rules]);
      expect(calc.code, `${row.name}\n${calc.stderr}`).toBe(2);
      expect(calc.stdout).toBe('');
      expect(calc.stderr.split('\n'), `${row.name}: calc prints the same message`).toContain(message);
    },
    120_000,
  );
});
