import {
  REQUEST_CATEGORY_LABELS,
  REQUEST_STATUS_LABELS,
  REQUEST_UNIT_LABELS,
  type Paged,
  type RequestCategory,
  type RequestDetail,
  type StaffRequestItem,
  type StaffRequestsQuery,
} from '@jingkai/shared';
import type { Context } from 'koa';
import type { Deps } from '../../deps';
import type { AuthUser } from '../../http/auth';
import { conflict } from '../../http/errors';
import { toIso } from '../../lib/time';
import * as users from '../users';
import * as audit from '../audit';
import { workbookOf } from '../../lib/workbook';
import { checkText } from './file';
import { loadFor, presentDetail, presentItem, presentStaffItem, visibleUnits } from './present';
import * as repo from './repo';

/** GET /api/me/requests: the citizen's requests, newest first. */
export async function listMine(deps: Deps, userId: string, page: number, pageSize: number) {
  const { docs, total } = await repo.listOfUser(userId, (page - 1) * pageSize, pageSize);
  return { items: docs.map((r) => presentItem(deps, r)), total, page, pageSize };
}

/** GET /api/requests/:id: its owner or staff who handle it. */
export async function detail(deps: Deps, user: AuthUser, id: string): Promise<RequestDetail> {
  const { r, owner } = await loadFor(user, id);
  return presentDetail(deps, r, owner);
}

const OPEN = ['held', 'received', 'accepted', 'assigned'];

/** POST /api/requests/:id/additions: the owner adds information while the request is open (content-checked). */
export async function addInformation(deps: Deps, user: AuthUser, id: string, text: string): Promise<RequestDetail> {
  const { r, owner } = await loadFor(user, id);
  if (!owner) throw conflict('INVALID_TRANSITION', '只有提交人可以补充诉求');
  if (!OPEN.includes(r.status)) throw conflict('INVALID_TRANSITION', '这条诉求已经答复，不能再补充了');
  const u = await users.findById(user.id);
  const outcome = u ? await checkText(deps, u.openid, text) : 'unreachable';
  await repo.insertAddition({ requestId: r._id, text, held: outcome !== 'pass', at: deps.now() });
  return presentDetail(deps, r, true);
}

const queueFilter = (deps: Deps, user: AuthUser, q: Omit<StaffRequestsQuery, 'page' | 'pageSize'>): repo.QueueFilter => ({
  status: q.status,
  category: q.category,
  unit: q.unit,
  visibleUnits: visibleUnits(user),
  overdue: q.overdue === undefined ? undefined : { at: deps.now(), is: q.overdue },
});

/** GET /api/staff/requests: the queue, most urgent deadline first, with filters. */
export async function queue(deps: Deps, user: AuthUser, q: StaffRequestsQuery): Promise<Paged<StaffRequestItem>> {
  const { docs, total } = await repo.listQueue(queueFilter(deps, user, q), (q.page - 1) * q.pageSize, q.pageSize);
  return { items: docs.map((r) => presentStaffItem(deps, r)), total, page: q.page, pageSize: q.pageSize };
}

/** GET /api/staff/requests/export: the filtered queue as an Excel file (no personal data; audited). */
export async function exportQueue(deps: Deps, ctx: Context, q: Omit<StaffRequestsQuery, 'page' | 'pageSize'>) {
  const user = ctx.state.user as AuthUser;
  const { docs } = await repo.listQueue(queueFilter(deps, user, q), 0, 5000);
  const rows = docs
    .map((r) => presentStaffItem(deps, r))
    .map((i) => ({
      trackingNo: i.trackingNo,
      category: REQUEST_CATEGORY_LABELS[i.category as RequestCategory],
      status: REQUEST_STATUS_LABELS[i.status],
      unit: i.unit ? REQUEST_UNIT_LABELS[i.unit] : '',
      receivedAt: i.receivedAt.slice(0, 16).replace('T', ' '),
      acceptDueAt: i.acceptDueAt.slice(0, 16).replace('T', ' '),
      dueAt: i.dueAt.slice(0, 16).replace('T', ' '),
      overdue: i.overdue ? '超期' : '',
      excerpt: i.excerpt,
    }));
  const buffer = await workbookOf(
    '诉求',
    [
      { header: '编号', key: 'trackingNo', width: 16 },
      { header: '类别', key: 'category', width: 10 },
      { header: '状态', key: 'status', width: 8 },
      { header: '承办单位', key: 'unit', width: 8 },
      { header: '接收时间', key: 'receivedAt', width: 18 },
      { header: '受理时限', key: 'acceptDueAt', width: 18 },
      { header: '答复时限', key: 'dueAt', width: 18 },
      { header: '超期', key: 'overdue', width: 6 },
      { header: '内容摘要', key: 'excerpt', width: 40 },
    ],
    rows,
  );
  await audit.record(ctx, 'request.export', 'request', '-', { rows: rows.length, ...q });
  return { buffer, filename: `requests-${toIso(deps.now()).slice(0, 10)}.xlsx` };
}
