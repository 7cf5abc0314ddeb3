import { isSubsidyError } from '../errors/subsidy-error.js';
import { formatFinding } from '../i18n/format-error.js';
import type { Lang } from '../i18n/messages.js';

const FINDINGS_SHOWN = 50;

/**
 * The one place that turns outcomes into exit codes: a command returns its code,
 * a user mistake (SubsidyError) prints its findings and exits 2, anything else is a bug.
 */
export async function runCommand(fn: () => Promise<number>, lang: Lang = 'zh'): Promise<void> {
  try {
    const code = await fn();
    process.exitCode = code;
  } catch (e) {
    if (isSubsidyError(e)) {
      // A file can hold thousands of problems: the first ones, then how many more.
      const shown = e.findings.slice(0, FINDINGS_SHOWN);
      if (e.findings.length > FINDINGS_SHOWN) shown.push({ code: 'MORE_FINDINGS', args: { count: e.findings.length - FINDINGS_SHOWN } });
      for (const f of shown) process.stderr.write(formatFinding(f, lang) + '\n');
      process.exitCode = 2;
      return;
    }
    process.stderr.write(`internal error (please report): ${(e as Error)?.stack ?? String(e)}\n`);
    process.exitCode = 3;
  }
}
