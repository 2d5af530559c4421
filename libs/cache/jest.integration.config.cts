const { integrationConfig } = require('../../tools/jest/integration-config.cjs');

module.exports = integrationConfig({ displayName: 'cache-integration', projectDir: __dirname, testTimeout: 30000 });
