// Renders the Kubernetes overlays, validates every object offline and checks the project's deployment rules;
// lints the Dockerfile and checks the compose file (README.md of this project).
module.exports = {
  displayName: 'deploy-checks',
  preset: '../../jest.preset.js',
  testEnvironment: 'node',
  transform: {
    '^.+\\.[tj]s$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.spec.json' }],
  },
  moduleFileExtensions: ['ts', 'js'],
  // kubectl kustomize and one Node process validating the schemas per overlay: seconds, not milliseconds.
  testTimeout: 60000,
};
