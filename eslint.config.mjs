// Typed ESLint for every package, with the dependency rule of STYLE.md enforced per package.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';

const nodeBuiltins = ['fs', 'path', 'os', 'http', 'https', 'net', 'crypto', 'child_process'];
/** `names` are exact module names; `patterns` are path globs. Type-only imports are allowed. */
const restrict = (names, patterns, message) => ({
  'no-restricted-imports': [
    'error',
    {
      paths: names.map((name) => ({ name, message, allowTypeImports: true })),
      patterns: [{ group: patterns, message, allowTypeImports: true }],
    },
  ],
});

export default tseslint.config(
  { ignores: ['**/node_modules/**', '**/dist/**', '.tools/**', 'data/**', 'coverage/**', 'test-results/**', '**/*.js', '**/*.mjs'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      parserOptions: {
        projectService: { allowDefaultProject: ['jest.config.js'] },
        tsconfigRootDir: import.meta.dirname,
      },
    },
    rules: {
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: false }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['shared/**/*.ts'],
    rules: restrict(
      ['mongoose', 'koa', ...nodeBuiltins],
      ['@koa/*', '@tarojs/*', 'node:*', '**/server/**', '**/miniapp/**', '**/scripts/**'],
      'shared depends on zod alone: it is bundled into the mini-program.',
    ),
  },
  {
    files: ['miniapp/src/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      ...restrict(
        ['mongoose', 'koa', ...nodeBuiltins],
        ['@koa/*', 'node:*', '**/server/**', '**/scripts/**'],
        'The mini-program depends on shared only.',
      ),
    },
  },
  {
    files: ['server/src/**/*.ts'],
    rules: restrict([], ['@tarojs/*', '**/miniapp/**', '**/scripts/**'], 'The server depends on shared only; nothing imports scripts.'),
  },
  {
    files: ['server/src/modules/**/{routes,service}.ts'],
    rules: restrict(['mongoose'], ['**/model', './model'], 'Only a repo imports its model (routes → service → repo → model).'),
  },
);
