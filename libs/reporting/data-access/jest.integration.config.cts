const { integrationConfig } = require('../../../tools/jest/integration-config.cjs');

module.exports = integrationConfig({ displayName: 'reporting-data-access-integration', projectDir: __dirname });
