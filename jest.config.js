// The AWS SDK's notice that its future releases need Node.js 22 says nothing about our tests; keep their output clean.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  transform: { '^.+\\.ts$': 'ts-jest' },
  // The constructs deploy the handlers' pre-built bundles (dist/handlers); build them from the sources under test.
  globalSetup: '<rootDir>/scripts/jest-global-setup.js',
  // cdk synth is CPU-bound; the machines we run on have two cores.
  maxWorkers: 2,
  testTimeout: 30000,
};
