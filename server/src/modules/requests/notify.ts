import { REQUEST_STATUS_LABELS, monthDayTime } from '@jingkai/shared';
import type { Deps } from '../../deps';
import * as outbox from '../outbox';
import * as users from '../users';
import type { RequestDoc } from './repo';

const detailPage = (id: string) => `/packageRequests/detail/index?id=${id}`;

const KIND = { accepted: 'request.accepted', replied: 'request.replied', followup: 'request.followup' } as const;

/**
 * A subscribe message to the citizen on acceptance, on the reply and when a follow-up opens, queued
 * in the outbox once per request and step (a repaired step queues nothing twice).
 */
export async function notifyStep(deps: Deps, r: RequestDoc, step: keyof typeof KIND): Promise<void> {
  // An account deleted since (注销) leaves its requests without an owner: the step stands, no notice goes.
  const owner = r.userId ? await users.findById(String(r.userId)) : null;
  if (!owner) return;
  const id = String(r._id);
  const status = step === 'followup' ? '已转回访' : REQUEST_STATUS_LABELS[step];
  await outbox.notify(deps, KIND[step], owner.openid, {
    subject: `request:${id}`,
    page: detailPage(id),
    fields: {
      character_string1: r.trackingNo,
      phrase2: status,
      time3: monthDayTime(deps.now()),
      thing4: step === 'replied' ? (r.reply ?? '').slice(0, 20) : `请在 ${monthDayTime(r.dueAt)} 前留意答复`.slice(0, 20),
    },
  });
}
