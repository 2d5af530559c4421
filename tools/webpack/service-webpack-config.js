const { NxAppWebpackPlugin } = require('@nx/webpack/app-plugin');
const { join } = require('path');

/**
 * Every Pulse app builds the same way: a Node bundle of its own code and the workspace libraries,
 * with node_modules left external (PGlite, for one, loads its WASM files from its package folder).
 */
function serviceWebpackConfig(appName) {
  return {
    output: {
      path: join(__dirname, '../../dist/apps', appName),
      clean: true,
      ...(process.env.NODE_ENV !== 'production' && {
        devtoolModuleFilenameTemplate: '[absolute-resource-path]',
      }),
    },
    plugins: [
      new NxAppWebpackPlugin({
        target: 'node',
        compiler: 'tsc',
        main: './src/main.ts',
        tsConfig: './tsconfig.app.json',
        assets: ['./src/assets'],
        optimization: false,
        outputHashing: 'none',
        generatePackageJson: true,
        sourceMap: true,
      }),
    ],
  };
}

module.exports = { serviceWebpackConfig };
