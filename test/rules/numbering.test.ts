import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { canonicalNumber, numberInSource, outline, sourceItems, unaccountedItems } from '../../src/check/source-items.js';
import { checkRules } from '../../src/load/validate-rules.js';
import { coverage, coverageFails } from '../../src/lint/coverage.js';
import { brokenCopy, run } from '../helpers/broken-rules.js';
import { scaffoldPolicy } from '../../src/cli/rules/scaffold-policy.js';
import { loadRulesSync } from '../../src/load/load-rules-sync.js';

/** A short text numbered 一、 at the top, as the county live-streaming policy was. */
const ARTICLES = `关于支持直播电商发展的若干措施（测试用）

为促进直播电商发展，制定本措施。
一、对年度直播销售额达到1000万元的企业，给予一次性奖励5万元。
二、对新签约本地主播的机构，每签约一名给予1万元补助，每年最高不超过10万元。
三、对举办直播电商活动的主体，按活动实际费用的50%给予补助，单场最高不超过2万元。
四、本措施自2024年1月1日起施行，有效期三年。
`;

const NESTED = `测试文件
一、总则
（一）第一项的说明。
1.第一小项。
2.第二小项。
（二）第二项的说明。
1.另一个第一小项。
二、附则
本办法自2024年1月1日起施行。
第一条 以条编号的内容。
（1）括号数字。
`;

describe('numbering styles as printed', () => {
  it('reads 一、 （一） 1. （1） 第一条 at the start of a line, nested in the order the styles appear', () => {
    const items = outline(NESTED);
    expect(items.map((i) => i.key)).toEqual(['一、', '（一）', '1.', '2.', '（二）', '1.', '二、', '第一条', '（1）']);
    const parent = (k: number) => (items[k]!.parent === undefined ? undefined : items[items[k]!.parent!]!.key);
    expect([parent(1), parent(2), parent(3), parent(4), parent(5), parent(6)]).toEqual(['一、', '（一）', '（一）', '一、', '（二）', undefined]);
    expect(items[6]!.paragraphs).toEqual(['附则', '本办法自2024年1月1日起施行。']);
  });

  it('writes a clause number in the form of its style; a bare number needs exactly one style that prints it', () => {
    expect(canonicalNumber('(三)', ['paren_cn'])).toBe('（三）');
    expect(canonicalNumber('4', ['arabic_dot'])).toBe('4.');
    expect(canonicalNumber('4', ['paren_arabic'])).toBe('（4）');
    expect(canonicalNumber('4', ['arabic_dot', 'paren_arabic'])).toBeUndefined();
    expect(canonicalNumber('三', ['cn_comma'])).toBe('三、');
    expect(canonicalNumber('三', ['cn_comma', 'paren_cn'])).toBeUndefined();
    expect(canonicalNumber('第十二条', ['paren_cn'])).toBe('第十二条');
    expect(canonicalNumber('附则', ['paren_cn'])).toBeUndefined();
  });

  it('a number exists when the text prints it in any style, or as a heading title for unnumbered paragraphs', () => {
    const items = outline(NESTED, ['paren_cn']);
    expect(numberInSource('（二）', ['paren_cn'], items)).toBe(true);
    expect(numberInSource('（三）', ['paren_cn'], items)).toBe(false);
    expect(numberInSource('附则', ['paren_cn'], items)).toBe(true);
    expect(numberInSource('总则以外', ['paren_cn'], items)).toBe(false);
  });

  it('counts only the declared styles, and the same number twice needs two sections', () => {
    expect([...sourceItems({ numbering: ['arabic_dot'] }, NESTED)]).toEqual([
      ['1.', 2],
      ['2.', 1],
    ]);
    const clause = (number: string, section?: string) => ({ id: 't/x', number, section, title: 't', quote: 'quote', status: 'todo' as const });
    expect(unaccountedItems({ numbering: ['arabic_dot'], clauses: [clause('1'), clause('2')] }, NESTED)).toEqual(['1. (×2, 1)']);
    expect(unaccountedItems({ numbering: ['arabic_dot'], clauses: [clause('1', '（一）'), clause('1', '（二）'), clause('2')] }, NESTED)).toEqual([]);
  });
});

