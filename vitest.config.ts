import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 20000,
    pool: 'forks',
    // Vitest's default is one worker per core less one: a single worker on a 2-core machine,
    // where many tests mostly wait on the CLI processes they spawn. Two took npm test's
    // tests from 128 s to 95 s here (three: 103 s).
    maxWorkers: Math.max(2, availableParallelism() - 1),
  },
});
