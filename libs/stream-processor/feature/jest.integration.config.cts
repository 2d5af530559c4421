module.exports = {
  displayName: 'stream-processor-feature-integration',
  preset: '../../../jest.preset.js',
  testEnvironment: 'node',
  transform: {
    '^.+\\.[tj]s$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.spec.json' }],
    // The embedded store (PGlite) under jest: storage's transform, reused by path (see libs/storage/README.md).
    '@electric-sql/pglite/.+\\.cjs$':
      '<rootDir>/../../storage/src/testing/builtin-dynamic-import.jest-transform.cjs',
  },
  transformIgnorePatterns: ['/node_modules/(?!@electric-sql/pglite/)'],
  moduleFileExtensions: ['ts', 'js', 'html'],
  testMatch: ['<rootDir>/src/**/*.integration-spec.ts'],
  // Real broker, database and cache: group joins and rebalances take seconds.
  testTimeout: 120000,
  coverageDirectory: '../../../coverage/libs/stream-processor/feature-integration',
};
