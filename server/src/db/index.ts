import mongoose, { type Connection, type Model } from 'mongoose';

/**
 * The only place that connects. Commands are not buffered: when the database is away a request
 * fails fast with 503 instead of hanging, and the driver reconnects by itself.
 */
export async function connectDb(uri: string, dbName?: string): Promise<Connection> {
  mongoose.set('strictQuery', true);
  mongoose.set('bufferCommands', false);
  mongoose.set('autoIndex', false);
  await mongoose.connect(uri, {
    dbName,
    serverSelectionTimeoutMS: 3000,
    heartbeatFrequencyMS: 2000,
    maxPoolSize: 20,
  });
  return mongoose.connection;
}

/** Builds every model's indexes; uniqueness rules of the product live in them. */
export async function syncIndexes(): Promise<void> {
  for (const model of Object.values(mongoose.models)) await model.createIndexes();
}

export async function disconnectDb(): Promise<void> {
  await mongoose.disconnect();
}

/**
 * True while the driver holds a connection. With `bufferCommands` off a query made while it is false
 * would wait for server selection, so callers that can answer otherwise (from memory, or with a 503) ask first.
 */
export function isDbUp(): boolean {
  return mongoose.connection.readyState === 1;
}

/** True when the database answers a ping within `timeoutMs`. */
export async function pingDb(timeoutMs = 1500): Promise<boolean> {
  const db = mongoose.connection.db;
  if (!db || !isDbUp()) return false;
  try {
    await Promise.race([
      db.admin().command({ ping: 1 }),
      new Promise((_, reject) => setTimeout(() => reject(new Error('ping timeout')), timeoutMs).unref()),
    ]);
    return true;
  } catch {
    return false;
  }
}

/**
 * True for a duplicate-key error (E11000): a unique index refused the write. Uniqueness and capacity
 * rest on unique indexes, so every repo asks this one question the same way.
 */
export function isDuplicateKey(e: unknown): boolean {
  return (e as { code?: number } | null)?.code === 11000;
}

/**
 * Which of `ids` are the `_id` of a document of `model` (the sweepers ask which claims have their
 * record); a string that is no ObjectId has none.
 */
export async function existingIdsIn<T>(model: Model<T>, ids: string[]): Promise<Set<string>> {
  const valid = ids.filter((id) => /^[0-9a-f]{24}$/.test(id));
  if (!valid.length) return new Set();
  const docs = await model
    .find({ _id: { $in: valid } })
    .select('_id')
    .lean<{ _id: unknown }[]>();
  return new Set(docs.map((d) => String(d._id)));
}
