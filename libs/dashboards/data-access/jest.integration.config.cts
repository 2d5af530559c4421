const { integrationConfig } = require('../../../tools/jest/integration-config.cjs');

module.exports = integrationConfig({ displayName: 'dashboards-data-access-integration', projectDir: __dirname });
