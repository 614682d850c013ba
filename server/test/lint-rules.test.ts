import { execFileSync } from 'node:child_process';
import path from 'node:path';

/**
 * The dependency rule of STYLE.md, as ESLint enforces it: probe source text is linted as if it lived
 * at a path in the tree (ESLint's Node API, `lintText` with a `filePath`; nothing is written), with
 * the repository's own config. Only `no-restricted-imports` runs, without type information, to keep
 * it fast. ESLint loads its config with a dynamic import, which jest's module sandbox cannot do, so
 * the probes are linted in one child Node process.
 */
const ROOT = path.join(__dirname, '../..');
const LINT = `
const { ESLint } = require('eslint');
const probes = JSON.parse(require('node:fs').readFileSync(0, 'utf8'));
const eslint = new ESLint({
  cwd: process.cwd(),
  overrideConfig: { languageOptions: { parserOptions: { projectService: false, project: null } } },
  ruleFilter: ({ ruleId }) => ruleId === 'no-restricted-imports',
});
(async () => {
  const out = [];
  for (const p of probes) {
    const [r] = await eslint.lintText(p.code, { filePath: require('node:path').join(process.cwd(), p.file) });
    out.push(r.messages.map((m) => (m.ruleId ?? 'fatal') + ': ' + m.message));
  }
  process.stdout.write(JSON.stringify(out));
})().catch((e) => { console.error(e); process.exit(1); });
`;

function lintAll(probes: { file: string; code: string }[]): string[][] {
  const out = execFileSync(process.execPath, ['-e', LINT], { cwd: ROOT, input: JSON.stringify(probes), encoding: 'utf8' });
  return JSON.parse(out) as string[][];
}

