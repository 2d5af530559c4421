// One jest configuration for every project's `integration` target: `*.integration-spec.ts` files against
// the real Kafka, PostgreSQL and Redis (run with one worker). Each project's jest.integration.config.cts
// calls this with its own name and directory.
const path = require('node:path');

const workspaceRoot = path.resolve(__dirname, '../..');
// PGlite (the embedded store) loads its WASM with a dynamic import jest cannot run untransformed.
const pgliteTransform = path.join(workspaceRoot, 'libs/storage/src/testing/builtin-dynamic-import.jest-transform.cjs');

/**
 * @param {{ displayName: string, projectDir: string, testTimeout?: number }} options
 *   projectDir: the project's directory (`__dirname` of its config); testTimeout defaults to 60 s because
 *   group joins, rebalances and migrations take seconds.
 */
function integrationConfig({ displayName, projectDir, testTimeout = 60000 }) {
  const relativeRoot = path.relative(projectDir, workspaceRoot);
  return {
    displayName,
    // jest resolves a preset relative to rootDir and wants it to start with '.'.
    preset: `${relativeRoot}/jest.preset.js`,
    rootDir: projectDir,
    testEnvironment: 'node',
    transform: {
      '^.+\\.[tj]s$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.spec.json' }],
      '@electric-sql/pglite/.+\\.cjs$': pgliteTransform,
    },
    transformIgnorePatterns: ['/node_modules/(?!@electric-sql/pglite/)'],
    moduleFileExtensions: ['ts', 'js', 'html'],
    testMatch: ['<rootDir>/src/**/*.integration-spec.ts'],
    testTimeout,
    coverageDirectory: path.join(workspaceRoot, 'coverage', path.relative(workspaceRoot, projectDir), 'integration'),
  };
}

module.exports = { integrationConfig };
