/**
 * Measures what the embedded FerretDB does for this product's mongoose usage and prints a table.
 * `npm run measure:db`. Uses a throwaway data directory; touches nothing else.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import mongoose, { Schema } from 'mongoose';
import { startFerretDb } from '../server/src/db/ferretdb';
import { loadConfig } from '../server/src/config';

async function main() {
  const cfg = loadConfig({ ...process.env, NODE_ENV: 'test' });
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'jk-measure-'));
  const fdb = await startFerretDb({ bin: cfg.ferretdbBin, dataDir });
  const rows: [string, string][] = [];
  const row = (what: string, result: string) => {
    rows.push([what, result]);
    console.log(`- ${what}: ${result}`);
  };
  try {
    const t0 = Date.now();
    await mongoose.connect(fdb.uri, { dbName: 'measure', bufferCommands: false });
    row('connect mongoose', `ok in ${Date.now() - t0} ms`);
    const hello = await mongoose.connection.db!.admin().command({ buildInfo: 1 });
    row('reported version', String(hello.version));

    const Seat = mongoose.model('Seat', new Schema({ slotId: String, seatNo: Number }));
    await Seat.collection.createIndex({ slotId: 1, seatNo: 1 }, { unique: true });
    await Seat.create({ slotId: 'a', seatNo: 1 });
    try {
      await Seat.create({ slotId: 'a', seatNo: 1 });
      row('unique compound index, duplicate insert', 'ACCEPTED (no E11000)');
    } catch (e) {
      row('unique compound index, duplicate insert', `rejected with code ${(e as { code?: number }).code}`);
    }

    const Item = mongoose.model('Item', new Schema({ n: Number, g: String }));
    await Item.insertMany(Array.from({ length: 30 }, (_, i) => ({ n: i, g: i % 3 === 0 ? 'x' : 'y' })));
    const page = await Item.find({}).sort({ n: -1 }).skip(5).limit(5).lean();
    row('find sort/skip/limit', page.map((d) => d.n).join(',') === '24,23,22,21,20' ? 'correct' : `WRONG ${page.map((d) => d.n)}`);
    row('countDocuments', String(await Item.countDocuments({ g: 'x' })));
    const agg = await Item.aggregate([{ $match: { n: { $gte: 10 } } }, { $group: { _id: '$g', c: { $sum: 1 } } }, { $sort: { _id: 1 } }]);
    row('aggregate $match/$group/$sort', JSON.stringify(agg));
    const fau = await Item.findOneAndUpdate({ n: 3 }, { $set: { g: 'z' } }, { new: true }).lean();
    row('findOneAndUpdate returns the new document', fau?.g === 'z' ? 'yes' : 'no');

    const Slot = mongoose.model('Slot', new Schema({ capacity: Number, booked: Number }));
    for (const round of [1, 2, 3]) {
      const slot = await Slot.create({ capacity: 10, booked: 0 });
      const results = await Promise.all(
        Array.from({ length: 50 }, () =>
          Slot.findOneAndUpdate({ _id: slot._id, booked: { $lt: 10 } }, { $inc: { booked: 1 } }, { new: true }).lean(),
        ),
      );
      const wins = results.filter(Boolean).length;
      const final = await Slot.findById(slot._id).lean();
      row(`50 concurrent guarded $inc, capacity 10 (round ${round})`, `${wins} succeeded, booked=${final?.booked}`);
    }
    try {
      const session = await mongoose.startSession();
      await session.withTransaction(async () => {
        await Item.create([{ n: 100 }], { session });
      });
      row('multi-document transaction', 'worked');
    } catch (e) {
      row('multi-document transaction', `refused: ${(e as Error).message.slice(0, 80)}`);
    }
    try {
      await Item.aggregate([{ $lookup: { from: 'seats', localField: 'g', foreignField: 'slotId', as: 's' } }]);
      row('$lookup', 'worked');
    } catch (e) {
      row('$lookup', `refused: ${(e as Error).message.slice(0, 80)}`);
    }
    try {
      await Item.collection.createIndex({ n: 1 }, { expireAfterSeconds: 60, name: 'ttl' });
      row('TTL index', 'accepted (check whether it expires anything)');
    } catch (e) {
      row('TTL index', `refused: ${(e as Error).message.slice(0, 80)}`);
    }
    try {
      await Item.collection.createIndex({ g: 1 }, { unique: true, partialFilterExpression: { n: { $gt: 5 } }, name: 'partial' });
      row('partial unique index', 'accepted');
    } catch (e) {
      row('partial unique index', `refused: ${(e as Error).message.slice(0, 80)}`);
    }
  } finally {
    await mongoose.disconnect();
    await fdb.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
