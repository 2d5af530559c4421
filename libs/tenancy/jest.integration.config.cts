const { integrationConfig } = require('../../tools/jest/integration-config.cjs');

module.exports = integrationConfig({ displayName: 'tenancy-integration', projectDir: __dirname, testTimeout: 30000 });
