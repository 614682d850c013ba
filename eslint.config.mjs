// Typed ESLint for every package, with the dependency rule of STYLE.md enforced per package.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';

const nodeBuiltins = ['fs', 'path', 'os', 'http', 'https', 'net', 'crypto', 'child_process'];

/**
 * One `no-restricted-imports` rule from several restrictions: `names` are exact module names,
 * `patterns` path globs, each with its own message. Type-only imports are allowed.
 * A flat-config block that sets a rule replaces the options of an earlier block for the same files,
 * so every file group below gets exactly one rule, composed from every restriction that applies to it.
 */
const restrict = (...restrictions) => ({
  'no-restricted-imports': [
    'error',
    {
      paths: restrictions.flatMap(({ names = [], message }) => names.map((name) => ({ name, message, allowTypeImports: true }))),
      patterns: restrictions
        .filter(({ patterns = [] }) => patterns.length)
        .map(({ patterns, message }) => ({ group: patterns, message, allowTypeImports: true })),
    },
  ],
});

/** The restrictions of the dependency rule (STYLE.md). */
const RULES = {
  sharedAlone: {
    names: ['mongoose', 'koa', ...nodeBuiltins],
    patterns: ['@koa/*', '@tarojs/*', 'node:*', '**/server/**', '**/miniapp/**', '**/scripts/**'],
    message: 'shared depends on zod alone: it is bundled into the mini-program.',
  },
  miniappShared: {
    names: ['mongoose', 'koa', ...nodeBuiltins],
    patterns: ['@koa/*', 'node:*', '**/server/**', '**/scripts/**'],
    message: 'The mini-program depends on shared only.',
  },
  serverShared: {
    patterns: ['@tarojs/*', '**/miniapp/**', '**/scripts/**'],
    message: 'The server depends on shared only; nothing imports scripts.',
  },
  modelsInRepos: {
    patterns: ['**/model', './model', '**/model.ts'],
    message: 'Only a repo imports its model (routes → service → repo → model).',
  },
  noMongooseAboveRepo: { names: ['mongoose'], message: 'Only a repo talks to mongoose (routes → service → repo → model).' },
  ownModelOnly: { patterns: ['../*/model', '**/modules/*/model'], message: 'A repo imports only its own model.' },
  httpBelowModules: {
    patterns: ['**/modules/**', '**/modules'],
    message: 'http/ is below the modules: it imports none of them (inject what it needs through Deps).',
  },
};

const REPO_OR_MODEL = 'server/src/modules/**/{repo,model}.ts';

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
    rules: restrict(RULES.sharedAlone),
  },
  {
    files: ['miniapp/src/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      ...restrict(RULES.miniappShared),
    },
  },
  // The server: four disjoint groups of files, each with every restriction that applies to it.
  {
    files: ['server/src/**/*.ts'],
    ignores: ['server/src/modules/**', 'server/src/http/**'],
    rules: restrict(RULES.serverShared, RULES.modelsInRepos),
  },
  {
    files: ['server/src/http/**/*.ts'],
    rules: restrict(RULES.serverShared, RULES.modelsInRepos, RULES.httpBelowModules),
  },
  {
    files: ['server/src/modules/**/*.ts'],
    ignores: [REPO_OR_MODEL],
    rules: restrict(RULES.serverShared, RULES.modelsInRepos, RULES.noMongooseAboveRepo),
  },
  {
    files: [REPO_OR_MODEL],
    rules: restrict(RULES.serverShared, RULES.ownModelOnly),
  },
);
