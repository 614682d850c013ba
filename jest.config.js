// One jest run, four projects: shared (pure), server (real embedded FerretDB), miniapp (client logic),
// e2e (the H5 preview in Debian's chromium, and the WeChat DevTools journeys where DevTools exists).
const swc = [
  '@swc/jest',
  {
    jsc: { parser: { syntax: 'typescript', tsx: true }, target: 'es2022', transform: { react: { runtime: 'automatic' } } },
    module: { type: 'commonjs' },
  },
];
// jose 6 and @noble/ed25519 3 ship ES modules only; jest runs CommonJS, so swc transforms them like our own code.
const base = {
  transform: { '^.+\\.(t|j)sx?$': swc },
  transformIgnorePatterns: ['/node_modules/(?!jose/|@noble/)'],
  testEnvironment: 'node',
};

/** @type {import('jest').Config} */
module.exports = {
  // Server tests start processes and databases; browser journeys build pages. Generous, not a target.
  testTimeout: 90000,
  projects: [
    { ...base, displayName: 'shared', roots: ['<rootDir>/shared/test'] },
    {
      ...base,
      displayName: 'server',
      roots: ['<rootDir>/server/test'],
      globalSetup: '<rootDir>/server/test/setup/global-setup.ts',
      globalTeardown: '<rootDir>/server/test/setup/global-teardown.ts',
    },
    { ...base, displayName: 'miniapp', roots: ['<rootDir>/miniapp/test'] },
    { ...base, displayName: 'e2e', roots: ['<rootDir>/e2e'], testMatch: ['**/*.e2e.ts'] },
  ],
};
