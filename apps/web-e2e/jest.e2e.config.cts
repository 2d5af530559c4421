// The web UI in Chromium against the built embedded start (dist/apps/standalone, which serves dist/apps/web).
module.exports = {
  displayName: 'web-e2e',
  preset: '../../jest.preset.js',
  testEnvironment: 'node',
  transform: {
    '^.+\\.[tj]s$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.spec.json' }],
  },
  testMatch: ['<rootDir>/src/**/*.integration-spec.ts'],
  moduleFileExtensions: ['ts', 'js'],
  testTimeout: 120000,
};
