import type { z } from 'zod';
import type { Finding, ErrorCode } from '../errors/codes.js';
import type { YamlSource } from './read-yaml.js';

/** Turns zod issues into findings that point at the file and line of the offending node. */
export function zodFindings(error: z.ZodError, src: YamlSource, code: ErrorCode = 'SCHEMA'): Finding[] {
  const seen = new Set<string>();
  const out: Finding[] = [];
  for (const issue of error.issues) {
    const path = issue.path.filter((p): p is string | number => typeof p !== 'symbol');
    const key = `${path.join('.')}|${issue.message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({ code, args: { detail: describe(issue) }, ...src.locate(path), field: path.join('.') || undefined });
    if (out.length >= 20) break;
  }
  return out;
}

function describe(issue: z.core.$ZodIssue): string {
  if (issue.code === 'unrecognized_keys') return `unknown key(s): ${issue.keys.join(', ')}`;
  if (issue.code === 'invalid_union') {
    // The deepest message of the closest branch says more than "invalid input".
    const branches = (issue as unknown as { errors: z.core.$ZodIssue[][] }).errors ?? [];
    const best = branches.sort((a, b) => a.length - b.length)[0]?.[0];
    if (best) return `${best.message}${best.path.length ? ` at ${best.path.join('.')}` : ''}`;
  }
  return issue.message;
}
