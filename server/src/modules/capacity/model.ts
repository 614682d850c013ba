import { model, Schema, type InferSchemaType, type Types } from 'mongoose';

/**
 * One row per taken place in a pool (a service slot or an event session). Capacity rests on the
 * unique index {poolId, seatNo} with seatNo in 1..capacity, and "one place per person" on
 * {poolId, holderKey}: both hold on FerretDB and MongoDB alike, without transactions.
 */
const seatSchema = new Schema(
  {
    poolId: { type: String, required: true },
    seatNo: { type: Number, required: true },
    holderKey: { type: String, required: true },
    claimId: { type: String, required: true },
  },
  { timestamps: true, collection: 'seats' },
);
seatSchema.index({ poolId: 1, seatNo: 1 }, { unique: true });
seatSchema.index({ poolId: 1, holderKey: 1 }, { unique: true });
seatSchema.index({ claimId: 1 });

export type SeatDoc = InferSchemaType<typeof seatSchema> & { _id: Types.ObjectId };
export const SeatModel = model('Seat', seatSchema);

/**
 * One shared document whose value changes on every claim and release: each instance polls it to
 * learn that another instance changed the seats, and forgets the counts it keeps in memory.
 */
const seatVersionSchema = new Schema(
  { _id: { type: String, required: true }, v: { type: String, required: true } },
  { collection: 'seat_versions' },
);
export const SeatVersionModel = model('SeatVersion', seatVersionSchema);
