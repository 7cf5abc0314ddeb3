/**
 * The closed set of things that can go wrong with user input or rule files.
 * Every code has wording in src/i18n/messages.ts; a test checks that none is missing.
 */
export const ERROR_CODES = [
  'FILE_NOT_FOUND',
  'FILE_UNREADABLE',
  'FILE_EMPTY',
  'OUTPUT_IS_INPUT',
  'ENCODING',
  'YAML_SYNTAX',
  'JSON_SYNTAX',
  'CSV_SYNTAX',
  'DUPLICATE_KEY',
  'FORBIDDEN_KEY',
  'TOO_COMPLEX',
  'SCHEMA',
  'UNKNOWN_FIELD',
  'UNKNOWN_FACT',
  'BAD_VALUE',
  'OUT_OF_RANGE',
  'WRONG_CURRENCY',
  'UNKNOWN_REGION',
  'MISSING_FIELD',
  'BAD_YEAR',
  'RULE_INVALID',
  'RULE_UNKNOWN_FACT',
  'RULE_CURRENCY',
  'RULE_TIERS',
  'RULE_CAP_BELOW_THRESHOLD',
  'RULE_QUOTE_NOT_FOUND',
  'RULE_DUPLICATE_ID',
  'RULE_BAD_DATE',
  'RULE_UNKNOWN_REGION',
  'UNKNOWN_CLAUSE',
  'CASE_INVALID',
  'USAGE',
  'NO_TTY',
  'UNKNOWN_COLUMN',
  'DUPLICATE_COLUMN',
  'RAGGED_ROW',
  'NOT_A_CHOICE',
  'NEAR_CHOICE',
  'HISTORY_FIELD_UNUSED',
  'NOT_A_TIER',
  'RULE_NOT_POSITIVE',
  'RULE_RATE_PERCENT',
  'RULE_RATE_OVER_100',
  'RULE_AMOUNT_PERCENT',
  'RULE_AMOUNT_CURRENCY',
  'RULE_MAY_BE_NEGATIVE',
  'RULE_SHARES_SUM',
  'RULE_LEVEL_TWICE',
  'RULE_REGION_CYCLE',
  'RULE_NAME_CLASH',
  'RULE_DATE_ORDER',
  'RULE_TIER_ORDER',
  'RULE_TIER_AMOUNT',
  'RULE_CAP_BELOW_AWARD',
  'RULE_NOT_A_LIST',
  'RULE_INSTALMENTS',
  'RULE_NO_DOCUMENTS',
  'RULE_SOURCE_NOT_FOUND',
  'RULE_NUMBER_NOT_IN_SOURCE',
  'RULE_NUMBERING_NO_MATCH',
  'RULE_ITEM_UNACCOUNTED',
  'RULE_UNKNOWN_POLICY',
  'RULE_REGIME_OVERLAP',
  'RULE_REGIME_UNUSED',
  'RULE_TODO',
  'RULE_UNKNOWN_READING',
  'RULE_READING_OPTIONS',
  'RULE_READING_UNUSED',
  'RULE_READING_DOCUMENT',
  'UNKNOWN_READING',
  'CELL_ERROR',
  'CSV_UNCLOSED_QUOTE',
  'CSV_BAD_QUOTE',
  'RECORD_TOO_LONG',
  'AMOUNT_SEPARATOR',
  'DUPLICATE_GIVEN',
  'YAML_TAG',
  'OUTPUT_NOT_FILE',
  'OUTPUT_PROTECTED',
  'OUTPUT_EXISTS',
  'FILE_UNWRITABLE',
  'INPUT_TOO_LARGE',
  'ENCODING_UTF16',
  'NOT_UTF8',
  'TOO_LONG',
  'MORE_FINDINGS',
  'XLSX_NOT_ZIP',
  'XLSX_OLD_FORMAT',
  'XLSX_BROKEN',
  'XLSX_PART_MISSING',
  'XLSX_TOO_LARGE',
  'XLSX_NO_SHEET',
  'XLSX_PERCENT_CELL',
  'XLSX_DATE_CELL',
  'XLSX_BOOL_CELL',
  'XLSX_NOT_DATE',
  'XLSX_NO_VALUE',
  'XLSX_SHARED_STRING',
  'XLSX_BAD_NUMBER',
  'TABLE_FOR_CALC',
  'ROW_NOT_FOUND',
  'ID_NOT_FOUND',
  'ID_TWICE',
  'AMBIGUOUS_REGION',
  'RULE_NOTE_CHOOSES',
  'RECORD_LIST',
  'RECORD_ITEM',
  'RULE_NOT_RECORDS',
  'RULE_UNKNOWN_FIELD',
  'RULE_FIELD_OUTSIDE',
  'RULE_RECORDS_MISUSED',
  'RULE_UNKNOWN_CLAUSE',
  'RULE_SHARED_CAP_TWICE',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

/** Where in which file a problem is. Lines and columns are 1-based. */
export interface Position {
  file?: string;
  line?: number;
  column?: number;
  row?: number;
  field?: string;
  /** A workbook's sheet: `line` is then the sheet's row number and `column` its column (shown as B7). */
  sheet?: string;
}

/** A label or reason in both languages: the formatter picks the reader's. */
export interface Words {
  zh: string;
  en: string;
}

/** A finding as data: wording lives in one formatter (src/i18n/format-error.ts). */
export interface Finding extends Position {
  code: ErrorCode;
  args: Record<string, string | number | Words>;
  hint?: { code: 'DID_YOU_MEAN'; suggestion: string } | { code: 'TEXT'; text: string };
}
