import { model, Schema, type InferSchemaType, type Types } from 'mongoose';
import { SERVICE_KINDS, type FormField, type ServiceRules, type SiteMeal } from '@jingkai/shared';

const serviceSchema = new Schema(
  {
    /** Stable key for seeding and configuration, e.g. `elderly-meal`. */
    key: { type: String, required: true },
    kind: { type: String, required: true, enum: SERVICE_KINDS },
    name: { type: String, required: true },
    summary: { type: String, required: true },
    description: { type: String, default: '' },
    phone: { type: String, required: true },
    sortOrder: { type: Number, default: 0 },
    /** Validated with the shared `formFieldSchema` before it is written. */
    form: { type: [Schema.Types.Mixed], default: [] },
    /** No defaults here: `rulesOf` (service.ts) fills a missing rule from DEFAULT_RULES when it is read. */
    rules: {
      opensDaysAhead: { type: Number },
      closesMinutesBefore: { type: Number },
      orderCutoff: { type: String },
      cancelMinutesBefore: { type: Number },
      maxActivePerDay: { type: Number },
    },
    demo: { type: Boolean, default: false },
  },
  { timestamps: true, collection: 'services' },
);
serviceSchema.index({ key: 1 }, { unique: true });

const siteSchema = new Schema(
  {
    serviceId: { type: Schema.Types.ObjectId, required: true },
    key: { type: String, required: true },
    name: { type: String, required: true },
    address: { type: String, required: true },
    phone: { type: String, required: true },
    hours: { type: String, required: true },
    /** GCJ-02, like the events' venues: the datum WeChat's getLocation and openLocation use. */
    lat: { type: Number, required: true },
    lng: { type: Number, required: true },
    sortOrder: { type: Number, default: 0 },
    /** The weekly menu of a 助餐 site (`SiteMeal[]`; answers are checked against `siteMealSchema`); unset where there is none. */
    menu: { type: [Schema.Types.Mixed], default: undefined },
    demo: { type: Boolean, default: false },
  },
  { timestamps: true, collection: 'sites' },
);
siteSchema.index({ serviceId: 1, key: 1 }, { unique: true });

const slotSchema = new Schema(
  {
    serviceId: { type: Schema.Types.ObjectId, required: true },
    siteId: { type: Schema.Types.ObjectId, required: true },
    /** The Shanghai calendar date of `start`, for date-range queries. */
    date: { type: String, required: true },
    start: { type: Date, required: true },
    end: { type: Date, required: true },
    capacity: { type: Number, required: true, min: 1 },
    /** A closed slot takes no bookings (training, holiday); its bookings were cancelled with a notice. */
    closedReason: { type: String, default: null },
    demo: { type: Boolean, default: false },
  },
  { timestamps: true, collection: 'slots' },
);
slotSchema.index({ siteId: 1, start: 1 }, { unique: true });
slotSchema.index({ serviceId: 1, date: 1 });

type WithId<T> = T & { _id: Types.ObjectId };
export type ServiceDoc = WithId<Omit<InferSchemaType<typeof serviceSchema>, 'form' | 'rules'> & { form: FormField[]; rules: ServiceRules }>;
export type SiteDoc = WithId<Omit<InferSchemaType<typeof siteSchema>, 'menu'> & { menu?: SiteMeal[] | null }>;
export type SlotDoc = WithId<InferSchemaType<typeof slotSchema>>;

export const ServiceModel = model('Service', serviceSchema);
export const SiteModel = model('Site', siteSchema);
export const SlotModel = model('Slot', slotSchema);
