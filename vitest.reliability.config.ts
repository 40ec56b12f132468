import { defineConfig } from 'vitest/config';

// The reliability suite (`npm run test:reliability`): kills, outages, races and hostile floods that
// print their figures. Slower than `npm test`, so it is a project of its own.
export default defineConfig({
  test: {
    name: 'reliability',
    include: ['test/reliability/**/*.test.ts'],
    testTimeout: 600_000,
    hookTimeout: 300_000,
    // Scenarios start processes and load the machine: one at a time gives honest figures.
    fileParallelism: false,
  },
});
