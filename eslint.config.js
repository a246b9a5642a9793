import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const nodeBuiltins = ['node:*', 'fs', 'path', 'http', 'https', 'net', 'crypto', 'os', 'child_process', 'url'];

const clientPatterns = [
  { group: ['**/server/**', '**/server'], message: 'client/ never imports server/.' },
  { group: ['**/shared/src/**'], message: 'Import the domain through @shared.' },
  { group: nodeBuiltins, message: 'client/ runs in the browser.' },
];
const clientFeatures = [
  'agenda',
  'exports',
  'facilitation',
  'iterations',
  'panels',
  'presence',
  'private',
  'room',
  'views',
  'voting',
];
const clientPages = ['board', 'phone', 'projector', 'start'];

/**
 * A client folder may import only the folders in `allowed` (and @shared and packages). Relative
 * specifiers are matched by depth: from client/src/<folder>/a/b.ts, climbing two folders reaches
 * client/src/, so the name after the second climb is the folder imported.
 */
function layerRule(folder, allowed, message) {
  return [1, 2, 3].map((depth) => ({
    files: [`client/src/${folder}/${'*/'.repeat(depth - 1)}*.{ts,tsx}`],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            ...clientPatterns,
            { regex: `^(\\.\\./){${depth}}(?!(${allowed.join('|')})/)`, message },
          ],
        },
      ],
    },
  }));
}

export default tseslint.config(
  { ignores: ['node_modules/', 'client/dist/', 'server/dist/', 'data/', '.e2e-builds/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { ecmaVersion: 2023, sourceType: 'module' },
    rules: {
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    // shared/ is the pure domain: no DOM, React, Konva, network or Node APIs.
    files: ['shared/**/*.ts'],
    languageOptions: { globals: { ...globals['shared-node-browser'] } },
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['react', 'react-*', 'konva', 'react-konva', 'ws', 'y-websocket', 'y-indexeddb'],
              message: 'shared/ stays free of UI and network libraries.',
            },
            { group: nodeBuiltins, message: 'shared/ stays free of Node APIs.' },
            {
              group: ['**/client/**', '**/server/**'],
              message: 'shared/ imports neither client nor server.',
            },
          ],
        },
      ],
      'no-restricted-globals': [
        'error',
        ...[
          'window',
          'document',
          'navigator',
          'localStorage',
          'indexedDB',
          'location',
          'fetch',
          'WebSocket',
        ].map((name) => ({ name, message: 'shared/ is pure: no DOM or network globals.' })),
        ...['process', 'Buffer', 'require', '__dirname', 'global'].map((name) => ({
          name,
          message: 'shared/ is pure: no Node globals.',
        })),
      ],
    },
  },
  {
    // Tests of shared/ (and their helpers) may use Node; the code under test stays pure.
    files: ['shared/**/*.test.ts', 'shared/src/testing.ts'],
    languageOptions: { globals: { ...globals.node } },
    rules: { 'no-restricted-imports': 'off', 'no-restricted-globals': 'off' },
  },
  {
    files: ['client/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'no-restricted-imports': ['error', { patterns: clientPatterns }],
    },
  },
  // The client's layers (client/src/*/README.md): core imports nothing of the client outside core; the
  // canvas imports core; a feature imports core and the canvas, never another feature; the pages
  // (board, phone, projector, start) compose them; App.tsx routes to the pages.
  ...layerRule('core', ['core'], 'core/ imports nothing outside core/ (no canvas, feature or page).'),
  ...layerRule('canvas', ['core', 'canvas'], 'canvas/ imports core/ only.'),
  ...clientFeatures
    .map((feature) =>
      layerRule(
        feature,
        ['core', 'canvas', feature],
        `${feature}/ is a feature: it imports core/ and canvas/, never another feature (share through core/).`,
      ),
    )
    .flat(),
  ...clientPages
    .map((page) =>
      layerRule(
        page,
        [...clientPages, ...clientFeatures, 'core', 'canvas'],
        `${page}/ is a page: App.tsx routes to it.`,
      ),
    )
    .flat(),
  {
    files: ['server/**/*.ts'],
    languageOptions: { globals: { ...globals.node } },
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['**/client/**', '**/client'], message: 'server/ never imports client/.' },
            { group: ['**/shared/src/**'], message: 'Import the domain through @shared.' },
          ],
        },
      ],
    },
  },
  {
    files: ['client/public/**/*.js'],
    languageOptions: { globals: { ...globals.serviceworker } },
  },
  {
    files: ['e2e/**/*.ts', 'scripts/**/*.ts', '*.config.{js,ts}', 'vite.config.ts'],
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
  },
);
