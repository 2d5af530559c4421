const { integrationConfig } = require('../../../tools/jest/integration-config.cjs');

module.exports = integrationConfig({ displayName: 'reporting-feature-integration', projectDir: __dirname });
