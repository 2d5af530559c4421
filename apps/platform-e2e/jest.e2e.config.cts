// End-to-end tests of the built processes (dist/apps/*): started as a user or Kubernetes would start them.
const { join } = require('node:path');

module.exports = {
  displayName: 'platform-e2e',
  preset: '../../jest.preset.js',
  testEnvironment: 'node',
  transform: {
    '^.+\\.[tj]s$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.spec.json' }],
    // The standalone crash test opens the embedded database (PGlite) the process left behind.
    '@electric-sql/pglite/.+\\.cjs$': join(__dirname, '../../libs/storage/src/testing/builtin-dynamic-import.jest-transform.cjs'),
  },
  transformIgnorePatterns: ['/node_modules/(?!@electric-sql/pglite/)'],
  testMatch: ['<rootDir>/src/**/*.integration-spec.ts'],
  moduleFileExtensions: ['ts', 'js'],
  testTimeout: 120000,
};
