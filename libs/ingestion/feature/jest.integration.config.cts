const { integrationConfig } = require('../../../tools/jest/integration-config.cjs');

module.exports = integrationConfig({ displayName: 'ingestion-feature-integration', projectDir: __dirname });
