/**
 * `npm run seed`: writes (or refreshes) the demo content in the configured database — the embedded
 * FerretDB under DATA_DIR, or MONGODB_URI — whether or not it is empty. Idempotent; prints progress.
 */
import { loadConfig } from '../server/src/config';
import { connectDb, disconnectDb, syncIndexes } from '../server/src/db';
import { startFerretDb } from '../server/src/db/ferretdb';
import { seedDemo } from '../server/src/seed/demo';

async function main() {
  const config = loadConfig();
  const ferret = config.mongodbUri ? undefined : await startFerretDb({ bin: config.ferretdbBin, dataDir: config.dataDir });
  try {
    await connectDb(config.mongodbUri ?? ferret!.uri, ferret ? 'jingkai' : undefined);
    await syncIndexes();
    await seedDemo(new Date(), (msg) => console.log(`[seed] ${msg}`));
    console.log('[seed] done');
  } finally {
    await disconnectDb();
    await ferret?.stop();
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
