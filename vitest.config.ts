import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

/**
 * Test files that must have modules of their own: they replace a module with vi.mock.
 * Every other file shares its worker's modules with the files run before it (isolate: false):
 * importing the project afresh for each file was about a fifth of the suite's time, and no
 * module of src/ keeps state a test changes (the in-memory rule cache is keyed by content).
 */
const ISOLATED = ['test/corpus/write-file-atomic.test.ts'];

export default defineConfig({
  test: {
    testTimeout: 20000,
    pool: 'forks',
    // Vitest's default is one worker per core less one: a single worker on a 2-core machine,
    // where many tests mostly wait on the CLI processes they spawn. Two took npm test's
    // tests from 128 s to 95 s here (three: 103 s).
    maxWorkers: Math.max(2, availableParallelism() - 1),
    projects: [
      { extends: true, test: { name: 'shared', include: ['test/**/*.test.ts'], exclude: ISOLATED, isolate: false } },
      { extends: true, test: { name: 'isolated', include: ISOLATED } },
    ],
  },
});
