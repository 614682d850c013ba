import mongoose, { Schema } from 'mongoose';
import { useTestDb } from './setup/harness';

useTestDb(__filename);

/**
 * What the product relies on from the database, checked on the embedded FerretDB in every run
 * (README: "What FerretDB v1 does for this product").
 */
describe('the embedded database', () => {
  const Pair = mongoose.model('CapabilityPair', new Schema({ a: String, b: Number }), 'capability_pairs');

  beforeAll(async () => {
    await Pair.collection.createIndex({ a: 1, b: 1 }, { unique: true });
  });

  it('rejects a duplicate on a unique compound index with E11000', async () => {
    await Pair.create({ a: 'x', b: 1 });
    await expect(Pair.create({ a: 'x', b: 1 })).rejects.toMatchObject({ code: 11000 });
    await expect(Pair.create({ a: 'x', b: 2 })).resolves.toBeTruthy();
  });

  it('lets exactly one of many parallel inserts of the same key win', async () => {
    const results = await Promise.allSettled(Array.from({ length: 30 }, () => Pair.create({ a: 'race', b: 7 })));
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    expect(await Pair.countDocuments({ a: 'race' })).toBe(1);
  });

  it('sorts, skips, limits, counts and groups', async () => {
    await Pair.insertMany(Array.from({ length: 12 }, (_, i) => ({ a: i % 2 ? 'odd' : 'even', b: 100 + i })));
    const page = await Pair.find({ b: { $gte: 100 } })
      .sort({ b: -1 })
      .skip(2)
      .limit(3)
      .lean();
    expect(page.map((p) => p.b)).toEqual([109, 108, 107]);
    expect(await Pair.countDocuments({ a: 'odd' })).toBe(6);
    const groups = await Pair.aggregate([
      { $match: { b: { $gte: 100 } } },
      { $group: { _id: '$a', n: { $sum: 1 } } },
      { $sort: { _id: 1 } },
    ]);
    expect(groups).toEqual([
      { _id: 'even', n: 6 },
      { _id: 'odd', n: 6 },
    ]);
  });

  it('has no $lookup, which is why no module joins in the database', async () => {
    await expect(Pair.aggregate([{ $lookup: { from: 'x', localField: 'a', foreignField: 'a', as: 'j' } }])).rejects.toThrow(/lookup/);
  });
});
