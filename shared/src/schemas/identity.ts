import { z } from 'zod';
import { idSchema, instantSchema, objectIdSchema, pagedSchema, queryIntSchema } from './common';
import { REQUEST_UNITS } from './requests';
import { monthDayTime } from '../time';

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK = '10X98765432';

/** GB 11643-1999: 17 digits, a valid birth date, and the ISO 7064 MOD 11-2 check character. */
export function isValidIdNumber(value: string): boolean {
  if (!/^\d{17}[\dX]$/.test(value)) return false;
  const birth = value.slice(6, 14);
  const y = Number(birth.slice(0, 4));
  const m = Number(birth.slice(4, 6));
  const d = Number(birth.slice(6, 8));
  const date = new Date(Date.UTC(y, m - 1, d));
  if (y < 1900 || date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return false;
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(value[i]) * WEIGHTS[i]!;
  return CHECK[sum % 11] === value[17];
}

/** The birth date (`YYYY-MM-DD`) inside a valid ID number. */
export function birthDateOfIdNumber(value: string): string {
  return `${value.slice(6, 10)}-${value.slice(10, 12)}-${value.slice(12, 14)}`;
}

/** Whole years between a birth date and a day, both `YYYY-MM-DD`. */
export function ageOn(birthDate: string, today: string): number {
  const years = Number(today.slice(0, 4)) - Number(birthDate.slice(0, 4));
  return today.slice(5) < birthDate.slice(5) ? years - 1 : years;
}

export const idNumberSchema = z
  .string({ error: '请填写身份证号' })
  .trim()
  .min(1, '请填写身份证号')
  .transform((s) => s.toUpperCase())
  .refine(isValidIdNumber, '身份证号不正确，请检查');

/** Mainland mobile numbers. */
export const phoneSchema = z
  .string({ error: '请填写手机号' })
  .trim()
  .regex(/^1[3-9]\d{9}$/, '手机号格式不正确');

export const personNameSchema = z
  .string({ error: '请填写姓名' })
  .trim()
  .min(1, '请填写姓名')
  .min(2, '姓名至少 2 个字')
  .max(20, '姓名最多 20 个字')
  .regex(/^[\u4e00-\u9fa5·A-Za-z\s]+$/, '姓名只能包含汉字、字母和“·”');

export const loginBodySchema = z.strictObject({
  code: z.string({ error: '缺少登录凭证' }).trim().min(1, '缺少登录凭证').max(128, '登录凭证太长'),
});

/**
 * Where our own uploaded avatars live (`POST /api/me/avatar` answers such a path). No other avatar
 * is accepted: an address elsewhere could point anywhere, internal hosts included.
 */
export const AVATAR_PATH = /^\/api\/avatars\/[0-9a-f]{32}\.(png|jpg|webp)$/;

export const profilePatchSchema = z.strictObject({
  nickname: z.string().trim().min(1, '昵称不能为空').max(20, '昵称最多 20 个字').optional(),
  avatarUrl: z.string({ error: '头像只能使用上传到本站的图片' }).regex(AVATAR_PATH, '头像只能使用上传到本站的图片').optional(),
});

export const phoneBindSchema = z.strictObject({
  code: z.string({ error: '缺少手机号凭证' }).trim().min(1, '缺少手机号凭证').max(128),
});

export const RELATIONS = [
  { value: 'self', label: '本人' },
  { value: 'parent', label: '父母' },
  { value: 'child', label: '子女' },
  { value: 'spouse', label: '配偶' },
  { value: 'grandparent', label: '祖父母/外祖父母' },
  { value: 'other', label: '其他亲属' },
] as const;
export type Relation = (typeof RELATIONS)[number]['value'];

/** Under 14 is a child's sensitive personal information under PIPL: a guardian must consent. */
export const CHILD_AGE = 14;

export const familyMemberBodySchema = z.strictObject({
  name: personNameSchema,
  relation: z.enum(RELATIONS.map((r) => r.value) as [Relation, ...Relation[]], { error: '请选择与您的关系' }),
  idNumber: idNumberSchema,
  phone: phoneSchema.optional(),
  address: z.string().trim().min(5, '地址太短了').max(120, '地址最多 120 个字').optional(),
  consent: z.literal(true, { error: '请确认已取得本人（或监护人）同意' }),
  guardian: z.boolean().optional(),
});
export type FamilyMemberBody = z.infer<typeof familyMemberBodySchema>;

export const ROLES = ['citizen', 'staff', 'admin'] as const;
export type Role = (typeof ROLES)[number];

/**
 * Grants `admin`, or `staff` with scopes added to those held: services, events and/or `news`
 * (资讯管理: pin, hide, publish and import articles).
 */
export const roleGrantSchema = z.strictObject({
  userId: objectIdSchema,
  role: z.enum(['staff', 'admin'], { error: '只能授予 staff 或 admin' }),
  serviceIds: z.array(objectIdSchema).max(50).optional(),
  eventIds: z.array(objectIdSchema).max(50).optional(),
  news: z.boolean({ error: '资讯管理只能是开或关' }).optional(),
  /** 诉求办理: the units whose requests this staff member handles (综合 handles every request). */
  requestUnits: z
    .array(z.enum(REQUEST_UNITS, { error: '没有这个承办单位' }))
    .max(REQUEST_UNITS.length)
    .optional(),
});

export type RoleGrant = z.infer<typeof roleGrantSchema>;

/** Revokes a role; with `scope: 'news'`, only a staff member's 资讯管理 (the role goes too when no scope is left). */
export const roleRevokeSchema = z.strictObject({
  userId: objectIdSchema,
  role: z.enum(['staff', 'admin'], { error: '只能撤销 staff 或 admin' }),
  scope: z.enum(['news', 'requests'], { error: '只能单独撤销资讯管理或诉求办理' }).optional(),
});
export type RoleRevoke = z.infer<typeof roleRevokeSchema>;

export const auditQuerySchema = z.strictObject({
  actorId: objectIdSchema.optional(),
  action: z
    .string()
    .regex(/^[a-z.]+$/, '操作名只能是小写字母和点')
    .max(40)
    .optional(),
  from: z.iso.datetime({ offset: true, error: '时间格式不正确' }).optional(),
  to: z.iso.datetime({ offset: true, error: '时间格式不正确' }).optional(),
  page: queryIntSchema('页码', 1, 10_000).default(1),
  pageSize: queryIntSchema('每页条数', 1, 100).default(20),
});

/** A phone number as answers show it: `139****0001`. */
export const maskedPhoneSchema = z.string().regex(/^\d{3}\*{4}\d{4}$/);
/** An ID number as answers show it: `150502********1234`. */
export const maskedIdNumberSchema = z.string().regex(/^\d{6}\*{8}[\dX]{4}$/);
/** An address as answers show it: the district and road, the house hidden. */
export const maskedAddressSchema = z.string().regex(/\*{4}$/);

export const meUserSchema = z.strictObject({
  id: idSchema,
  nickname: z.string().nullable(),
  avatarUrl: z.string().regex(AVATAR_PATH).nullable(),
  /** Masked: `139****0001`. */
  phone: maskedPhoneSchema.nullable(),
  roles: z.array(z.enum(ROLES)),
  /** What a staff member may act on; `news` is 资讯管理. Admins may act on everything regardless. */
  staffScopes: z.strictObject({
    serviceIds: z.array(idSchema),
    eventIds: z.array(idSchema),
    news: z.boolean(),
    /** 诉求办理 units. */
    requestUnits: z.array(z.enum(REQUEST_UNITS)),
  }),
});
export type MeUser = z.infer<typeof meUserSchema>;

/** An account as admins list it: named by nickname and masked phone (personLabel), never by its openid. */
export const adminUserSchema = meUserSchema.extend({ displayName: z.string() });
export type AdminUser = z.infer<typeof adminUserSchema>;

/**
 * How a person is named where admins choose whom to grant a role: `张科长 · 139****0001`, with
 * 未设昵称 / 未绑定手机 standing in for what the person has not given. Someone who has given neither
 * is told apart by the last 4 characters of their account id (not their openid) and when they last
 * logged in (`用户 a3f2 · 最近登录 12月3日 14:32`), or joined if never since. `phone` is already masked.
 */
export function personLabel(
  u: { id: string; nickname: string | null; phone: string | null },
  joined: Date,
  lastLogin?: Date | null,
): string {
  if (u.nickname || u.phone) return `${u.nickname ?? '未设昵称'} · ${u.phone ?? '未绑定手机'}`;
  const when = lastLogin ? `最近登录 ${monthDayTime(lastLogin)}` : `${monthDayTime(joined)} 加入`;
  return `用户 ${u.id.slice(-4)} · ${when}`;
}

/** `GET /api/admin/users`. */
export const adminUsersSchema = pagedSchema(adminUserSchema);

/** Whether this person may manage 资讯 (staff with the news scope, or an admin). */
export function mayManageNews(u: Pick<MeUser, 'roles' | 'staffScopes'>): boolean {
  return u.roles.includes('admin') || (u.roles.includes('staff') && u.staffScopes.news);
}

/** Whether this person handles 诉求 (staff with a requests unit, or an admin), as the server's requests scope checks. */
export function mayHandleRequests(u: Pick<MeUser, 'roles' | 'staffScopes'>): boolean {
  return u.roles.includes('admin') || (u.roles.includes('staff') && u.staffScopes.requestUnits.length > 0);
}

export const familyMemberSchema = z.strictObject({
  id: idSchema,
  /** Children's names are masked too. */
  name: z.string(),
  relation: z.enum(RELATIONS.map((r) => r.value) as [Relation, ...Relation[]]),
  idNumber: maskedIdNumberSchema,
  phone: maskedPhoneSchema.nullable(),
  address: maskedAddressSchema.nullable(),
  isChild: z.boolean(),
  ageYears: z.number().int().min(0),
  consentAt: instantSchema,
});
export type FamilyMember = z.infer<typeof familyMemberSchema>;

/** `GET /api/me/family`. */
export const familyListSchema = pagedSchema(familyMemberSchema);

/** `POST /api/auth/login`. */
export const loginResultSchema = z.strictObject({
  token: z.string().min(1),
  expiresAt: instantSchema,
  user: z.strictObject({ id: idSchema, roles: z.array(z.enum(ROLES)) }),
});
export type LoginResult = z.infer<typeof loginResultSchema>;

/** `DELETE /api/me`: what 注销 removed, cancelled and anonymised. */
export const accountDeletedSchema = z.strictObject({
  deleted: z.strictObject({ familyMembers: z.number().int().min(0), messages: z.number().int().min(0) }),
  cancelled: z.strictObject({ bookings: z.number().int().min(0), registrations: z.number().int().min(0) }),
  anonymised: z.strictObject({
    bookings: z.number().int().min(0),
    registrations: z.number().int().min(0),
    requests: z.number().int().min(0),
  }),
});
export type AccountDeleted = z.infer<typeof accountDeletedSchema>;

/** One line of the append-only audit log. */
export const auditEntrySchema = z.strictObject({
  id: idSchema,
  actorId: idSchema,
  action: z.string(),
  targetType: z.string(),
  targetId: z.string(),
  detail: z.record(z.string(), z.unknown()),
  requestId: z.string(),
  at: instantSchema,
});
export type AuditEntry = z.infer<typeof auditEntrySchema>;

/** `GET /api/admin/audit`. */
export const auditListSchema = pagedSchema(auditEntrySchema);
