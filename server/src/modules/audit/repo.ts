import { AuditModel, type AuditDoc } from './model';

export interface AuditEntry {
  actorId: string;
  action: string;
  targetType: string;
  targetId: string;
  detail?: Record<string, unknown>;
  requestId: string;
  at: Date;
}

export async function append(entry: AuditEntry): Promise<void> {
  await AuditModel.create(entry);
}

export async function list(filter: { actorId?: string; action?: string; from?: Date; to?: Date }, skip: number, limit: number) {
  const q: Record<string, unknown> = {};
  if (filter.actorId) q.actorId = filter.actorId;
  if (filter.action) q.action = filter.action;
  if (filter.from || filter.to) q.at = { ...(filter.from ? { $gte: filter.from } : {}), ...(filter.to ? { $lte: filter.to } : {}) };
  const [docs, total] = await Promise.all([
    AuditModel.find(q).sort({ at: -1, _id: -1 }).skip(skip).limit(limit).lean<AuditDoc[]>(),
    AuditModel.countDocuments(q),
  ]);
  return { docs, total };
}
