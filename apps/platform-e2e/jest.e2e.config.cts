// End-to-end tests of the built processes (dist/apps/*): started as a user or Kubernetes would start them.
module.exports = {
  displayName: 'platform-e2e',
  preset: '../../jest.preset.js',
  testEnvironment: 'node',
  transform: {
    '^.+\\.[tj]s$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.spec.json' }],
  },
  testMatch: ['<rootDir>/src/**/*.integration-spec.ts'],
  moduleFileExtensions: ['ts', 'js'],
  testTimeout: 120000,
};
