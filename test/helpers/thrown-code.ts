import { isSubsidyError } from '../../src/errors/subsidy-error.js';

/** The error code of the first finding a call throws, or 'none'; anything but a SubsidyError is rethrown. */
export function thrownCode(fn: () => unknown): string {
  try {
    fn();
    return 'none';
  } catch (e) {
    if (!isSubsidyError(e)) throw e;
    return e.findings[0]!.code;
  }
}
