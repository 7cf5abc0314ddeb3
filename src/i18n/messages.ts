import type { ErrorCode } from '../errors/codes.js';
import type { HistoryNote, ResultStatus } from '../engine/types.js';

export type Lang = 'zh' | 'en';

type Catalogue = {
  errors: Record<ErrorCode, string>;
  status: Record<ResultStatus | 'not_in_force' | 'not_covered', string>;
  ruleStatus: Record<string, string>;
  reason: Record<string, string>;
  level: Record<string, string>;
  words: Record<string, string>;
  /** One template per trace step of an explanation; {placeholders} are the step's fields. */
  trace: Record<string, string>;
  history: Record<HistoryNote, string>;
  advice: Record<string, string>;
  /** Words inside a formula: functions, tiers, levels. */
  formula: Record<string, string>;
  /** Comparison operators as a reader writes them. */
  op: Record<string, string>;
  /** History fields, named as a reader would ask for them. */
  historyField: Record<string, string>;
  /** What a cap is counted over. */
  capPer: Record<string, string>;
  /** Headers of the four amount columns. */
  amountColumn: Record<string, string>;
  /** A clause's encoding in words (rules show). */
  describe: Record<string, string>;
  /** The HTML calculation sheet and portfolio page, terminal cards, and reports written to stdout. */
  sheet: Record<string, string>;
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
      TOO_COMPLEX: '文件结构过于复杂：{detail}',
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
      UNKNOWN_COLUMN: '未知的列：{column}（该列已忽略）',
      DUPLICATE_COLUMN: '列“{column}”与第 {first} 列是同一项（{item}），该列已忽略',
      RAGGED_ROW: '该行有 {cells} 个单元格，表头有 {expected} 列；该行未计算',
      NOT_A_CHOICE: '“{value}” 不是可选项；可选：{choices}',
      NEAR_CHOICE: '“{value}” 不是可选项；是否想写：{suggestion}',
      HISTORY_FIELD_UNUSED: '{clause} 的奖励不取决于{field}；本条款用到：{allowed}',
      NOT_A_TIER: '“{value}” 不是{clause}的档位门槛；可填：{tiers}',
    },
    status: {
      eligible: '可获得', ceiling: '上限（待审核）', not_eligible: '不符合', needs_data: '缺数据',
      excluded: '被排除', superseded: '已被替代', info: '说明', not_in_force: '不在有效期', not_covered: '不适用地区',
    },
    ruleStatus: { computable: '可计算', ceiling: '审核定额', non_monetary: '非资金支持', by_reference: '按其他政策', defective: '原文缺陷', provision: '程序性条款' },
    reason: {
      beneficiary: '受益主体不符（需为 {detail}）', condition: '条件不满足', zero_award: '未达到任何档位或金额为零',
      already_paid: '一次性奖励已领取', max_years: '已达最长补助年限（{detail}）', cumulative_used: '累计上限已用完', exclusion: '存在不得享受的情形：{detail}',
    },
    level: { province: '省', city: '市', local: '区县', unspecified: '未定' },
    words: {
      document: '文件', clause: '条款', title: '事项', status: '状态', award: '金额（元）', note: '备注', total: '合计',
      sure: '确定金额', ceilings: '上限合计（待审核）', pending: '缺数据项', pendingPotential: '缺数据项可能金额', missing: '缺少',
      perRegime: '按现行财政体制', draft: '征求意见稿', enterprise: '企业', region: '地区', year: '年度', supersededBy: '就高不重复，已按 {clause} 计',
      notInForce: '该年度不在有效期内', notCovered: '不覆盖该地区', shares: '分担',
      didYouMean: '是否想写：{suggestion}', file: '文件', line: '行', row: '行号', field: '字段', instalments: '分期兑现',
      batchRow: '行号', batchLine: '物理行', id: '企业编号', name: '企业名称', regionCode: '地区代码', clauseId: '条款编号', potential: '可能金额（缺数据）',
      shareSource: '分担依据', nextHint: '下一档提示', error: '错误', nothing: '无可列项目', noPolicy: '该地区、年度无适用政策', top: '主要项目', enterprises: '企业', errorRows: '错误行',
      batchShown: '仅列出前 {shown} 行（共 {total} 行，--limit 可调；完整结果用 --out 输出）', rowsDone: '已处理 {rows} 行，{rate} 行/秒', moreErrors: '另有 {count} 行错误未逐条显示（见 --out 报告）',
      historyUnused: '历史文件中 {count} 个企业编号不在本批数据中：{ids}', reportWritten: '报告已写入：{path}', batchTotals: '合计',
      askRegion: '企业所在地区（输入名称或代码搜索）', askYear: '数据年度', skip: '跳过 / 不知道', skipHint: '回车跳过', pickHint: '空格选择，回车确认；不选则跳过',
      listHint: '多笔用；分隔', yes: '是', no: '否', askSave: '把答案保存为输入文件（subsidy calc 可读回）？', askName: '企业名称（可留空）', askPath: '保存到',
      saved: '已保存：{path}', fileExists: '文件已存在，请换一个名字：{path}', noDir: '目录不存在：{path}', cancelled: '已取消。',
      interviewDone: '问答结束：回答 {answered} 题，跳过 {skipped} 题。', skippedFacts: '跳过（未知）', noTtyDetail: '请改用文件输入：subsidy calc <文件>（subsidy template 可生成模板）',
      missingHistory: '领取记录缺少', ceilingSplit: '如获批，按 {parts} 分担', partialMark: '部分年度', partialColumn: '有效期说明',
      partialCounted: '{year} 年仅 {from} 至 {to} 在有效期内（{days} 天），按全年计', partialNotCounted: '{year} 年仅 {from} 至 {to} 在有效期内（{days} 天），不计入',
      excludedDocument: '被排除：{doc}，存在不得享受的情形：{detail}',
      excludedColumn: '被排除（原因）', validityColumn: '不在有效期或部分年度', hintText: '{label} 再增加 {increase}{unit}，奖励 +{gain}',
      hf_paid_total: '此前累计已领取金额', hf_years_paid: '此前已领取年数', hf_times_paid: '此前已领取次数', hf_highest_tier: '此前已奖励的最高一档', hf_level: '此前已奖励的级别', historyFieldsNone: '无（本条款不看以往领取情况）',
      historyHead: '以往领取情况：以下条款的金额取决于此前已领取的奖励（首次达档、升级补差、最长年限、累计上限、一次性奖励）',
      askHistory: '此前是否已按 {clause} 领取过奖励？', askHistoryTier: '{clause}：此前已奖励到哪一档？', askHistoryLevel: '{clause}：此前已按哪一级奖励？',
      askHistoryYears: '{clause}：此前已领取过几年？', askHistoryPaid: '{clause}：此前累计已领取多少元？', tierChoice: '达到 {at}（奖励 {amount}）',
      historyDone: '以往领取情况：回答 {answered} 条，跳过 {skipped} 条。', skippedHistory: '跳过的以往领取情况（未知）',
      percentRead: '按 {value} 计（[%] 后的数字是百分数；如指 {alt}，请输入 {altInput}）',
    },
    trace: {
      validity: '有效期 {from} 至 {to}，数据年度 {year}：{ok}{partial}{draft}', openEnded: '无截止', draft: '；征求意见稿',
      partialCounted: '（{year} 年仅 {from} 至 {to} 在有效期内，共 {days} 天；按规则文件计入该年度）', partialNotCounted: '（{year} 年仅 {from} 至 {to} 在有效期内，共 {days} 天；按规则文件不计入）',
      region: '适用地区 {appliesTo}；企业所在 {region}：{ok}', beneficiary: '受益主体须为 {required}；申报主体类型 {actual}：{result}',
      exclusion: '不得享受的情形（{clause}）“{quote}”：{result}', exclusionYes: '存在', exclusionNo: '无', unknown: '未知',
      condition: '条件 {subject} {op} {threshold}：{actual} → {result}', derived: '{fact} 由 {from} 按汇率折算：{cny} ÷ {rate} = {usd}', formula: '计算：{text}',
      cap: '上限（{per}）{cap}：{before} → {after}', history: '领取记录：{text}', rounding: '四舍五入到分：{before} → {after}',
      instalments: '分期兑现：{parts}', stacking: '就高不重复：同一事项取 {winner}', split: '分担：{parts}', splitNone: '按现行财政体制（原文未给比例）',
      sourceText: '依据 {policy} {clause}{quote}{note}', sourceRegime: '依据用户提供的财政体制文件 {file} — {title}；{source}{note}',
      sourceNone: '分担：按现行财政体制，原文未给比例 — {policy} {clause}{quote}', quoteLine: '原文（{doc} {number}）：“{quote}”',
    },
    history: {
      assumed_none: '未提供领取记录：假定此前未获该项奖励', stated_none: '领取记录写明此前未获该项奖励', years_before: '此前已领取 {years} 年，最多 {max} 年', history_incomplete: '领取记录不完整', already_paid: '一次性奖励已领取', max_years: '已领取 {years} 年，最多 {max} 年',
      cumulative_used: '此前已领取 {used}（累计上限 {cap}）', tier_already_paid: '档位 {tier} 不高于已奖励档位 {before}', tiers_before: '此前已奖励至 {before} 档',
      level_before: '此前已按{level}奖励', upgrade_from: '此前已按{level}奖励 {amount}，补差计奖',
    },
    advice: {
      hidden: '未列出：{parts}（加 --all 查看）', hiddenNotEligible: '不符合 {n} 项', hiddenExcluded: '因排除情形不单列 {n} 项', hiddenInfo: '程序性/非资金/按其他政策/原文缺陷 {n} 项',
      hintsHead: '下一档提示（单项指标再提高多少可多得多少）', none: '无',
      hint: '{clause}：{label} 再增加 {increase}{unit}（{current} → {target}），奖励 +{gain}（{before} → {after}）',
      missingHead: '缺失数据（补齐后可能解锁的金额，从多到少）', upTo: '至多 {amount}', unbounded: '不封顶（已知部分 {amount}）', missing: '{label}：{worth}；涉及 {clauses}',
      changesHead: '与基准情形相比', noChange: '没有奖励发生变化',
      portfolioPolicies: '按文件汇总（确定金额 / 上限 / 涉及企业数）', portfolioPolicy: '{title}: {sure} / {ceilings} / {count} 家',
      portfolioChart: '按条款的确定金额（前 12 项，括号内为企业数）', portfolioNearly: '最常接近下一档的条款（所需增量不超过现值 20%；加 --hints 计算）',
      portfolioNear: '{clause}: {count} 家，合计可再得 {gain}', portfolioNoHints: '无（未加 --hints，或没有接近的档位）',
    },
    formula: {
      usd: '{n} 美元', min: '较小值', max: '较大值', floor: '向下取整', part: '{label}：{term}', div0: '{term}（除数为 0，按 0 计）',
      tierNone: '{base} {op} 最低档 {lowest}，未达到任何档位 → 0', tierReached: '{base} {op} {at}', tierPaid: '{reached}，但此前已奖励至 {before} 档 → 0',
      levelHigher: '{level} 高于此前的{before} → {amount}', levelNotHigher: '{level} 不高于此前的{before} → 0',
      levelRenewal: '{level} {now} 不高于此前的{before} {then}（续评或降级不奖励）→ 0', no_items: '无事项 → 0', no_case: '不属于任何情形 → 0',
    },
    op: { '>=': '≥', '>': '>', '<=': '≤', '<': '<', '==': '=', '!=': '≠', in: '属于', has: '包含' },
    historyField: { paid_total: '此前已领取金额合计', years_paid: '此前已领取年数', times_paid: '此前已领取次数', highest_tier: '此前已奖励的最高档位', level: '此前已奖励的级别' },
    capPer: { item: '每项', event: '每次', year: '每年', cumulative: '累计', once: '一次性' },
    amountColumn: { sure: '确定金额（元）', ceiling: '上限（待审核，元）', potential: '可能金额（缺数据，元）', setAside: '未计入金额（被排除或替代，元）' },
    describe: {
      and: ' 且 ', or: ' 或 ', not: '并非（{x}）', fixed: '定额 {amount}', tiers: '按 {base} 取达到的最高档：{tiers}', tiersFirst: '按 {base} 首次达到的档位计奖（每档一次）：{tiers}',
      levels: '按{fact}：{levels}', levelsUpgrade: '按{fact}补差（升级付差额，续评不奖）：{levels}',
      rent: '{label}：较小值({rate} × {rent}, 每平方米每月 {ceiling} × {area} × {months})', rentFlat: '{label}：每平方米每月 {ceiling} × {area} × {months}',
      perItem: '对{items}逐项：{rate} × 该项', perItemCapped: '对{items}逐项：{rate} × 该项，每项不超过 {cap}', case: '若 {when}：{award}', else: '；否则 ',
      beneficiary: '受益主体：{kind}', when: '条件：{when}', award: '奖励：{award}', cap: '上限（{per}）：{amount}{note}', frequency: '频次：{f}',
      one_off: '一次性', yearly: '每年', per_event: '每次', monthly: '每月', maxYears: '最多 {n} 年', instalments: '分 {n} 期兑现', stacking: '与同一事项的其他条款就高不重复',
      reference: '按其他政策：{ref}', pool: '资金池：{amount} — {note}', status: '状态', quote: '原文', note: '备注',
    },
    sheet: {
      title: '计算书', portfolioTitle: '批量计算汇总', documents: '适用文件', inForce: '已施行', applies: '适用', validity: '有效期', openEnded: '无截止',
      partialYears: '部分年度', readings: '口径选择', readingsNone: '无', provenance: '来源与版本', provenanceNone: '（本版本未记录）',
      totals: '金额汇总', yuan: '元', wan: '万元', setAside: '未计入金额（被排除或替代）', byLevel: '确定金额按层级分担', level: '层级', share: '比例', amount: '金额（元）',
      chartByDocument: '按文件的金额（元）', chartByLevel: '按层级的确定金额（元）', chartEmpty: '没有可画的金额', overview: '条款一览', details: '逐条计算',
      inputsUsed: '所用数据', notGiven: '未提供', working: '计算过程', quote: '原文', split: '分担', missingFacts: '仍需补充的资料（按涉及金额从多到少）',
      fact: '资料', clauses: '涉及条款', upTo: '可能涉及金额', unbounded: '不封顶', notApplicable: '不适用的文件', hidden: '未列出：{parts}',
      enterprises: '企业一览', sheetLink: '计算书', errorMessage: '错误说明', back: '返回汇总', toPortfolio: '跳到汇总', byDocument: '按文件汇总', count: '列有金额的企业数',
      footer: '由电商奖补政策计算器按规则文件计算生成。', explainColumn: '计算过程', reportToStdout: '报告已写到标准输出',
      documentChecks: '文件层面的核对（对本文件以下各条均适用）',
      kindSure: '确定金额', kindCeiling: '上限（待审核）', kindPotential: '可能金额（缺数据）', kindSetAside: '未计入（被排除或替代）', unitYuan: '单位：元',
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
      TOO_COMPLEX: 'document too complex: {detail}',
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
      UNKNOWN_COLUMN: 'unknown column: {column} (the column is ignored)',
      DUPLICATE_COLUMN: 'column "{column}" gives the same item as column {first} ({item}); the column is ignored',
      RAGGED_ROW: 'the row has {cells} cells but the header has {expected} columns; the row is not evaluated',
      NOT_A_CHOICE: '"{value}" is not one of the choices: {choicesEn}',
      NEAR_CHOICE: '"{value}" is not one of the choices; did you mean {suggestionEn}?',
      HISTORY_FIELD_UNUSED: 'the award of {clause} does not depend on the {fieldEn}; fields it uses: {allowedEn}',
      NOT_A_TIER: '"{value}" is not a tier threshold of {clause}; valid: {tiersEn}',
    },
    status: {
      eligible: 'eligible', ceiling: 'ceiling (review)', not_eligible: 'not eligible', needs_data: 'needs data',
      excluded: 'excluded', superseded: 'superseded', info: 'info', not_in_force: 'not in force', not_covered: 'region not covered',
    },
    ruleStatus: { computable: 'computable', ceiling: 'ceiling by review', non_monetary: 'non-monetary', by_reference: 'by reference', defective: 'defective source', provision: 'provision' },
    reason: {
      beneficiary: 'wrong beneficiary (must be {detail})', condition: 'conditions not met', zero_award: 'no tier reached or zero amount',
      already_paid: 'one-off award already received', max_years: 'maximum years reached ({detail})', cumulative_used: 'cumulative cap used up', exclusion: 'disqualified: {detail}',
    },
    level: { province: 'province', city: 'city', local: 'district/county', unspecified: 'unspecified' },
    words: {
      document: 'Document', clause: 'Clause', title: 'Item', status: 'Status', award: 'Award (CNY)', note: 'Note', total: 'Total',
      sure: 'Sure amount', ceilings: 'Ceilings (review)', pending: 'Needs data', pendingPotential: 'Potential if data given', missing: 'missing',
      perRegime: 'per current fiscal regime', draft: 'draft', enterprise: 'Enterprise', region: 'Region', year: 'Year', supersededBy: 'superseded by {clause}',
      notInForce: 'not in force in that year', notCovered: 'does not cover the region', shares: 'Shares',
      didYouMean: 'did you mean {suggestion}?', file: 'file', line: 'line', row: 'row', field: 'field', instalments: 'paid in instalments',
      batchRow: 'Row', batchLine: 'Line', id: 'ID', name: 'Name', regionCode: 'Region code', clauseId: 'Clause id', potential: 'Potential (needs data)',
      shareSource: 'Share source', nextHint: 'Next-tier hint', error: 'error', nothing: 'nothing to list', noPolicy: 'no policy applies to this region and year', top: 'Top items', enterprises: 'Enterprises', errorRows: 'Error rows',
      batchShown: 'showing the first {shown} of {total} rows (--limit to change; --out for everything)', rowsDone: '{rows} rows, {rate} rows/s', moreErrors: '{count} more error rows not shown here (see the --out report)',
      historyUnused: '{count} enterprise id(s) in the history file are not in this batch: {ids}', reportWritten: 'report written: {path}', batchTotals: 'Totals',
      askRegion: 'Region of the enterprise (type a name or code to search)', askYear: 'Data year', skip: 'Skip / don\'t know', skipHint: 'Enter to skip', pickHint: 'space to choose, enter to confirm; none = skip',
      listHint: 'several amounts separated by ;', yes: 'Yes', no: 'No', askSave: 'Save the answers as an input file (subsidy calc reads it back)?', askName: 'Enterprise name (optional)', askPath: 'Save to',
      saved: 'Saved: {path}', fileExists: 'the file exists, choose another name: {path}', noDir: 'no such directory: {path}', cancelled: 'Cancelled.',
      interviewDone: 'Interview done: {answered} answered, {skipped} skipped.', skippedFacts: 'Skipped (unknown)', noTtyDetail: 'use file input instead: subsidy calc <file> (subsidy template writes one)',
      missingHistory: 'history lacks', ceilingSplit: 'if granted, shared {parts}', partialMark: 'part of the year', partialColumn: 'Validity note',
      partialCounted: 'in {year} only {from} to {to} is in force ({days} days): counted as a whole year', partialNotCounted: 'in {year} only {from} to {to} is in force ({days} days): not counted',
      excludedDocument: 'Excluded: {doc}, disqualified: {detail}',
      excludedColumn: 'Excluded (why)', validityColumn: 'Not or partly in force', hintText: '{increase}{unit} more {label} adds {gain}',
      hf_paid_total: 'total paid before', hf_years_paid: 'years paid before', hf_times_paid: 'times paid before', hf_highest_tier: 'highest tier awarded before', hf_level: 'level awarded before', historyFieldsNone: 'none (the clause does not depend on what was received before)',
      historyHead: 'Awards received before: these clauses pay according to what was received earlier (first-reached tiers, upgrades, year limits, cumulative caps, one-off awards)',
      askHistory: 'Was any award received before under {clause}?', askHistoryTier: '{clause}: up to which tier was it awarded before?', askHistoryLevel: '{clause}: at which level was it awarded before?',
      askHistoryYears: '{clause}: in how many years was it paid before?', askHistoryPaid: '{clause}: how much was received in total before (CNY)?', tierChoice: 'reached {at} (award {amount})',
      historyDone: 'Awards received before: {answered} answered, {skipped} skipped.', skippedHistory: 'Awards received before, skipped (unknown)',
      percentRead: 'read as {value} (a number after [%] is a percentage; for {alt} type {altInput})',
    },
    trace: {
      validity: 'in force {from} to {to}, data year {year}: {ok}{partial}{draft}', openEnded: 'open-ended', draft: '; draft',
      partialCounted: ' (in {year} only {from} to {to} is covered, {days} days; the rule file counts the year)', partialNotCounted: ' (in {year} only {from} to {to} is covered, {days} days; the rule file does not count the year)',
      region: 'applies to {appliesTo}; enterprise in {region}: {ok}', beneficiary: 'beneficiary must be {required}; the applicant is {actual}: {result}',
      exclusion: 'disqualifier ({clause}) “{quote}”: {result}', exclusionYes: 'applies', exclusionNo: 'no', unknown: 'unknown',
      condition: 'condition {subject} {op} {threshold}: {actual} → {result}', derived: '{fact} converted from {from}: {cny} ÷ {rate} = {usd}', formula: 'formula: {text}',
      cap: 'cap ({per}) {cap}: {before} → {after}', history: 'history: {text}', rounding: 'rounded half-up to the fen: {before} → {after}',
      instalments: 'instalments: {parts}', stacking: 'no double award for the same thing: kept {winner}', split: 'split: {parts}', splitNone: 'per current fiscal regime (no shares in the text)',
      sourceText: 'per {policy} {clause}{quote}{note}', sourceRegime: 'per the regime file {file} — {title}; {source}{note}',
      sourceNone: 'shares: per current fiscal regime; the text gives none — {policy} {clause}{quote}', quoteLine: 'Quote ({doc} {number}): “{quote}”',
    },
    history: {
      assumed_none: 'no award history given: assumed none received under this clause', stated_none: 'the award history says nothing was received under this clause', years_before: 'paid in {years} year(s) before, at most {max}', history_incomplete: 'the award history is incomplete', already_paid: 'one-off award already received', max_years: 'paid in {years} year(s), at most {max}',
      cumulative_used: '{used} received before (cumulative cap {cap})', tier_already_paid: 'tier {tier} not above the tier already awarded ({before})', tiers_before: 'tiers up to {before} awarded before',
      level_before: 'level {level} awarded before', upgrade_from: 'level {level} awarded before ({amount}): the difference is paid',
    },
    advice: {
      hidden: 'Not shown: {parts} (use --all)', hiddenNotEligible: '{n} not eligible', hiddenExcluded: '{n} barred by a disqualifier', hiddenInfo: '{n} information-only',
      hintsHead: 'Next-tier hints (how much more of one figure raises an award)', none: 'none',
      hint: '{clause}: {increase}{unit} more {label} ({current} → {target}) adds {gain} ({before} → {after})',
      missingHead: 'Missing data (what each fact could unlock, most first)', upTo: 'up to {amount}', unbounded: 'uncapped (known part {amount})', missing: '{label}: {worth}; for {clauses}',
      changesHead: 'Compared with the base case', noChange: 'no award changed',
      portfolioPolicies: 'By document (sure / ceilings / enterprises)', portfolioPolicy: '{title}: {sure} / {ceilings} / {count}',
      portfolioChart: 'Sure awards by clause (top 12, enterprises in brackets)', portfolioNearly: 'Clauses most often nearly reached (needing at most 20% more; computed with --hints)',
      portfolioNear: '{clause}: {count} enterprises, {gain} more in all', portfolioNoHints: 'none (run with --hints, or nothing is close)',
    },
    formula: {
      usd: 'USD {n}', min: 'min', max: 'max', floor: 'floor', part: '{label}: {term}', div0: '{term} (division by 0: counted as 0)',
      tierNone: '{base} {op} the lowest tier {lowest}: no tier reached → 0', tierReached: '{base} {op} {at}', tierPaid: '{reached}, but tiers up to {before} were awarded before → 0',
      levelHigher: '{level} is above {before}, awarded before → {amount}', levelNotHigher: '{level} is not above {before}, awarded before → 0',
      levelRenewal: '{level} {now} is not above {before} {then}, awarded before (renewals and lower levels pay nothing) → 0', no_items: 'no items → 0', no_case: 'no case applies → 0',
    },
    op: { '>=': '≥', '>': '>', '<=': '≤', '<': '<', '==': '=', '!=': '≠', in: 'in', has: 'includes' },
    historyField: { paid_total: 'total received before', years_paid: 'years paid before', times_paid: 'times paid before', highest_tier: 'highest tier awarded before', level: 'level awarded before' },
    capPer: { item: 'per item', event: 'per event', year: 'per year', cumulative: 'cumulative', once: 'once' },
    amountColumn: { sure: 'Sure (CNY)', ceiling: 'Ceiling, by review (CNY)', potential: 'Potential if data given (CNY)', setAside: 'Set aside: excluded or superseded (CNY)' },
    describe: {
      and: ' and ', or: ' or ', not: 'not ({x})', fixed: 'fixed {amount}', tiers: 'highest tier reached by {base}: {tiers}', tiersFirst: 'tiers first reached by {base} (each paid once): {tiers}',
      levels: 'by {fact}: {levels}', levelsUpgrade: 'by {fact}, upgrades pay the difference (renewals nothing): {levels}',
      rent: '{label}: min({rate} × {rent}, {ceiling} per m² per month × {area} × {months})', rentFlat: '{label}: {ceiling} per m² per month × {area} × {months}',
      perItem: 'for each of {items}: {rate} × the item', perItemCapped: 'for each of {items}: {rate} × the item, at most {cap} each', case: 'if {when}: {award}', else: '; else ',
      beneficiary: 'beneficiary: {kind}', when: 'when: {when}', award: 'award: {award}', cap: 'cap ({per}): {amount}{note}', frequency: 'frequency: {f}',
      one_off: 'one-off', yearly: 'yearly', per_event: 'per event', monthly: 'monthly', maxYears: 'at most {n} years', instalments: 'paid in {n} instalments', stacking: 'not paid on top of another clause for the same thing (the higher is kept)',
      reference: 'by reference to: {ref}', pool: 'pool: {amount} — {note}', status: 'status', quote: 'quote', note: 'note',
    },
    sheet: {
      title: 'Calculation sheet', portfolioTitle: 'Batch summary', documents: 'Documents', inForce: 'in force', applies: 'applies', validity: 'Valid', openEnded: 'open-ended',
      partialYears: 'Part of the year', readings: 'Readings', readingsNone: 'none', provenance: 'Provenance', provenanceNone: '(not recorded by this version)',
      totals: 'Totals', yuan: 'CNY', wan: '10k CNY', setAside: 'Set aside (excluded or superseded)', byLevel: 'Sure amount by level', level: 'Level', share: 'Share', amount: 'Amount (CNY)',
      chartByDocument: 'Awards by document (CNY)', chartByLevel: 'Sure awards by level (CNY)', chartEmpty: 'no amounts to chart', overview: 'Clauses at a glance', details: 'Clause by clause',
      inputsUsed: 'Inputs used', notGiven: 'not given', working: 'Working', quote: 'Quote', split: 'Who pays', missingFacts: 'Facts still needed (most money at stake first)',
      fact: 'Fact', clauses: 'Clauses', upTo: 'At stake', unbounded: 'uncapped', notApplicable: 'Documents that do not apply', hidden: 'Not shown: {parts}',
      enterprises: 'Enterprises', sheetLink: 'sheet', errorMessage: 'Error', back: 'Back to the summary', toPortfolio: 'Go to the summary', byDocument: 'By document', count: 'Enterprises with an amount',
      footer: 'Computed from the rule files by the e-commerce subsidy calculator.', explainColumn: 'Working', reportToStdout: 'report written to standard output',
      documentChecks: 'Checks on the document (they hold for each clause below)',
      kindSure: 'Sure', kindCeiling: 'Ceiling (review)', kindPotential: 'Potential (needs data)', kindSetAside: 'Set aside', unitYuan: 'amounts in CNY',
    },
  },
};

export function fill(template: string, args: Record<string, string | number | undefined> = {}): string {
  return template.replace(/\{(\w+)\}/g, (_, k: string) => (args[k] !== undefined ? String(args[k]) : ''));
}

export function catalogue(lang: Lang): Catalogue {
  return MESSAGES[lang];
}
