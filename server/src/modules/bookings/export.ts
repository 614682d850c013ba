import { BOOKING_STATUS_LABELS, maskForm, type BookingStatus } from '@jingkai/shared';
import type { Deps } from '../../deps';
import { isAdmin, isStaffOf, type AuthUser } from '../../http/auth';
import { forbidden, notFound, validationError } from '../../http/errors';
import { addDays, toIso } from '../../lib/time';
import { answerCells, answerColumns, workbookOf } from '../../lib/workbook';
import * as services from '../services';
import * as repo from './repo';

/**
 * A range of a service's bookings as an Excel workbook. ID numbers are always masked; phones and
 * addresses only in full for an admin who asks for them. The caller records the export in the audit log.
 */
export async function exportBookings(
  deps: Deps,
  user: AuthUser,
  q: { serviceId: string; from: string; to: string; reveal?: 'contact' },
): Promise<{ buffer: Buffer; rows: number; filename: string }> {
  if (!isStaffOf(user, { serviceId: q.serviceId })) throw notFound('NOT_FOUND', '没有找到这项服务');
  if (q.reveal && !isAdmin(user)) throw forbidden('只有管理员可以导出完整联系方式');
  if (q.to > addDays(q.from, 92)) throw validationError({ to: '一次最多导出 93 天' });
  const svc = await services.findService(q.serviceId);
  if (!svc) throw notFound('NOT_FOUND', '没有找到这项服务');
  const [bookings, sites] = await Promise.all([repo.listForRange(q.serviceId, q.from, q.to), services.listSites(q.serviceId)]);
  const siteName = new Map(sites.map((s) => [String(s._id), s.name]));

  const columns = [
    { header: '预约码', key: 'code', width: 10 },
    { header: '服务点', key: 'site', width: 24 },
    { header: '开始时间', key: 'start', width: 26 },
    { header: '状态', key: 'status', width: 8 },
    ...answerColumns(svc.form),
    { header: '预约于', key: 'createdAt', width: 26 },
  ];
  const rows = bookings.map((b) => {
    const form = b.formEnc ? (JSON.parse(deps.vault.decrypt(b.formEnc)) as Record<string, unknown>) : {};
    const masked = maskForm(svc.form, form, { contact: q.reveal === 'contact' });
    return {
      code: b.code,
      site: siteName.get(String(b.siteId)) ?? '',
      start: toIso(b.start),
      status: BOOKING_STATUS_LABELS[b.status as BookingStatus],
      createdAt: toIso(b.createdAt),
      ...answerCells(svc.form, masked),
    };
  });
  const buffer = await workbookOf(svc.name, columns, rows);
  return { buffer, rows: bookings.length, filename: `bookings-${q.from}-${q.to}.xlsx` };
}