const CASES: { name: string; file: string; code: string; breaks: RegExp | null }[] = [
  // The server depends on shared only, in every kind of file (the model block once replaced this one).
  {
    name: 'routes.ts importing @tarojs/taro',
    file: 'server/src/modules/news/routes.ts',
    code: "import Taro from '@tarojs/taro';\nexport const t = Taro;\n",
    breaks: /depends on shared only/,
  },
  {
    name: 'service.ts importing the mini-program',
    file: 'server/src/modules/bookings/service.ts',
    code: "import { x } from '../../../../miniapp/src/config';\nexport const y = x;\n",
    breaks: /depends on shared only/,
  },
  {
    name: 'a repo importing scripts',
    file: 'server/src/modules/news/repo.ts',
    code: "import { x } from '../../../../scripts/seed';\nexport const y = x;\n",
    breaks: /nothing imports scripts/,
  },
  {
    name: 'http/ importing @tarojs/taro',
    file: 'server/src/http/probe.ts',
    code: "import Taro from '@tarojs/taro';\nexport const t = Taro;\n",
    breaks: /depends on shared only/,
  },
  {
    name: 'a job importing scripts',
    file: 'server/src/jobs/probe.ts',
    code: "import { x } from '../../../scripts/sync-news';\nexport const y = x;\n",
    breaks: /nothing imports scripts/,
  },
  // Only a repo imports its model, everywhere in server/src.
  {
    name: 'service.ts importing its model',
    file: 'server/src/modules/news/service.ts',
    code: "import { NewsModel } from './model';\nexport const m = NewsModel;\n",
    breaks: /Only a repo imports its model/,
  },
  {
    name: 'routes.ts importing mongoose',
    file: 'server/src/modules/news/routes.ts',
    code: "import mongoose from 'mongoose';\nexport const m = mongoose;\n",
    breaks: /Only a repo talks to mongoose/,
  },
  {
    name: 'another module file (sync.ts) importing a model',
    file: 'server/src/modules/news/sync.ts',
    code: "import { NewsModel } from './model';\nexport const m = NewsModel;\n",
    breaks: /Only a repo imports its model/,
  },
  {
    name: 'a job importing a model',
    file: 'server/src/jobs/probe.ts',
    code: "import { OutboxModel } from '../modules/outbox/model';\nexport const m = OutboxModel;\n",
    breaks: /Only a repo imports its model/,
  },
  {
    name: 'a repo importing another module’s model',
    file: 'server/src/modules/bookings/repo.ts',
    code: "import { UserModel } from '../users/model';\nexport const m = UserModel;\n",
    breaks: /only its own model/,
  },
  // http/ is below the modules.
  {
    name: 'http/ importing a module’s repo',
    file: 'server/src/http/auth.ts',
    code: "import * as users from '../modules/users/repo';\nexport const u = users;\n",
    breaks: /http\/ is below the modules/,
  },
  {
    name: 'http/ importing a module’s service',
    file: 'server/src/http/probe.ts',
    code: "import { plainLine } from '../modules/news/html';\nexport const p = plainLine;\n",
    breaks: /http\/ is below the modules/,
  },
  // Each module has one door, its index.ts: other modules, jobs/, server.ts, seed/ and scripts/ import only that.
  {
    name: 'a module importing another module’s repo',
    file: 'server/src/modules/services/service.ts',
    code: "import { countTaken } from '../capacity/repo';\nexport const c = countTaken;\n",
    breaks: /only through its door/,
  },
  {
    name: 'a module importing another module’s service file',
    file: 'server/src/modules/bookings/create.ts',
    code: "import { claim } from '../capacity/claim';\nexport const c = claim;\n",
    breaks: /only through its door/,
  },
  {
    name: 'a module importing another module’s types from a file (types come through the door too)',
    file: 'server/src/modules/users/service.ts',
    code: "import type { BookingDoc } from '../bookings/repo';\nexport type B = BookingDoc;\n",
    breaks: /only through its door/,
  },
  {
    name: 'a repo importing another module’s repo',
    file: 'server/src/modules/outbox/repo.ts',
    code: "import { acquireLease } from '../lease/repo';\nexport const a = acquireLease;\n",
    breaks: /only through its door/,
  },
  {
    name: 'a job importing a module’s file',
    file: 'server/src/jobs/probe.ts',
    code: "import { syncNews } from '../modules/news/sync';\nexport const s = syncNews;\n",
    breaks: /only through its door/,
  },
  {
    name: 'server.ts importing a module’s repo',
    file: 'server/src/server.ts',
    code: "import { countNews } from './modules/news/repo';\nexport const c = countNews;\n",
    breaks: /only through its door/,
  },
  {
    name: 'the seed importing a module’s repo',
    file: 'server/src/seed/probe.ts',
    code: "import { upsertEvent } from '../modules/events/repo';\nexport const u = upsertEvent;\n",
    breaks: /only through its door/,
  },
  {
    name: 'a script importing a module’s file',
    file: 'scripts/probe.ts',
    code: "import { syncNews } from '../server/src/modules/news/sync';\nexport const s = syncNews;\n",
    breaks: /only through its door/,
  },
  // shared and the mini-program keep their own rules.
  {
    name: 'shared importing mongoose',
    file: 'shared/src/probe.ts',
    code: "import mongoose from 'mongoose';\nexport const m = mongoose;\n",
    breaks: /zod alone/,
  },
  {
    name: 'the mini-program importing koa',
    file: 'miniapp/src/probe.ts',
    code: "import Koa from 'koa';\nexport const k = Koa;\n",
    breaks: /depends on shared only/,
  },
  // Clean probes: what the rule allows.
  {
    name: 'a clean routes.ts (shared, zod, http/, its service)',
    file: 'server/src/modules/news/routes.ts',
    code:
      "import { z } from 'zod';\nimport { newsListQuerySchema } from '@jingkai/shared';\n" +
      "import { validate } from '../../http/validate';\nimport * as service from './service';\n" +
      'export const x = [z, newsListQuerySchema, validate, service];\n',
    breaks: null,
  },
  {
    name: 'a repo importing its own model and mongoose',
    file: 'server/src/modules/news/repo.ts',
    code: "import mongoose from 'mongoose';\nimport { NewsModel } from './model';\nexport const x = [mongoose, NewsModel];\n",
    breaks: null,
  },
  {
    name: 'a service importing a model’s types only',
    file: 'server/src/modules/events/service.ts',
    code: "import type { EventDoc } from './model';\nexport type E = EventDoc;\n",
    breaks: null,
  },
  {
    name: 'http/ importing only http/ and lib',
    file: 'server/src/http/probe.ts',
    code: "import { AppError } from './errors';\nimport { toIso } from '../lib/time';\nexport const x = [AppError, toIso];\n",
    breaks: null,
  },
  {
    name: 'a module importing another module through its door, and its own files',
    file: 'server/src/modules/bookings/create.ts',
    code:
      "import * as capacity from '../capacity';\nimport type { ServiceDoc } from '../services';\n" +
      "import { AppError } from '../../http/errors';\nimport * as repo from './repo';\n" +
      'export const x = [capacity, AppError, repo];\nexport type S = ServiceDoc;\n',
    breaks: null,
  },
  {
    name: 'jobs/, server.ts and a script importing modules through their doors',
    file: 'server/src/jobs/probe.ts',
    code: "import { syncNews } from '../modules/news';\nimport { sendDue } from '../modules/outbox';\nexport const x = [syncNews, sendDue];\n",
    breaks: null,
  },
  {
    name: 'server.ts importing a module through its door',
    file: 'server/src/server.ts',
    code: "import { countNews } from './modules/news';\nexport const c = countNews;\n",
    breaks: null,
  },
  {
    name: 'a script importing a module through its door',
    file: 'scripts/probe.ts',
    code: "import { syncNews } from '../server/src/modules/news';\nexport const s = syncNews;\n",
    breaks: null,
  },
];

describe('the dependency rule, enforced by ESLint', () => {
  let results: string[][] = [];
  beforeAll(() => {
    results = lintAll(CASES);
  });

  it.each(CASES.map((c, i) => ({ ...c, i })))('$name', ({ breaks, i }) => {
    const found = results[i]!;
    if (breaks === null) expect(found).toEqual([]);
    else expect(found).toEqual([expect.stringMatching(breaks)]);
  });
});
