import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { SubsidyError } from '../errors/subsidy-error.js';
import { readTextFile } from '../load/read-text-file.js';
import { readYaml, type YamlSource } from '../load/read-yaml.js';
import { zodFindings } from '../load/zod-findings.js';
import { CaseSchema, type Case } from '../schema/case-schema.js';

export interface LoadedCase {
  case: Case;
  src: YamlSource;
  index?: number;
}

/**
 * Files named on the command line, and the .yaml files directly in named directories,
 * in a stable order. Subdirectories are not entered: examples/batch holds inputs, not cases.
 */
export function caseFiles(paths: string[]): string[] {
  const out: string[] = [];
  for (const p of paths) {
    if (!stat(p).isDirectory()) out.push(p);
    else for (const n of readdirSync(p).sort()) if (/\.ya?ml$/.test(n) && stat(join(p, n)).isFile()) out.push(join(p, n));
  }
  return out;
}

/** A path that cannot be stat'ed (missing, or a dangling link inside a directory) is the user's error. */
function stat(p: string) {
  try {
    return statSync(p);
  } catch {
    throw SubsidyError.of('FILE_NOT_FOUND', {}, { file: p });
  }
}

/** A case file holds one case, or a list under `cases:`. Malformed files are errors with file and line. */
export function loadCaseFile(file: string): LoadedCase[] {
  const src = readYaml(readTextFile(file), file);
  const data = src.data as Record<string, unknown> | null;
  const isList = data !== null && typeof data === 'object' && 'cases' in data;
  const schema = isList ? z.object({ cases: z.array(CaseSchema).min(1) }).strict() : CaseSchema;
  const r = schema.safeParse(data);
  if (!r.success) throw new SubsidyError(zodFindings(r.error, src, 'CASE_INVALID'));
  if (isList) return (r.data as { cases: Case[] }).cases.map((c, index) => ({ case: c, src, index }));
  return [{ case: r.data as Case, src }];
}
