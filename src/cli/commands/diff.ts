import { SubsidyError } from '../../errors/subsidy-error.js';
import { readTextFile } from '../../load/read-text-file.js';
import { readYaml } from '../../load/read-yaml.js';
import { zodFindings } from '../../load/zod-findings.js';
import { diffResults, type ResultFile } from '../../render/diff-results.js';
import { safeJson } from '../../i18n/safe-text.js';
import { renderDiff } from '../../render/render-diff.js';
import { labelsFor } from '../../render/labels.js';
import { loadRules } from '../../index.js';
import type { Lang } from '../../i18n/messages.js';
import { ResultFileSchema } from '../../schema/result-schema.js';
import { reason } from '../../i18n/reasons.js';
import { writeStdout } from '../stdout.js';

/**
 * Reads a `calc --format json` result file (one enterprise, or several under `results`)
 * and holds it to the result schema, so that a file without an enterprise, an amount
 * "abc" or "1e999999999" is the file's error with its line, not a crash in the diff.
 */
function readResult(file: string): ResultFile {
  const src = readYaml(readTextFile(file), file === '-' ? '<stdin>' : file);
  const d = src.data as { schemaVersion?: unknown; results?: unknown; policies?: unknown } | null;
  if (d?.schemaVersion !== 2 || (!Array.isArray(d.results) && !Array.isArray(d.policies)))
    throw SubsidyError.of('SCHEMA', { detail: reason('notResultFile') }, { file });
  const r = ResultFileSchema.safeParse(d);
  if (!r.success) throw new SubsidyError(zodFindings(r.error, src));
  return r.data as ResultFile;
}

/** Exit 0 when the two runs agree, 1 when an award changed (like diff(1)). */
export async function diffCommand(a: string, b: string, opts: { format: 'text' | 'json'; lang: Lang; ids?: boolean; rules?: string }): Promise<number> {
  const changes = diffResults(readResult(a), readResult(b));
  if (opts.format === 'json') writeStdout(safeJson(JSON.stringify({ changes }, null, 2)) + '\n');
  // Clauses are named from the current rules; one they no longer have keeps its id.
  else writeStdout(renderDiff(changes, labelsFor(await loadRules({ rules: opts.rules }), opts.lang, opts.ids)));
  return changes.length ? 1 : 0;
}
