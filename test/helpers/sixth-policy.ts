import { cpSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_RULES_DIR } from '../../src/load/load-rules.js';
import { ROOT } from './cli.js';

/**
 * A short synthetic policy, written for the tests (no real text is quoted): a county's
 * live-streaming measures numbered 一、…六、, with an award per signed streamer by tiers
 * (a list of records), an award per recognised event capped per event, both under one
 * yearly cap shared by the two paragraphs of article 二, an award that may go to a
 * natural person or an individual business, and a figure only the finance bureau knows.
 * It is data only: adding it to a copy of rules/ must need no TypeScript change.
 */
export const SOURCE_NAME = 'test_suichang_live.txt';
export const POLICY_ID = 'suichang-live-2025';

export const SOURCE = `遂昌县促进直播电商发展若干措施（试行）

为加快发展直播电商，结合我县实际，制定本措施。

一、适用范围。本措施适用于在遂昌县登记注册的直播电商企业、个体工商户，以及与县内直播电商企业签约的主播（含自然人）。
二、支持企业签约主播。直播电商企业签约的主播，年度直播销售额达到100万元的，按每名主播1万元给予企业奖励；达到500万元的，每名3万元；达到1000万元的，每名5万元。
企业举办经县商务局认定的直播促销活动，按活动费用的30%给予补助，单场最高2万元。
本条两项奖励合计，每家企业每年最高不超过10万元。
三、奖励主播个人。主播（含自然人、个体工商户）年度直播销售额达到300万元的，一次性奖励2万元。
四、综合贡献奖励。直播电商企业年度网络零售额达到5000万元的，按其当年地方综合贡献县级留成部分的50%给予奖励，最高不超过100万元。
五、本措施与县内其他同类政策不重复享受，按就高原则执行。
六、本措施自2025年1月1日起施行，有效期至2026年12月31日。
`;

export const FACTS = `# Facts of the synthetic Suichang policy (test only).
facts:
  - id: signed_streamers
    label: { zh: 签约主播名单, en: 'Signed streamers' }
    type: record_list
    topic: sales
    question: { zh: 企业签约的主播及其年度直播销售额？, en: 'Which streamers has the enterprise signed, and what were their live sales?' }
    aliases: [签约主播清单]
    fields:
      - { id: sales, label: { zh: 主播年度直播销售额, en: 'Live sales of the year' }, type: money_cny, aliases: [销售额] }
  - id: live_events
    label: { zh: 直播促销活动, en: 'Live promotion events' }
    type: record_list
    topic: costs
    question: { zh: 企业举办的直播促销活动、费用及是否经认定？, en: 'Which live promotion events were held, at what cost, and were they recognised?' }
    fields:
      - { id: cost, label: { zh: 活动费用, en: 'Cost' }, type: money_cny, aliases: [费用] }
      - { id: recognised, label: { zh: 经县商务局认定, en: 'Recognised by the county bureau' }, type: boolean, aliases: [认定] }
  - id: own_live_sales
    label: { zh: 主播本人年度直播销售额, en: 'Own live sales of the streamer' }
    type: money_cny
    topic: sales
    question: { zh: 主播本人的年度直播销售额是多少？, en: 'What were the streamer''s own live sales in the year?' }
  - id: local_contribution_retained
    label: { zh: 地方综合贡献县级留成, en: 'County share of the local contribution' }
    type: money_cny
    topic: costs
    question: { zh: 企业当年地方综合贡献的县级留成部分是多少？, en: 'What is the county-retained part of the enterprise''s local contribution?' }
    supplied_by: authority
    supplier: { zh: 县财政局, en: 'the county finance bureau' }
`;

