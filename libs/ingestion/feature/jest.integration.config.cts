module.exports = {
  displayName: 'ingestion-feature-integration',
  preset: '../../../jest.preset.js',
  testEnvironment: 'node',
  transform: {
    '^.+\\.[tj]s$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.spec.json' }],
    // The embedded store (PGlite) under jest: the storage library's transform, reused by path.
    '@electric-sql/pglite/.+\\.cjs$': '<rootDir>/../../storage/src/testing/builtin-dynamic-import.jest-transform.cjs',
  },
  // PGlite is transformed (see the transform above); everything else in node_modules is not.
  transformIgnorePatterns: ['/node_modules/(?!@electric-sql/pglite/)'],
  moduleFileExtensions: ['ts', 'js', 'html'],
  testMatch: ['<rootDir>/src/**/*.integration-spec.ts'],
  // Real broker and database: group joins and migrations take seconds.
  testTimeout: 60000,
  coverageDirectory: '../../../coverage/libs/ingestion/feature-integration',
};
