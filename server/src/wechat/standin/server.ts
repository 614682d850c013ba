import http from 'node:http';
import type { Config } from '../../config';
import { createStandin, type StandinOptions, type StandinState } from './app';
import { standinRiskyWords, standinReviewWords } from './fixtures';

export interface RunningStandin {
  url: string;
  state: StandinState;
  stop(): Promise<void>;
}

/** Starts the stand-in on 127.0.0.1 (`port` 0: a free one). */
export async function startStandin(opts: StandinOptions, port = 0): Promise<RunningStandin> {
  const { app, state } = createStandin({ riskyWords: standinRiskyWords, reviewWords: standinReviewWords, ...opts });
  const server = http.createServer(app.callback());
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', resolve);
  });
  const addr = server.address();
  const actual = typeof addr === 'object' && addr ? addr.port : port;
  return {
    url: `http://127.0.0.1:${actual}`,
    state,
    stop: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/** The stand-in for a configuration: its mini-program and its official account, with the fixture articles. */
export function startStandinFor(config: Config, extra: Partial<StandinOptions> = {}, port = 0): Promise<RunningStandin> {
  return startStandin(
    { appid: config.wechat.appid, secret: config.wechat.secret, officialAccount: config.officialAccount ?? undefined, ...extra },
    port,
  );
}
