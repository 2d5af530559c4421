module.exports = {
  displayName: 'cache-integration',
  preset: '../../jest.preset.js',
  testEnvironment: 'node',
  transform: {
    '^.+\\.[tj]s$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.spec.json' }],
  },
  moduleFileExtensions: ['ts', 'js', 'html'],
  coverageDirectory: '../../coverage/libs/cache',
  testMatch: ['<rootDir>/src/**/*.integration-spec.ts'],
  testTimeout: 30000,
};
