import type { Words } from '../errors/codes.js';
import { fill } from './messages.js';

/**
 * The why of a finding ({detail} in its message), in both languages. Findings are
 * made where the language is not known (a worker thread, the engine), so the
 * reason travels as both wordings and the formatter picks one.
 */
const REASONS = {
  oneValue: { zh: '应为一个值，实际是 {value}', en: 'expected one value, got {value}' },
  oneValuePerItem: { zh: '每一项应为一个值，实际是 {value}', en: 'expected one value per item, got {value}' },
  notDate: { zh: '不是有效日期（应写作 年-月-日，如 2024-07-01）：{value}', en: 'not a real date (YYYY-MM-DD): {value}' },
  notYesNo: { zh: '应填“是”或“否”，实际是 {value}', en: 'expected 是/否 (yes/no), got {value}' },
  notFinite: { zh: '不是有限的数：{value}', en: 'not a finite number: {value}' },
  notAmount: { zh: '不是数字或金额：{value}（可写 5000000、500万、1.2亿、12%）', en: 'not a number or amount: {value} (e.g. 5000000, 500万, 1.2亿, 12%)' },
  usdFact: { zh: '此项按美元填写，{value} 是人民币', en: 'this figure is in US dollars; {value} is in CNY' },
  notUsdFact: { zh: '此项不是美元金额，{value} 是美元', en: 'this figure is not in US dollars; {value} is in USD' },
  noPercent: { zh: '此项不能写百分数：{value}', en: 'a percentage makes no sense here: {value}' },
  notNumber: { zh: '应为数字，实际是 {value}', en: 'expected a number, got {value}' },
  belowMin: { zh: '{value} 低于合理下限 {min}', en: '{value} is below the plausible minimum {min}' },
  aboveMax: { zh: '{value} 高于合理上限 {max}', en: '{value} is above the plausible maximum {max}' },
  aboveMaxPercent: { zh: '{value} 高于合理上限 {max}（是否想写 {value}%？）', en: '{value} is above the plausible maximum {max} (did you mean {value}%?)' },
  wholeNumber: { zh: '应为整数，实际是 {value}', en: 'a whole number is expected, got {value}' },
  recordShape: { zh: '企业记录应为一组“字段: 值”，含地区、年度和各项数据', en: 'an enterprise record is a mapping with region, year and facts' },
  regionShape: { zh: '地区只写一个名称或代码，不能是列表或映射', en: 'region is one name or code, not a list or mapping' },
  factsShape: { zh: '各项数据应写作“数据项: 值”', en: 'facts is a mapping of fact to value' },
  historyShape: { zh: '以往获奖情况应按条款分别写明所获情况', en: 'history maps a clause to what was received' },
  historyEntryShape: { zh: '每条以往获奖情况应写明：{fields}', en: 'a history entry is a mapping of {fields}' },
  historyFileShape: {
    zh: '以往获奖文件应按 企业编号 → 条款 → 所获情况（{fields}）书写',
    en: 'a history file maps enterprise id → clause → what was received ({fields})',
  },
  historyOfShape: { zh: '企业 {id} 的以往获奖情况应按条款分别写明', en: 'history of {id} is a mapping of clauses' },
  historyUnderShape: { zh: '企业 {id} 在 {clause} 下的获奖情况应写明：{fields}', en: 'history of {id} under {clause} is a mapping of {fields}' },
  notList: { zh: '只写一个值，不能是列表或映射', en: 'one value, not a list or mapping' },
  notYuan: { zh: '不是以元计的金额：{value}', en: 'not an amount in 元: {value}' },
  notCount: { zh: '不是次数：{value}', en: 'not a count: {value}' },
  writeSet: { zh: '应写作 --set 数据项=值', en: 'write --set fact=value' },
  noHeader: { zh: '没有表头行：只有空行', en: 'no header row: only blank lines' },
  yamlBatchShape: {
    zh: 'YAML 批量文件应为企业记录的列表（地区、年度、各项数据、以往获奖情况）',
    en: 'a YAML batch is a list of enterprise records (region, year, facts, history)',
  },
  nestedTooDeep: { zh: '嵌套层数过多', en: 'nested too deeply' },
  plainKey: { zh: '键只能是文字，不能是列表或映射', en: 'a key must be plain text, not a list or mapping' },
  binary: { zh: '二进制数据（含 NUL 字节），不是文本文件', en: 'binary data (NUL byte), not a text file' },
  binaryControl: { zh: '二进制数据（含控制字符），不是文本文件', en: 'binary data (control characters), not a text file' },
  notUtf8: { zh: '不是有效的 UTF-8 文本', en: 'not valid UTF-8' },
  notGbk: { zh: '无法按 GB18030/GBK 解码（{why}）', en: 'not decodable as GB18030/GBK ({whyEn})' },
  encodingOption: { zh: '--encoding {value}：可用 utf8、gbk 或 gb18030', en: '--encoding {value}: use utf8, gbk or gb18030' },
  unknownKey: { zh: '未知的键：{key}', en: 'unknown key: {key}' },
  noteNamesUnknown: { zh: '备注引用了 {ref}，但它不存在', en: 'the note names {ref}, which does not exist' },
  clauseIdPrefix: { zh: '条款编号须以“{prefix}”开头', en: 'clause id must start with "{prefix}"' },
  beneficiaryUnknown: { zh: '受益主体“{value}”不是主体类型（entity_kinds）中的值', en: 'beneficiary "{value}" is not a value of entity_kinds' },
  notAValueOf: { zh: '“{value}”不是 {fact} 的可选值', en: '"{value}" is not a value of {fact}' },
  readingsShape: { zh: '解读文件应写作 readings: { 解读: 选项 }', en: 'readings: { <reading>: <option> }' },
  notResultFile: { zh: '不是本工具的结果文件（calc --format json，schemaVersion 2）', en: 'not a subsidy result file (calc --format json, schemaVersion 2)' },
  calcUsage: { zh: 'subsidy calc <文件>（或 --interactive 逐项询问）', en: 'subsidy calc <file> (or --interactive)' },
  rulesNewUsage: { zh: 'rules new <原文.txt> --id <政策编号> [--out <文件>]', en: 'rules new <source.txt> --id <policy-id> [--out <file>]' },
  policyIdForm: {
    zh: '--id <政策编号>：只用小写字母、数字和 - _ .（如 yiwu-2024）',
    en: '--id <policy-id>: lower-case letters, digits, - _ . (e.g. yiwu-2024)',
  },
  sourceNameForm: {
    zh: '原文文件名只能用英文字母、数字和 . _ -，并以 .txt 结尾（请改名：{value}）',
    en: "the source file's name must be ASCII letters, digits, . _ - and end in .txt (rename {value})",
  },
  outExists: { zh: '{value} 已存在，请换一个 --out', en: '{value} exists; choose another --out' },
  noHeaderCells: {
    zh: '没有表头行：第一行没有一个单元格是列名（企业编号、企业名称、地区、年度或数据项）',
    en: 'no header row: none of the cells of the first row is a column name (id, name, region, year or a fact)',
  },
  noHeaderCellsSheet: {
    zh: '没有表头行：第一行没有一个单元格是列名（企业编号、企业名称、地区、年度或数据项）；可用 --header-row N 指定表头所在行',
    en: 'no header row: none of the cells of the first row is a column name (id, name, region, year or a fact); --header-row N names the row',
  },
  reportFormatFrom: {
    zh: '无法从“{value}”判断报告格式：请用 .csv、.jsonl、.md、.xlsx 或 .html 结尾，或加 --format（--format html 加一个目录，则每家企业一页）',
    en: 'cannot tell the report format from "{value}": use .csv, .jsonl, .md, .xlsx or .html, or --format (--format html with a directory writes a page per enterprise)',
  },
  xlsxNeedsFile: { zh: '.xlsx 报告只能写入文件：请用 --out 报告.xlsx', en: 'an .xlsx report is written to a file: give --out report.xlsx' },
  stdoutNeedsFormat: {
    zh: '--out - 表示写到标准输出：请用 --format csv|jsonl|md|html 指明格式',
    en: '--out - writes to stdout: say which format with --format csv|jsonl|md|html',
  },
  wholeFromTo: { zh: '{field} {value}：应为 {min} 到 {max} 的整数', en: '{field} {value}: a whole number from {min} to {max}' },
  wholeFromOne: { zh: '{field} {value}：应为从 1 起的整数', en: '{field} {value}: a whole number from 1' },
  sheetOptions: { zh: '--sheet 和 --header-row 只用于工作簿（.xlsx）', en: '--sheet and --header-row are for a workbook (.xlsx)' },
  summaryIsOut: { zh: '--summary 和 --out 指向同一个文件', en: '--summary and --out name the same file' },
  rowOptions: {
    zh: '--row、--id、--sheet 和 --header-row 用于从表格（.csv 或 .xlsx）中选一行',
    en: '--row, --id, --sheet and --header-row choose a row of a table (.csv or .xlsx)',
  },
  rowOrId: { zh: '--row 和 --id 只能给一个', en: 'give --row or --id, not both' },
  headerRowBlank: { zh: '第 {row} 行（表头行）是空的', en: 'header row {row} is blank' },
  sheetBlank: { zh: '没有表头行：工作表是空的', en: 'no header row: the sheet is blank' },
  rulesShowUsage: { zh: 'rules show <条款编号>', en: 'rules show <clause-id>' },
  unknownAction: { zh: '没有“{value}”这个操作', en: 'unknown action "{value}"' },
  epochForm: {
    zh: 'SOURCE_DATE_EPOCH={value}：应为自 1970-01-01 UTC 起的整秒数',
    en: 'SOURCE_DATE_EPOCH={value}: expected whole seconds since 1970-01-01 UTC',
  },
} as const satisfies Record<string, Words>;

export type ReasonKey = keyof typeof REASONS;

/** A reason with its arguments filled in, in both languages. */
export function reason(key: ReasonKey, args: Record<string, string | number> = {}): Words {
  const r = REASONS[key];
  return { zh: fill(r.zh, args), en: fill(r.en, args) };
}
