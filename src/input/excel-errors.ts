/**
 * What a spreadsheet writes into a cell whose formula failed. Such a cell holds
 * no data: read as text it would become an enterprise id or name, read as an
 * amount it would be "not a number" far from its cause, so it is named as what
 * it is. Excel writes these in English whatever the language of its interface.
 */
const ERROR_VALUES = new Set([
  '#N/A',
  '#VALUE!',
  '#REF!',
  '#DIV/0!',
  '#NAME?',
  '#NUM!',
  '#NULL!',
  '#GETTING_DATA',
  '#SPILL!',
  '#CALC!',
  '#BLOCKED!',
  '#BUSY!',
  '#CONNECT!',
  '#FIELD!',
  '#UNKNOWN!',
  '#N/A!',
  '#EXTERNAL!',
  '#PYTHON!',
  '#TIMEOUT!',
]);

/** The spreadsheet error value a cell holds (as written, trimmed), or undefined. */
export function excelError(value: unknown): string | undefined {
  if (typeof value !== 'string' || value.length > 16) return undefined;
  const c = value.charCodeAt(0);
  // Most cells: no # at the start, no white space before it.
  if (c !== 35 && c !== 32 && c !== 9) return undefined;
  const t = value.trim();
  return ERROR_VALUES.has(t.toUpperCase()) ? t : undefined;
}
