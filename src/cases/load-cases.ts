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

/** Files named on the command line, and every .yaml below directories, in a stable order. */
export function caseFiles(paths: string[]): string[] {
  const out: string[] = [];
  const walk = (p: string) => {
    let st;
    try {
      st = statSync(p);
    } catch {
      throw SubsidyError.of('FILE_NOT_FOUND', {}, { file: p });
    }
    if (st.isDirectory()) for (const n of readdirSync(p).sort()) { const f = join(p, n); if (statSync(f).isDirectory() || /\.ya?ml$/.test(n)) walk(f); }
    else out.push(p);
  };
  paths.forEach(walk);
  return out;
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

