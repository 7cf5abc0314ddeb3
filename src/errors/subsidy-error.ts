import type { ErrorCode, Finding, Position } from './codes.js';

/** The one error class for user mistakes: it carries findings, never a stack for the user. */
export class SubsidyError extends Error {
  readonly findings: Finding[];

  constructor(findings: Finding[]) {
    super(findings.map((f) => `${f.code}${f.file ? ' ' + f.file : ''}${f.line ? ':' + f.line : ''}`).join('; '));
    this.name = 'SubsidyError';
    this.findings = findings;
  }

  static of(code: ErrorCode, args: Finding['args'] = {}, pos: Position = {}, hint?: Finding['hint']): SubsidyError {
    return new SubsidyError([{ code, args, ...pos, ...(hint ? { hint } : {}) }]);
  }
}

export function isSubsidyError(e: unknown): e is SubsidyError {
  return e instanceof SubsidyError;
}
