import { model, Schema, type InferSchemaType, type Types } from 'mongoose';
import { NEWS_CATEGORIES } from '@jingkai/shared';

const newsSchema = new Schema(
  {
    /** Where the article came from and its key there: `oa:<article_id>:<index>`, `seed:<name>`. */
    sourceKey: { type: String, required: true },
    title: { type: String, required: true },
    digest: { type: String, default: '' },
    category: { type: String, required: true, enum: NEWS_CATEGORIES.map((c) => c.value) },
    coverUrl: { type: String, default: null },
    contentHtml: { type: String, required: true },
    author: { type: String, default: null },
    source: { type: String, required: true },
    publishedAt: { type: Date, required: true },
    hidden: { type: Boolean, default: false },
    demo: { type: Boolean, default: false },
  },
  { timestamps: true, collection: 'news' },
);
newsSchema.index({ sourceKey: 1 }, { unique: true });
newsSchema.index({ hidden: 1, publishedAt: -1 });

export type NewsDoc = InferSchemaType<typeof newsSchema> & { _id: Types.ObjectId };
export const NewsModel = model('News', newsSchema);
