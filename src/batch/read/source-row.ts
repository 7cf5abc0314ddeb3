import type { Finding } from '../../errors/codes.js';
import type { Locate } from '../../input/to-enterprise.js';
import type { XCell } from './xlsx/sheet-rows.js';

// Its own file so that each reader (CSV, YAML, xlsx) can name the row it yields without
// importing read-rows.ts, which imports the readers: that made a cycle.
/** One input row: CSV cells or a YAML/JSON record, or a row that could not be read at all. */
export interface SourceRow {
  /** 1-based data row (the header and comments do not count). */
  row: number;
  /** Physical line the row starts on. */
  line: number;
  cells?: string[];
  record?: unknown;
  locate?: Locate;
  problem?: Finding;
  /** A workbook row's cells as the file types them, by column (see xlsx/cell-text.ts). */
  typed?: (XCell | undefined)[];
}