export const POLICY = `# yaml-language-server: $schema=../schema/policy.schema.json
id: ${POLICY_ID}
title: 遂昌县促进直播电商发展若干措施（试行）
short_title: 遂昌直播电商措施（测试）
issuer: 遂昌县人民政府
doc_number: null
source: ${SOURCE_NAME}
numbering: [cn_comma]
level: county
status: trial
validity: { from: '2025-01-01', to: '2026-12-31', quote: 本措施自2025年1月1日起施行，有效期至2026年12月31日 }
applies_to: ['331123']
fiscal: { otherwise: { shares: [{ level: local, share: 100% }] } }
shared_caps:
  - id: article-2
    clauses: [${POLICY_ID}/2a, ${POLICY_ID}/2b]
    amount: 10万
    per: year
    quote: 本条两项奖励合计，每家企业每年最高不超过10万元
clauses:
  - id: ${POLICY_ID}/1
    number: 一、
    title: 适用范围
    quote: 本措施适用于在遂昌县登记注册的直播电商企业、个体工商户，以及与县内直播电商企业签约的主播（含自然人）。
    status: provision
  - id: ${POLICY_ID}/2a
    number: 二、
    part: 签约主播
    title: 支持企业签约主播
    quote: 直播电商企业签约的主播，年度直播销售额达到100万元的，按每名主播1万元给予企业奖励；达到500万元的，每名3万元；达到1000万元的，每名5万元。
    status: computable
    beneficiary: [ecommerce_enterprise, live_streaming_agency]
    frequency: yearly
    award:
      kind: each
      items: signed_streamers
      award:
        kind: tiers
        base: { field: sales }
        mode: highest
        tiers:
          - { at: 100万, amount: 1万 }
          - { at: 500万, amount: 3万 }
          - { at: 1000万, amount: 5万 }
  - id: ${POLICY_ID}/2b
    number: 二、
    part: 直播活动
    title: 直播促销活动补助
    quote: 企业举办经县商务局认定的直播促销活动，按活动费用的30%给予补助，单场最高2万元。
    status: computable
    beneficiary: [ecommerce_enterprise, live_streaming_agency]
    frequency: per_event
    award:
      kind: each
      items: live_events
      when: { field: recognised, op: '==', value: true }
      award: { kind: rate, rate: 30%, base: { field: cost } }
      cap_each: 2万
  - id: ${POLICY_ID}/3
    number: 三、
    title: 奖励主播个人
    quote: 主播（含自然人、个体工商户）年度直播销售额达到300万元的，一次性奖励2万元。
    status: computable
    beneficiary: [streamer, natural_person, individual_business]
    frequency: one_off
    when: { fact: own_live_sales, op: '>=', value: 300万 }
    award: { kind: fixed, amount: 2万 }
  - id: ${POLICY_ID}/4
    number: 四、
    title: 综合贡献奖励
    quote: 直播电商企业年度网络零售额达到5000万元的，按其当年地方综合贡献县级留成部分的50%给予奖励，最高不超过100万元。
    status: computable
    beneficiary: [ecommerce_enterprise, live_streaming_agency]
    frequency: yearly
    when: { fact: online_sales, op: '>=', value: 5000万 }
    award: { kind: rate, rate: 50%, base: { fact: local_contribution_retained } }
    caps: [{ amount: 100万, per: year }]
  - id: ${POLICY_ID}/5
    number: 五、
    title: 不重复享受
    quote: 本措施与县内其他同类政策不重复享受，按就高原则执行。
    status: provision
  - id: ${POLICY_ID}/6
    number: 六、
    title: 施行日期
    quote: 本措施自2025年1月1日起施行，有效期至2026年12月31日。
    status: provision
`;

/**
 * Worked by hand:
 * 2a 签约主播: 主播A 1200万 ≥ 1000万 → 5万; 主播B 600万 ≥ 500万 → 3万; 主播C 80万 < 100万 → 0; 8万.
 * 2b 直播活动: 春季直播节 30% × 50万 = 15万 → 每场 2万; 夏季促销 30% × 5万 = 1.5万; 秋季活动 not recognised → 0; 3.5万.
 * Shared cap 10万 (2a, then 2b): 2a keeps 8万; 2b gets min(3.5万, 10万 − 8万) = 2万.
 * 4 综合贡献: 6000万 ≥ 5000万; 50% × 80万 = 40万 (cap 100万).
 * 3: the enterprise is no streamer and no person: not eligible. Sure total 8万 + 2万 + 40万 = 50万.
 */
