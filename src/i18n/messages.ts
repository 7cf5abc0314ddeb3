import type { ErrorCode } from '../errors/codes.js';
import type { ResultStatus } from '../engine/types.js';

export type Lang = 'zh' | 'en';

type Catalogue = {
  errors: Record<ErrorCode, string>;
  status: Record<ResultStatus | 'not_in_force' | 'not_covered', string>;
  ruleStatus: Record<string, string>;
  reason: Record<string, string>;
  level: Record<string, string>;
  words: Record<string, string>;
};

/** All user-facing wording, in one place. {name} is replaced by the finding's args. */
export const MESSAGES: Record<Lang, Catalogue> = {
  zh: {
    errors: {
      FILE_NOT_FOUND: '找不到文件',
      FILE_UNREADABLE: '无法读取文件：{reason}',
      FILE_EMPTY: '文件为空',
      OUTPUT_IS_INPUT: '输出文件与输入文件相同，拒绝覆盖：{path}',
      ENCODING: '编码错误：{detail}',
      YAML_SYNTAX: 'YAML 语法错误：{detail}',
      JSON_SYNTAX: 'JSON 语法错误：{detail}',
      CSV_SYNTAX: 'CSV 格式错误：{detail}',
      DUPLICATE_KEY: '重复的键：{detail}',
      FORBIDDEN_KEY: '不允许的键名：{key}',
      TOO_COMPLEX: '文件结构过于复杂（别名过多）：{detail}',
      SCHEMA: '结构不符：{detail}',
      UNKNOWN_FIELD: '未知字段：{field}',
      UNKNOWN_FACT: '事实字典中没有这一项：{fact}',
      BAD_VALUE: '取值无效（{fact}）：{detail}',
      OUT_OF_RANGE: '超出合理范围（{fact}）：{detail}',
      WRONG_CURRENCY: '币种不符（{fact}）：{detail}',
      UNKNOWN_REGION: '未知地区：{region}',
      MISSING_FIELD: '缺少必填字段：{field}',
      BAD_YEAR: '年度无效：{value}（应为 2000–2100 的整数）',
      RULE_INVALID: '规则无效：{detail}',
      RULE_UNKNOWN_FACT: '规则引用了事实字典中没有的事实：{fact}',
      RULE_CURRENCY: '规则门槛的币种与事实不符：{detail}',
      RULE_TIERS: '档位有误：{detail}',
      RULE_CAP_BELOW_THRESHOLD: '上限低于门槛：{detail}',
      RULE_QUOTE_NOT_FOUND: '引文在原文中找不到：{detail}',
      RULE_DUPLICATE_ID: '重复的编号：{id}',
      RULE_BAD_DATE: '日期无法解析：{detail}',
      RULE_UNKNOWN_REGION: '规则引用了未知地区：{region}',
      UNKNOWN_CLAUSE: '没有这一条款：{clause}',
      CASE_INVALID: '案例文件无效：{detail}',
      USAGE: '用法错误：{detail}',
      NO_TTY: '交互问答需要终端：{detail}',
    },
    status: {
      eligible: '可获得', ceiling: '上限（待审核）', not_eligible: '不符合', needs_data: '缺数据',
      excluded: '被排除', superseded: '已被替代', info: '说明', not_in_force: '不在有效期', not_covered: '不适用地区',
    },
    ruleStatus: { computable: '可计算', ceiling: '审核定额', non_monetary: '非资金支持', by_reference: '按其他政策', defective: '原文缺陷', provision: '程序性条款' },
    reason: {
      beneficiary: '受益主体不符（需为 {detail}）', condition: '条件不满足', zero_award: '未达到任何档位或金额为零',
      already_paid: '一次性奖励已领取', max_years: '已达最长补助年限（{detail}）', cumulative_used: '累计上限已用完', exclusion: '存在不得享受的情形（{detail}）',
    },
    level: { province: '省', city: '市', local: '区县', unspecified: '未定' },
    words: {
      document: '文件', clause: '条款', title: '事项', status: '状态', award: '金额（元）', note: '备注', total: '合计',
      sure: '确定金额', ceilings: '上限合计（待审核）', pending: '缺数据项', pendingPotential: '缺数据项可能金额', missing: '缺少',
      perRegime: '按现行财政体制', draft: '征求意见稿', enterprise: '企业', region: '地区', year: '年度', supersededBy: '被替代于',
      notInForce: '该年度不在有效期内', notCovered: '不覆盖该地区', quote: '原文', source: '来源', formula: '计算', shares: '分担',
      hint: '提示', didYouMean: '是否想写：{suggestion}', file: '文件', line: '行', row: '行号', field: '字段', instalments: '分期兑现',
      assumed: '假定', trace: '计算过程', noTier: '未达档位',
    },
  },
  en: {
    errors: {
      FILE_NOT_FOUND: 'file not found',
      FILE_UNREADABLE: 'cannot read file: {reason}',
      FILE_EMPTY: 'the file is empty',
      OUTPUT_IS_INPUT: 'refusing to overwrite the input file: {path}',
      ENCODING: 'encoding error: {detail}',
      YAML_SYNTAX: 'YAML syntax error: {detail}',
      JSON_SYNTAX: 'JSON syntax error: {detail}',
      CSV_SYNTAX: 'CSV error: {detail}',
      DUPLICATE_KEY: 'duplicate key: {detail}',
      FORBIDDEN_KEY: 'key not allowed: {key}',
      TOO_COMPLEX: 'document too complex (too many aliases): {detail}',
      SCHEMA: 'wrong shape: {detail}',
      UNKNOWN_FIELD: 'unknown field: {field}',
      UNKNOWN_FACT: 'not in the fact dictionary: {fact}',
      BAD_VALUE: 'invalid value for {fact}: {detail}',
      OUT_OF_RANGE: 'implausible value for {fact}: {detail}',
      WRONG_CURRENCY: 'wrong currency for {fact}: {detail}',
      UNKNOWN_REGION: 'unknown region: {region}',
      MISSING_FIELD: 'missing required field: {field}',
      BAD_YEAR: 'invalid year: {value} (a whole number 2000–2100)',
      RULE_INVALID: 'invalid rule: {detail}',
      RULE_UNKNOWN_FACT: 'rule names a fact that is not in the dictionary: {fact}',
      RULE_CURRENCY: 'threshold currency does not match the fact: {detail}',
      RULE_TIERS: 'tiers are wrong: {detail}',
      RULE_CAP_BELOW_THRESHOLD: 'cap below threshold: {detail}',
      RULE_QUOTE_NOT_FOUND: 'quote not found in the source text: {detail}',
      RULE_DUPLICATE_ID: 'duplicate id: {id}',
      RULE_BAD_DATE: 'date does not parse: {detail}',
      RULE_UNKNOWN_REGION: 'rule names an unknown region: {region}',
      UNKNOWN_CLAUSE: 'no such clause: {clause}',
      CASE_INVALID: 'invalid case file: {detail}',
      USAGE: 'usage: {detail}',
      NO_TTY: 'the interview needs a terminal: {detail}',
    },
    status: {
      eligible: 'eligible', ceiling: 'ceiling (review)', not_eligible: 'not eligible', needs_data: 'needs data',
      excluded: 'excluded', superseded: 'superseded', info: 'info', not_in_force: 'not in force', not_covered: 'region not covered',
    },
    ruleStatus: { computable: 'computable', ceiling: 'ceiling by review', non_monetary: 'non-monetary', by_reference: 'by reference', defective: 'defective source', provision: 'provision' },
    reason: {
      beneficiary: 'wrong beneficiary (must be {detail})', condition: 'conditions not met', zero_award: 'no tier reached or zero amount',
      already_paid: 'one-off award already received', max_years: 'maximum years reached ({detail})', cumulative_used: 'cumulative cap used up', exclusion: 'disqualified ({detail})',
    },
    level: { province: 'province', city: 'city', local: 'district/county', unspecified: 'unspecified' },
    words: {
      document: 'Document', clause: 'Clause', title: 'Item', status: 'Status', award: 'Award (CNY)', note: 'Note', total: 'Total',
      sure: 'Sure amount', ceilings: 'Ceilings (review)', pending: 'Needs data', pendingPotential: 'Potential if data given', missing: 'missing',
      perRegime: 'per current fiscal regime', draft: 'draft', enterprise: 'Enterprise', region: 'Region', year: 'Year', supersededBy: 'superseded by',
      notInForce: 'not in force in that year', notCovered: 'does not cover the region', quote: 'Quote', source: 'Source', formula: 'Formula', shares: 'Shares',
      hint: 'hint', didYouMean: 'did you mean {suggestion}?', file: 'file', line: 'line', row: 'row', field: 'field', instalments: 'paid in instalments',
      assumed: 'assumed', trace: 'Working', noTier: 'no tier reached',
    },
  },
};

export function fill(template: string, args: Record<string, string | number | undefined> = {}): string {
  return template.replace(/\{(\w+)\}/g, (_, k: string) => (args[k] !== undefined ? String(args[k]) : ''));
}

export function catalogue(lang: Lang): Catalogue {
  return MESSAGES[lang];
}
