module.exports = {
  displayName: 'messaging-integration',
  preset: '../../jest.preset.js',
  testEnvironment: 'node',
  transform: {
    '^.+\\.[tj]s$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.spec.json' }],
  },
  moduleFileExtensions: ['ts', 'js', 'html'],
  testMatch: ['<rootDir>/src/**/*.integration-spec.ts'],
  // Real broker: group joins and rebalances take seconds.
  testTimeout: 60000,
  coverageDirectory: '../../coverage/libs/messaging-integration',
};
