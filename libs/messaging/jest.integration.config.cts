const { integrationConfig } = require('../../tools/jest/integration-config.cjs');

module.exports = integrationConfig({ displayName: 'messaging-integration', projectDir: __dirname });
