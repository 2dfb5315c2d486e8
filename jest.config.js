/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  transform: { '^.+\\.ts$': 'ts-jest' },
  // cdk synth and esbuild bundling are CPU-bound; the machines we run on have two cores.
  maxWorkers: 2,
  testTimeout: 30000,
};
