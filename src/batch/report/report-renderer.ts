import type { Labels } from '../../render/labels.js';
import { reportRenderer, type ReportFormat, type ReportOptions, type ReportRenderer } from './report-formats.js';
import { xlsxRenderer } from './xlsx-report.js';

/** Every batch report format: the text formats, and .xlsx (whose rows are spooled, see xlsx-report.ts). */
export type BatchFormat = ReportFormat | 'xlsx';

export function batchRenderer(format: BatchFormat, l: Labels, o: ReportOptions = {}): ReportRenderer {
  return format === 'xlsx' ? xlsxRenderer(l, o) : reportRenderer(format, l, o);
}
