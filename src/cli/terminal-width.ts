import { SubsidyError } from '../errors/subsidy-error.js';
import { stdoutIsTerminal } from './stdout.js';

/** The narrowest width a table or card is drawn for: below it, lines would be mostly labels. */
const MIN_COLUMNS = 40;

/**
 * How wide tables may be drawn, in terminal columns, or undefined for the full
 * layout (stable whatever the terminal: for logs, files and pipes).
 * SUBSIDY_COLUMNS fixes the width (tests, or a pager that reports none;
 * `full` asks for the full layout even on a terminal); otherwise a terminal's
 * own width, else COLUMNS from the shell; not a terminal: undefined.
 */
export function terminalWidth(
  stream: { isTTY?: boolean; columns?: number } = stdoutIsTerminal() ? process.stdout : {},
  env: NodeJS.ProcessEnv = process.env,
): number | undefined {
  const forced = env.SUBSIDY_COLUMNS?.trim();
  if (forced) {
    if (forced === 'full') return undefined;
    const n = Number(forced);
    if (!Number.isInteger(n) || n < MIN_COLUMNS || n > 10000)
      throw SubsidyError.of(
        'USAGE',
        { detail: `SUBSIDY_COLUMNS=${forced}: a whole number of columns from ${MIN_COLUMNS}, or full` },
        { field: 'SUBSIDY_COLUMNS' },
      );
    return n;
  }
  if (!stream.isTTY) return undefined;
  const cols = stream.columns || Number(env.COLUMNS);
  return Number.isInteger(cols) && cols > 0 ? cols : undefined;
}
