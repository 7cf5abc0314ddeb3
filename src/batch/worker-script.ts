import { fileURLToPath } from 'node:url';

// From the package root, as load-rules.ts finds rules/: the same file whether this
// module runs from dist/batch/ or from a bundle in dist/bundle/. That is why this file
// sits in src/batch/ and not in parallel/: the bundle (dist/bundle/subsidy.cjs) is two
// folders below the root, as this file is, so one relative path serves both.
export const WORKER = fileURLToPath(new URL('../../dist/batch/parallel/batch-worker.js', import.meta.url));
