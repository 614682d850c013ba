// Typed ESLint for every package, with the dependency rule of STYLE.md enforced per package.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';

const nodeBuiltins = ['fs', 'path', 'os', 'http', 'https', 'net', 'crypto', 'child_process'];

/**
 * One `no-restricted-imports` rule from several restrictions: `names` are exact module names,
 * `patterns` path globs, `regex` a regular expression over the import path, each with its own
 * message. Type-only imports are allowed, except through a `regex` restriction (the doors: types
 * come through a module's index.ts too).
 * A flat-config block that sets a rule replaces the options of an earlier block for the same files,
 * so every file group below gets exactly one rule, composed from every restriction that applies to it.
 */
const restrict = (...restrictions) => ({
  'no-restricted-imports': [
    'error',
    {
      paths: restrictions.flatMap(({ names = [], message }) => names.map((name) => ({ name, message, allowTypeImports: true }))),
      patterns: [
        ...restrictions
          .filter(({ patterns = [] }) => patterns.length)
          .map(({ patterns, message }) => ({ group: patterns, message, allowTypeImports: true })),
        ...restrictions.filter(({ regex }) => regex).map(({ regex, message }) => ({ regex, message })),
      ],
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
  // The doors (STYLE.md: each module's index.ts is its public door). A model path is left to the model
  // rules above, which name the problem more exactly (and one import gets one message).
  doorsFromModules: {
    regex: '^\\.\\./[^./][^/]*/(?!model(\\.ts)?$).+',
    message: 'Another module is used only through its door: import `../<module>` (its index.ts), never its files.',
  },
  doorsFromOutside: {
    regex: '(^|/)modules/[^/]+/(?!model(\\.ts)?$).+',
    message: 'A module is used only through its door: import `modules/<module>` (its index.ts), never its files.',
  },
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
    rules: restrict(RULES.serverShared, RULES.modelsInRepos, RULES.doorsFromOutside),
  },
  {
    files: ['server/src/http/**/*.ts'],
    rules: restrict(RULES.serverShared, RULES.modelsInRepos, RULES.httpBelowModules),
  },
  {
    files: ['server/src/modules/**/*.ts'],
    ignores: [REPO_OR_MODEL],
    rules: restrict(RULES.serverShared, RULES.modelsInRepos, RULES.noMongooseAboveRepo, RULES.doorsFromModules),
  },
  {
    files: [REPO_OR_MODEL],
    rules: restrict(RULES.serverShared, RULES.ownModelOnly, RULES.doorsFromModules),
  },
  // scripts/ are entry points: they reach the server's modules through their doors too.
  {
    files: ['scripts/**/*.ts'],
    rules: restrict(RULES.doorsFromOutside),
  },
);
