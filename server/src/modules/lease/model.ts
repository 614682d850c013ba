import { model, Schema } from 'mongoose';

/** One holder per named job across API instances, renewed while it works, taken over when stale. */
const leaseSchema = new Schema(
  {
    name: { type: String, required: true },
    holder: { type: String, required: true },
    expiresAt: { type: Date, required: true },
  },
  { collection: 'leases' },
);
leaseSchema.index({ name: 1 }, { unique: true });

export const LeaseModel = model('Lease', leaseSchema);
