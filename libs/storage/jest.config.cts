module.exports = {
  displayName: 'storage',
  preset: '../../jest.preset.js',
  testEnvironment: 'node',
  transform: {
    '^.+\\.[tj]s$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.spec.json' }],
    '@electric-sql/pglite/.+\\.cjs$':
      '<rootDir>/src/testing/builtin-dynamic-import.jest-transform.cjs',
  },
  // PGlite is transformed (see the transform above); everything else in node_modules is not.
  transformIgnorePatterns: ['/node_modules/(?!@electric-sql/pglite/)'],
  moduleFileExtensions: ['ts', 'js', 'html'],
  coverageDirectory: '../../coverage/libs/storage',
};
