import { ConfigError, loadConfig, type Config } from './config';
import { createLogger } from './logger';
import { setCapacityGuardForTests, setClaimLineForTests } from './modules/capacity';
import { startServer } from './server';

function readConfig(): Config {
  try {
    return loadConfig();
  } catch (e) {
    if (e instanceof ConfigError) {
      console.error(e.message);
      process.exit(2);
    }
    throw e;
  }
}

async function main() {
  const config = readConfig();
  // Test-only: the naive check-then-write claim, the negative control of the race test across two
  // API processes (server/test/two-instances.test.ts). Refused outside NODE_ENV=test.
  if (process.env.TEST_UNGUARDED_CAPACITY === '1') {
    if (config.env !== 'test') {
      console.error('Invalid configuration:\n  TEST_UNGUARDED_CAPACITY: only for NODE_ENV=test');
      process.exit(2);
    }
    setCapacityGuardForTests(false);
    setClaimLineForTests(false);
  }
  const logger = createLogger(config.logLevel);
  const running = await startServer(config, logger);
  logger.info({ port: running.port }, `API and H5 preview on ${running.url}/`);
  if (process.stdout.isTTY) {
    console.log(
      `\n  经开事·精心办 is running\n  H5 preview  ${running.url}/\n  API health  ${running.url}/api/health\n  Ctrl+C stops it.\n`,
    );
  }

  let shuttingDown = false;
  const shutdown = async (signal: string) => {
    if (shuttingDown) return;
    shuttingDown = true;
    logger.info({ signal }, 'shutting down: no new connections, finishing in-flight requests');
    setTimeout(() => {
      logger.error('shutdown took too long, exiting');
      process.exit(1);
    }, 15_000).unref();
    await running.stop();
    logger.info('stopped');
    process.exit(0);
  };
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
