import { SubsidyError } from '../../errors/subsidy-error.js';
import { readTextFile } from '../../load/read-text-file.js';
import { diffResults, type ResultFile } from '../../render/diff-results.js';

/** Reads a `calc --format json` result file (one enterprise, or several under `results`). */
function readResult(file: string): ResultFile {
  let data: unknown;
  try {
    data = JSON.parse(readTextFile(file));
  } catch (e) {
    if (e instanceof SubsidyError) throw e;
    throw SubsidyError.of('JSON_SYNTAX', { detail: (e as Error).message }, { file });
  }
  const d = data as { schemaVersion?: unknown; results?: unknown; policies?: unknown };
  // Version 2 only added provenance and input: results of either version compare.
  if ((d?.schemaVersion !== 1 && d?.schemaVersion !== 2) || (!Array.isArray(d.results) && !Array.isArray(d.policies)))
    throw SubsidyError.of('SCHEMA', { detail: 'not a subsidy result file (calc --format json, schemaVersion 1 or 2)' }, { file });
  return d as ResultFile;
}

/** Exit 0 when the two runs agree, 1 when an award changed (like diff(1)). */
export async function diffCommand(a: string, b: string, opts: { format: 'text' | 'json' }): Promise<number> {
  const changes = diffResults(readResult(a), readResult(b));
  if (opts.format === 'json') process.stdout.write(JSON.stringify({ changes }, null, 2) + '\n');
  else if (!changes.length) process.stdout.write('no award changed\n');
  else {
    for (const c of changes)
      process.stdout.write(`${c.enterprise}  ${c.clause}  ${c.before.status ?? '—'} → ${c.after.status ?? '—'}  ${c.before.amount ?? '—'} → ${c.after.amount ?? '—'}${c.delta ? `  (${c.delta})` : ''}\n`);
    process.stdout.write(`${changes.length} change(s)\n`);
  }
  return changes.length ? 1 : 0;
}
