// Lint rules. The one that matters most: the engine, the model and the data
// code stay pure, so they run in mocha, in a worker and in a browser alike.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const pureBoundary = {
  paths: [{ name: 'vscode', message: 'Pure code must not depend on VS Code; put this in src/host.' }],
  patterns: [
    { group: ['d3', 'd3-*'], message: 'Pure code must not depend on D3; put this in webview/.' },
    { group: ['**/host/**', '**/webview/**', '**/cli/**'], message: 'Pure code must not import the host, webview or CLI.' },
    { group: ['node:*', 'fs', 'path', 'os', 'child_process', 'worker_threads'], message: 'Pure code must not use Node-only modules.' },
  ],
};

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', '.vscode-host/**', 'test-output/**', 'out/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['src/engine/**/*.ts', 'src/model/**/*.ts', 'src/data/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', pureBoundary],
      'no-restricted-globals': ['error', 'window', 'document', 'navigator'],
      'no-restricted-properties': ['error', { object: 'Math', property: 'random', message: 'Pass a seeded generator in.' }],
    },
  },
  {
    files: ['webview/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: ['**/host/**', 'vscode'], message: 'The webview never imports the extension host.' }] }],
    },
  },
  {
    files: ['**/*.cjs', 'scripts/**/*.mjs', 'esbuild.mjs', 'bin/**/*.js', 'test/**/*.mjs'],
    languageOptions: { globals: { require: 'readonly', module: 'writable', exports: 'writable', process: 'readonly', console: 'readonly', __dirname: 'readonly', Buffer: 'readonly', setTimeout: 'readonly', clearTimeout: 'readonly', URL: 'readonly' } },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);
