import baseConfig from '../../eslint.config.mjs';

export default [
  ...baseConfig,
  {
    // Shared by the Node services and the browser app: plain data in, SVG string out.
    files: ['**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['@nestjs/*', 'fs', 'node:*', 'http', 'net', 'react', 'react-dom'],
              message: 'charts is pure: no I/O, framework or DOM imports.',
            },
          ],
        },
      ],
    },
  },
];
