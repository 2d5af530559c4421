const { integrationConfig } = require('../../tools/jest/integration-config.cjs');

module.exports = integrationConfig({ displayName: 'storage-integration', projectDir: __dirname });
