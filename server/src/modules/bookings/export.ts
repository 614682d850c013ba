import ExcelJS from 'exceljs';
import { BOOKING_STATUS_LABELS, maskForm, type BookingStatus } from '@jingkai/shared';
import type { Deps } from '../../deps';
import { isAdmin, isStaffOf, type AuthUser } from '../../http/auth';
import { forbidden, notFound, validationError } from '../../http/errors';
import { addDays, toIso } from '../../lib/time';
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

  const wb = new ExcelJS.Workbook();
  wb.creator = '经开事·精心办';
  const ws = wb.addWorksheet(svc.name.slice(0, 31));
  ws.columns = [
    { header: '预约码', key: 'code', width: 10 },
    { header: '服务点', key: 'site', width: 24 },
    { header: '开始时间', key: 'start', width: 26 },
    { header: '状态', key: 'status', width: 8 },
    ...svc.form.map((f) => ({ header: f.label, key: `f_${f.name}`, width: 18 })),
    { header: '预约于', key: 'createdAt', width: 26 },
  ];
  for (const b of bookings) {
    const form = b.formEnc ? (JSON.parse(deps.vault.decrypt(b.formEnc)) as Record<string, unknown>) : {};
    const masked = maskForm(svc.form, form, { contact: q.reveal === 'contact' });
    const row: Record<string, string | number> = {
      code: b.code,
      site: siteName.get(String(b.siteId)) ?? '',
      start: toIso(b.start),
      status: BOOKING_STATUS_LABELS[b.status as BookingStatus],
      createdAt: toIso(b.createdAt),
    };
    for (const f of svc.form) {
      const v = masked[f.name];
      if (v !== undefined) row[`f_${f.name}`] = f.type === 'select' ? (f.options?.find((o) => o.value === v)?.label ?? String(v)) : v;
    }
    ws.addRow(row);
  }
  ws.getRow(1).font = { bold: true };
  const buffer = Buffer.from(await wb.xlsx.writeBuffer());
  return { buffer, rows: bookings.length, filename: `bookings-${q.from}-${q.to}.xlsx` };
}
