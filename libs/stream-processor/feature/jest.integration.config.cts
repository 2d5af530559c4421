const { integrationConfig } = require('../../../tools/jest/integration-config.cjs');

module.exports = integrationConfig({ displayName: 'stream-processor-feature-integration', projectDir: __dirname, testTimeout: 120000 });
