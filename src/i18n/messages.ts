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
      // Provenance (every output) and `subsidy verify`.
      provMarker: '#说明', provHead: '来源与版本', provTool: '工具版本', provRules: '规则指纹', provRegime: '财政体制文件', provInput: '输入文件指纹',
      provHistory: '历史文件指纹', provCase: '案例文件指纹', provTime: '生成时间', provDocStatus: '文件状态', provInForce: '已施行', provOverrides: '命令行改动',
      provFooter: '工具版本 {version} · 规则指纹 {fingerprint}',
      verifyHolds: '结果成立：按当前规则重新计算，各条款的状态和金额与记录一致。', verifyFails: '结果不成立：',
      verifyRulesSame: '规则未变（规则指纹 {fingerprint}）', verifyRulesChanged: '规则已变：记录的规则指纹 {recorded}，当前规则指纹 {current}',
      verifyRegime: '财政体制文件：记录 {recorded}，本次 {current}', verifyInputSame: '输入文件与记录一致（指纹 {fingerprint}）',
      verifyInputChanged: '输入文件与记录不符：记录的指纹 {recorded}，所给文件 {current}', verifyInputEmbedded: '输入：结果文件中记录的输入（{file}，指纹 {fingerprint}）',
      verifyFiguresSame: '各条款的状态和金额与记录一致（{count} 项）', verifyFigures: '状态或金额有变（{count} 项）：', verifyVersion: '工具版本：记录 {recorded}，当前 {current}',
      verifyNone: '无', verifyTotal: '合计', verifySplit: '分担', verifyInstalments: '分期兑现', verifyByLevel: '分级合计', verifyNeedsData: '缺数据项数',
      verifyNotResult: '不是 subsidy calc --format json 的结果文件', verifyOldSchema: '结果文件的 schemaVersion 为 {version}，其中没有来源记录；请用当前版本重新运行 calc --format json',
      verifyNoInput: '结果文件中没有所用的输入（input）；请在命令行给出输入文件：subsidy verify <结果> <输入>', verifyManyResults: '结果文件含多个企业；verify 每次核对一个 calc 结果',
      verifyBatchLine: '这是批量报告（每行一个企业），其中不含输入；请对该企业运行 calc --format json，再核对其结果',
    },
    trace: {
      validity: '有效期 {from} – {to}, 数据年度 {year}: {ok}{partial}{draft}', openEnded: '无截止', partial: '（部分年度）', draft: '；征求意见稿',
      region: '适用地区 {appliesTo}; 企业所在 {region}: {ok}', beneficiary: '受益主体 {required} ∈ [{actual}]: {result}',
      exclusion: '排除情形 {id} ({clause}): {result}', exclusionYes: '存在', exclusionNo: '无', unknown: '未知',
      condition: '条件 {subject} {op} {threshold}: {actual} → {result}', derived: '折算 {fact} 由 {from}: {text}', formula: '计算: {text}',
      cap: '上限 ({per}) {cap}: {before} → {after}', history: '历史: {text}', rounding: '四舍五入到分: {before} → {after}',
      instalments: '分期兑现: {parts}', stacking: '就高不重复 [{group}]: 取 {winner}', split: '分担: {parts}', splitNone: '按现行财政体制（原文未给比例）',
      sourceText: '分担依据: {policy} {clause}{quote}{note}', sourceRegime: '分担依据（用户提供的财政体制文件）: {file} — {title}; {source}{note}',
      sourceNone: '分担：按现行财政体制，原文未给比例 — {policy} {clause}{quote}', quoteLine: '原文（{doc} {number}）: “{quote}”',
    },
    history: {
      assumed_none: '未提供领取记录：假定此前未获该项奖励', already_paid: '一次性奖励已领取', max_years: '已领取 {years} 年，最多 {max} 年',
      cumulative_used: '此前已领取 {used}（累计上限 {cap}）', tier_already_paid: '档位 {tier} 不高于已奖励档位 {before}', tiers_before: '此前已奖励至 {before} 档',
      level_before: '此前已按 {level} 奖励', upgrade_from: '此前已按 {level} 奖励 {amount}，补差计奖',
    },
    advice: {
      hidden: '未列出：不符合 {notEligible} 项，程序性/非资金/按其他政策/原文缺陷 {info} 项（加 --all 查看）',
      hintsHead: '下一档提示（单项指标再提高多少可多得多少）', none: '无',
      hint: '{clause} {title}: {label} 再增加 {increase}{unit}（{current} → {target}），奖励 +{gain}（{before} → {after}）',
      missingHead: '缺失数据（补齐后可能解锁的金额，从多到少）', upTo: '至多 {amount}', unbounded: '不封顶（已知部分 {amount}）', missing: '{fact}（{label}）: {worth}; {clauses}',
      changesHead: '与基准情形相比', noChange: '没有奖励发生变化',
      portfolioPolicies: '按文件汇总（确定金额 / 上限 / 涉及企业数）', portfolioPolicy: '{id} {title}: {sure} / {ceilings} / {count} 家',
      portfolioChart: '按条款的确定金额（前 12 项，括号内为企业数）', portfolioNearly: '最常接近下一档的条款（所需增量不超过现值 20%；加 --hints 计算）',
      portfolioNear: '{id} {title}: {count} 家，合计可再得 {gain}', portfolioNoHints: '无（未加 --hints，或没有接近的档位）',
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
      // Provenance (every output) and `subsidy verify`.
      provMarker: '#about', provHead: 'Provenance', provTool: 'Tool version', provRules: 'Rules fingerprint', provRegime: 'Fiscal regime file', provInput: 'Input file SHA-256',
      provHistory: 'History file SHA-256', provCase: 'Case file SHA-256', provTime: 'Generated at', provDocStatus: 'Document status', provInForce: 'in force', provOverrides: 'Command-line changes',
      provFooter: 'tool {version} · rules fingerprint {fingerprint}',
      verifyHolds: 'The result holds: recomputed with the current rules, every clause has the recorded status and amount.', verifyFails: 'The result does not hold:',
      verifyRulesSame: 'rules unchanged (fingerprint {fingerprint})', verifyRulesChanged: 'the rules changed: recorded fingerprint {recorded}, current fingerprint {current}',
      verifyRegime: 'fiscal regime file: recorded {recorded}, now {current}', verifyInputSame: 'the input file matches the record (SHA-256 {fingerprint})',
      verifyInputChanged: 'the input file differs from the record: recorded SHA-256 {recorded}, given file {current}', verifyInputEmbedded: 'input: the one recorded in the result file ({file}, SHA-256 {fingerprint})',
      verifyFiguresSame: 'every clause has the recorded status and amount ({count} compared)', verifyFigures: 'statuses or amounts changed ({count}):', verifyVersion: 'tool version: recorded {recorded}, current {current}',
      verifyNone: 'none', verifyTotal: 'total', verifySplit: 'split', verifyInstalments: 'instalments', verifyByLevel: 'total by level', verifyNeedsData: 'clauses needing data',
      verifyNotResult: 'not a result file of subsidy calc --format json', verifyOldSchema: 'the result file has schemaVersion {version} and no provenance; run calc --format json again with this version',
      verifyNoInput: 'the result file does not contain its input; give the input file: subsidy verify <result> <input>', verifyManyResults: 'the result file holds several enterprises; verify checks one calc result at a time',
      verifyBatchLine: 'this is a batch report (one enterprise a line) and holds no input; run calc --format json for the enterprise and verify that result',
    },
    trace: {
      validity: 'in force {from} – {to}, data year {year}: {ok}{partial}{draft}', openEnded: 'open-ended', partial: ' (part of the year)', draft: '; draft',
      region: 'applies to {appliesTo}; enterprise in {region}: {ok}', beneficiary: 'beneficiary {required} ∈ [{actual}]: {result}',
      exclusion: 'disqualifier {id} ({clause}): {result}', exclusionYes: 'applies', exclusionNo: 'no', unknown: 'unknown',
      condition: 'condition {subject} {op} {threshold}: {actual} → {result}', derived: 'derived {fact} from {from}: {text}', formula: 'formula: {text}',
      cap: 'cap ({per}) {cap}: {before} → {after}', history: 'history: {text}', rounding: 'rounded half-up to the fen: {before} → {after}',
      instalments: 'instalments: {parts}', stacking: 'no double award [{group}]: kept {winner}', split: 'split: {parts}', splitNone: 'per current fiscal regime (no shares in the text)',
      sourceText: 'shares from: {policy} {clause}{quote}{note}', sourceRegime: 'shares from the regime file: {file} — {title}; {source}{note}',
      sourceNone: 'shares: per current fiscal regime; the text gives none — {policy} {clause}{quote}', quoteLine: 'Quote ({doc} {number}): “{quote}”',
    },
    history: {
      assumed_none: 'no award history given: assumed none received under this clause', already_paid: 'one-off award already received', max_years: 'paid in {years} year(s), at most {max}',
      cumulative_used: '{used} received before (cumulative cap {cap})', tier_already_paid: 'tier {tier} not above the tier already awarded ({before})', tiers_before: 'tiers up to {before} awarded before',
      level_before: 'level {level} awarded before', upgrade_from: 'level {level} awarded before ({amount}): the difference is paid',
    },
    advice: {
      hidden: 'Not shown: {notEligible} not eligible, {info} information-only (use --all)',
      hintsHead: 'Next-tier hints (how much more of one figure raises an award)', none: 'none',
      hint: '{clause} {title}: {increase}{unit} more {label} ({current} → {target}) adds {gain} ({before} → {after})',
      missingHead: 'Missing data (what each fact could unlock, most first)', upTo: 'up to {amount}', unbounded: 'uncapped (known part {amount})', missing: '{fact} ({label}): {worth}; {clauses}',
      changesHead: 'Compared with the base case', noChange: 'no award changed',
      portfolioPolicies: 'By document (sure / ceilings / enterprises)', portfolioPolicy: '{id} {title}: {sure} / {ceilings} / {count}',
      portfolioChart: 'Sure awards by clause (top 12, enterprises in brackets)', portfolioNearly: 'Clauses most often nearly reached (needing at most 20% more; computed with --hints)',
      portfolioNear: '{id} {title}: {count} enterprises, {gain} more in all', portfolioNoHints: 'none (run with --hints, or nothing is close)',
    },
  },
};

export function fill(template: string, args: Record<string, string | number | undefined> = {}): string {
  return template.replace(/\{(\w+)\}/g, (_, k: string) => (args[k] !== undefined ? String(args[k]) : ''));
}

export function catalogue(lang: Lang): Catalogue {
  return MESSAGES[lang];
}