describe('coverage of a text numbered 一、', () => {
  const policy = (numbering: string, clauses: number[]) => `id: zb-test
title: 关于支持直播电商发展的若干措施（测试用）
issuer: 测试
doc_number: null
source: zb-test.txt
numbering: [${numbering}]
level: county
status: in_force
validity: { from: '2024-01-01', to: '2026-12-31', quote: 本措施自2024年1月1日起施行 }
applies_to: ['330781']
fiscal: { otherwise: { shares: [{ level: local, share: 100% }] } }
clauses:
${clauses.map((n) => `  - { id: zb-test/${n}, number: ${['一', '二', '三', '四'][n - 1]}、, title: 第${n}条, quote: '${ARTICLES.split('\n')[n + 2]!.slice(2)}', status: provision }`).join('\n')}
`;
  function rulesWith(numbering: string, clauses: number[]): string {
    const { dir } = brokenCopy([]);
    writeFileSync(join(dir, 'sources', 'zb-test.txt'), ARTICLES);
    writeFileSync(join(dir, 'policies', 'zb-test.yaml'), policy(numbering, clauses));
    return dir;
  }

  it('every article has a rule: lint is clean, coverage counts 4 items', () => {
    const dir = rulesWith('cn_comma', [1, 2, 3, 4]);
    const { set, findings } = checkRules(dir);
    expect(findings).toEqual([]);
    const row = coverage(set!).find((r) => r.policy === 'zb-test')!;
    expect(row.items).toBe(4);
    expect(coverageFails(row)).toBe(false);
  });

  it("deleting one article's rule makes coverage fail (exit 1, the article named)", async () => {
    const dir = rulesWith('cn_comma', [1, 2, 4]);
    expect(checkRules(dir).findings.map((f) => [f.code, f.args.item])).toEqual([['RULE_ITEM_UNACCOUNTED', '三、']]);
    const r = await run(['rules', 'coverage', '--rules', dir]);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/zb-test +4 .* 1 {2}三、/);
  }, 60_000);

  it('a numbering that matches nothing in the text fails, where it used to give "0 items, 0 unaccounted"', async () => {
    const dir = rulesWith('paren_cn', [1, 2, 3, 4]);
    const codes = checkRules(dir).findings.map((f) => f.code);
    expect(codes).toContain('RULE_NUMBERING_NO_MATCH');
    const r = await run(['rules', 'coverage', '--rules', dir]);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/zb-test +0 .*numbering （一） matches nothing/);
  }, 60_000);

  it('a clause number the text does not print is refused', () => {
    const dir = rulesWith('cn_comma', [1, 2, 3, 4]);
    const file = join(dir, 'policies', 'zb-test.yaml');
    writeFileSync(file, readFileSync(file, 'utf8').replace('number: 四、', 'number: 五、'));
    expect(
      checkRules(dir)
        .findings.map((f) => f.code)
        .sort(),
    ).toEqual(['RULE_ITEM_UNACCOUNTED', 'RULE_NUMBER_NOT_IN_SOURCE']);
    rmSync(dir, { recursive: true });
  });
});

describe('rules new on texts numbered 一、 and nested 一、 → （一） → 1.', () => {
  const regions = [...loadRulesSync().regions.values()];
  /** Scaffolds a text into a copy of rules/ and returns what lint finds there besides unfinished items. */
  function scaffolded(text: string, id: string) {
    const { dir } = brokenCopy([]);
    writeFileSync(join(dir, 'sources', `${id}.txt`), text);
    const s = scaffoldPolicy({ text, source: `${id}.txt`, id, regions });
    writeFileSync(join(dir, 'policies', `${id}.yaml`), s.yaml);
    const { set, findings } = checkRules(dir);
    return { s, other: findings.filter((f) => f.code !== 'RULE_TODO'), row: coverage(set!).find((r) => r.policy === id)! };
  }

  it('one clause per article of a 一、 text, and only unfinished findings', () => {
    const { s, other, row } = scaffolded(ARTICLES.replace('（测试用）', '（测试用）兰溪市'), 'zb-new');
    expect(s.numbering).toEqual(['cn_comma']);
    expect(s.clauses.map((c) => c.number)).toEqual(['一、', '二、', '三、', '四、']);
    expect(other).toEqual([]);
    expect([row.items, row.todo, row.unaccounted.length]).toEqual([4, 4, 0]);
  });

  it('headings are not clauses; nested items are, and a number printed twice gets a section each', () => {
    const text =
      '测试办法（兰溪市）\n一、总则\n（一）园区\n1.对园区给予奖励，具体如下。\n2.对企业给予奖励，具体如下。\n（二）人才\n1.对人才给予奖励，具体如下。\n二、附则\n本办法自2024年1月1日起施行。\n';
    const { s, other, row } = scaffolded(text, 'nest-new');
    expect(s.numbering).toEqual(['arabic_dot']);
    expect(s.clauses.map((c) => [c.number, c.section ?? ''])).toEqual([
      ['1', '第1组'],
      ['2', ''],
      ['1', '第2组'],
      ['附则', ''],
    ]);
    expect(other).toEqual([]);
    expect([row.items, row.unaccounted.length]).toEqual([3, 0]);
  });
});
