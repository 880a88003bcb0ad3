// Lint gate (run first by `npm test`): promise handling, exhaustive switches, type-only imports, no
// focused tests, and the import boundaries between the pure cores, the VS Code adapters and the webviews.
import tseslint from 'typescript-eslint';
import boundaries from './scripts/lint/reachableImports.mjs';

const NODE_BUILTINS = [
  'assert',
  'buffer',
  'child_process',
  'cluster',
  'crypto',
  'dgram',
  'dns',
  'events',
  'fs',
  'fs/promises',
  'http',
  'http2',
  'https',
  'inspector',
  'module',
  'net',
  'os',
  'path',
  'perf_hooks',
  'process',
  'readline',
  'stream',
  'string_decoder',
  'timers',
  'tls',
  'tty',
  'url',
  'util',
  'v8',
  'vm',
  'worker_threads',
  'zlib',
];

const handWrittenErrorText = {
  selector: "ConditionalExpression > BinaryExpression.test[operator='instanceof'][right.name='Error']",
  message: 'Use describeError / describeErrorWithStack from src/errorText.',
};

const unguardedCommand = {
  selector: "MemberExpression[object.property.name='commands'][property.name=/^(registerCommand|executeCommand)$/]",
  message:
    'Use registerCommand / runCommand from src/commands/commandAdapter with an entry of the command table: they guard handlers and type arguments.',
};

const rawConfiguration = {
  selector: 'MemberExpression[property.name=/^(getConfiguration|affectsConfiguration)$/]',
  message:
    'Read settings with currentSettings / readSetting / settingChanged from src/settings/readSettings: the table there holds their types and defaults.',
};

const focusedTest = {
  selector: 'MemberExpression[object.name=/^(describe|it|test|suite)$/][property.name="only"]',
  message: 'A focused test silently skips the rest of the suite; remove .only before committing.',
};

const noVscode = {
  name: 'vscode',
  message:
    'Pure modules stay free of the VS Code API so they run in the CLI and unit tests; put the call in an adapter.',
};

export default tseslint.config(
  {
    ignores: [
      'dist/**',
      'media/dist/**',
      'out/**',
      'node_modules/**',
      '.vscode-test/**',
      'test-output/**',
      'test/fixtures/**',
    ],
  },
  {
    files: ['**/*.ts', '**/*.mts'],
    languageOptions: {
      parser: tseslint.parser,
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    plugins: { '@typescript-eslint': tseslint.plugin },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': ['error', { considerDefaultExhaustiveForUnions: true }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      'no-restricted-syntax': ['error', handWrittenErrorText],
    },
  },
  {
    files: ['src/**/*.ts'],
    rules: { 'no-restricted-syntax': ['error', handWrittenErrorText, unguardedCommand, rawConfiguration] },
  },
  {
    files: ['src/commands/commandAdapter.ts'],
    rules: { 'no-restricted-syntax': ['error', handWrittenErrorText, rawConfiguration] },
  },
  {
    files: ['src/settings/readSettings.ts'],
    rules: { 'no-restricted-syntax': ['error', handWrittenErrorText, unguardedCommand] },
  },
  {
    files: ['src/errorText.ts'],
    rules: { 'no-restricted-syntax': 'off' },
  },
  {
    files: ['test/**/*.ts'],
    rules: {
      'no-restricted-syntax': ['error', handWrittenErrorText, focusedTest],
    },
  },
  {
    // The pure cores and the modules the webviews share: no VS Code API.
    files: [
      'src/scanner/**/*.ts',
      'src/analysis/**/*.ts',
      'src/content/**/*.ts',
      'src/diagnostics/**/*.ts',
      'src/grader/**/*.ts',
      'src/modelInsight/**/*.ts',
      'src/visualisations/**/*.ts',
      'src/quiz/**/*.ts',
      'src/progress/**/*.ts',
      'src/settings/settingTable.ts',
      'src/commands/commandTable.ts',
      // Imported by the webviews as well.
      'src/webviews/protocol.ts',
      'src/webviews/*/messages.ts',
      'src/sidebar/conceptSearch.ts',
    ],
    // The VS Code adapters that live beside their pure modules.
    ignores: [
      'src/quiz/quizLauncher.ts',
      'src/quiz/studyFeatures.ts',
      'src/progress/progressCommands.ts',
      'src/progress/progressService.ts',
    ],
    plugins: { boundaries },
    rules: {
      'no-restricted-imports': ['error', { paths: [noVscode] }],
      'boundaries/no-reachable': ['error', { names: [noVscode.name], message: noVscode.message }],
    },
  },
  {
    // The webviews run in a browser sandbox: no VS Code API (they talk to the host by messages) and no Node.
    files: ['media/**/*.ts'],
    plugins: { boundaries },
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            { name: 'vscode', message: 'Webviews reach the host through postMessage, not the VS Code API.' },
            ...NODE_BUILTINS.map((name) => ({ name, message: 'Webviews run in a browser: no Node modules.' })),
          ],
          patterns: [{ group: ['node:*'], message: 'Webviews run in a browser: no Node modules.' }],
        },
      ],
      'boundaries/no-reachable': [
        'error',
        {
          names: ['vscode', ...NODE_BUILTINS],
          prefixes: ['node:'],
          message: 'Webviews run in a browser and reach the host by messages: no VS Code API and no Node modules.',
        },
      ],
    },
  },
  {
    files: ['**/*.mjs'],
    ...tseslint.configs.disableTypeChecked,
  },
);
