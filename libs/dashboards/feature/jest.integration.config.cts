const { integrationConfig } = require('../../../tools/jest/integration-config.cjs');

module.exports = integrationConfig({ displayName: 'dashboards-feature-integration', projectDir: __dirname });
