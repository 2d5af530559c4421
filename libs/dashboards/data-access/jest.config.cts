module.exports = {
  displayName: 'dashboards-data-access',
  preset: '../../../jest.preset.js',
  testEnvironment: 'node',
  transform: {
    '^.+\\.[tj]s$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.spec.json' }],
  },
  moduleFileExtensions: ['ts', 'js', 'html'],
  coverageDirectory: '../../../coverage/libs/dashboards/data-access',
  // Its behaviour is SQL: checked by the integration suite on both stores.
  passWithNoTests: true,
};
