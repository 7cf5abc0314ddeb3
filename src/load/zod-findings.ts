import type { z } from 'zod';
import type { Finding, ErrorCode } from '../errors/codes.js';
import type { YamlSource } from './read-yaml.js';
import { didYouMean } from '../errors/did-you-mean.js';
import { reason } from '../i18n/reasons.js';

const LISTED = 20;

/** Turns zod issues into findings that point at the file and line of the offending node. */
export function zodFindings(error: z.ZodError, src: YamlSource, code: ErrorCode = 'SCHEMA'): Finding[] {
  const seen = new Set<string>();
  const out: Finding[] = [];
  const pathOf = (issue: z.core.$ZodIssue) => issue.path.filter((p): p is string | number => typeof p !== 'symbol');
  // A misspelt required key shows up twice: as an unknown key and as a missing one beside it.
  const missing = new Map<string, string[]>();
  for (const issue of error.issues) {
    const path = pathOf(issue);
    if (describe(issue).includes('received undefined') && path.length)
      missing.set(path.slice(0, -1).join('.'), [...(missing.get(path.slice(0, -1).join('.')) ?? []), String(path.at(-1))]);
  }
  for (const issue of error.issues) {
    const path = pathOf(issue);
    const key = `${path.join('.')}|${issue.message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    if (issue.code === 'unrecognized_keys')
      for (const k of issue.keys.slice(0, Math.max(0, LISTED - out.length))) {
        const s = didYouMean(k, missing.get(path.join('.')) ?? []);
        out.push({
          code,
          args: { detail: reason('unknownKey', { key: k }) },
          ...src.locate([...path, k]),
          field: [...path, k].join('.'),
          ...(s ? { hint: { code: 'DID_YOU_MEAN' as const, suggestion: s } } : {}),
        });
      }
    else out.push({ code, args: { detail: describe(issue) }, ...src.locate(path), field: path.join('.') || undefined });
    if (out.length >= LISTED) break;
  }
  // Beyond the first twenty, a count: a file with thousands of unknown keys gets a did-you-mean for twenty.
  const all = error.issues.reduce((n, i) => n + (i.code === 'unrecognized_keys' ? i.keys.length : 1), 0);
  if (all > out.length) out.push({ code: 'MORE_FINDINGS', args: { count: all - out.length }, file: src.file });
  return out;
}

function describe(issue: z.core.$ZodIssue): string {
  if (issue.code === 'invalid_union') {
    // The deepest message of the closest branch says more than "invalid input".
    const branches = (issue as unknown as { errors: z.core.$ZodIssue[][] }).errors ?? [];
    const best = branches.sort((a, b) => a.length - b.length)[0]?.[0];
    if (best) return `${best.message}${best.path.length ? ` at ${best.path.join('.')}` : ''}`;
  }
  return issue.message;
}