export const CASE = `name: 遂昌直播电商企业（测试）
keywords: [suichang, records, shared-cap]
input:
  name: 遂昌某直播电商有限公司
  region: 遂昌县
  year: 2025
  facts:
    entity_kinds: [电商企业, 直播机构/MCN机构]
    signed_streamers:
      - { name: 主播A, sales: 1200万 }
      - { name: 主播B, 销售额: 600万 }
      - { name: 主播C, sales: 80万 }
    live_events: 春季直播节:50万/是; 夏季促销:5万/是; 秋季活动:20万/否
    online_sales: 6000万
    local_contribution_retained: 80万
expected:
  ${POLICY_ID}/2a: { status: eligible, amount: 80000.00, shares: { local: 80000.00 } }
  ${POLICY_ID}/2b: { status: eligible, amount: 20000.00 }
  ${POLICY_ID}/3: { status: not_eligible }
  ${POLICY_ID}/4: { status: eligible, amount: 400000.00 }
totals: { sure: 500000.00 }
policies: { ${POLICY_ID}: applies }
`;

/** A streamer who is a natural person: clause 三 pays her; outputs call her 主体. */
export const PERSON_CASE = `name: 遂昌主播个人（测试）
keywords: [suichang, person]
input:
  region: 遂昌县
  year: 2025
  facts:
    entity_kinds: [自然人, 主播/达人号运营主体]
    own_live_sales: 350万
expected:
  ${POLICY_ID}/3: { status: eligible, amount: 20000.00 }
totals: { sure: 20000.00 }
`;

/** A batch whose record lists are typed in cells, the compact form a consultant writes in Excel. */
export const BATCH_CSV =
  [
    '企业编号,企业名称,地区,年度,主体类型,签约主播名单,直播促销活动,网络零售额,地方综合贡献县级留成',
    'S1,遂昌甲,遂昌县,2025,电商企业,主播A:1200万; 主播B:600万; 主播C:80万,春季直播节:50万/是; 夏季促销:5万/是; 秋季活动:20万/否,6000万,80万',
    'S2,遂昌乙,遂昌县,2025,电商企业,主播D:150万,无,1000万,',
    'S3,遂昌丙,遂昌县,2025,电商企业,主播E:1200万/多余,,,',
  ].join('\n') + '\n';

/** Writes the policy, its facts and its source into a rules directory (a copy, or rules/ itself for a one-off check). */
export function addSixthPolicy(rules: string): void {
  writeFileSync(join(rules, 'sources', SOURCE_NAME), SOURCE);
  writeFileSync(join(rules, 'facts', 'test-suichang-live.yaml'), FACTS);
  writeFileSync(join(rules, 'policies', `${POLICY_ID}.yaml`), POLICY);
}

/** A temporary copy of rules/ and examples/ with the sixth policy and its two cases added. */
export function copyWithSixthPolicy(): { dir: string; rules: string; examples: string } {
  const dir = mkdtempSync(join(tmpdir(), 'subsidy-sixth-'));
  const rules = join(dir, 'rules');
  const examples = join(dir, 'examples');
  cpSync(DEFAULT_RULES_DIR, rules, { recursive: true });
  cpSync(join(ROOT, 'examples'), examples, { recursive: true });
  addSixthPolicy(rules);
  mkdirSync(examples, { recursive: true });
  writeFileSync(join(examples, 'suichang-live-enterprise.yaml'), CASE);
  writeFileSync(join(examples, 'suichang-live-person.yaml'), PERSON_CASE);
  return { dir, rules, examples };
}
