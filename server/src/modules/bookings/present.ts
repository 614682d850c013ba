import {
  cancelDeadline,
  formAnswers,
  maskForm,
  monthDayTime,
  type BookingStatus,
  type BookingView,
  type ServiceKind,
} from '@jingkai/shared';
import type { Deps } from '../../deps';
import { toIso } from '../../lib/time';
import * as ratings from '../ratings';
import * as services from '../services';
import type * as repo from './repo';

/** "12月3日 09:00" in Asia/Shanghai, for messages and notices. */
export const fmt = monthDayTime;

export type Lookup = ReturnType<typeof lookup>;

/** Services and sites by id, each read once per answer: a list names the same few many times. */
export function lookup() {
  const memo = <T>(load: (id: string) => Promise<T>) => {
    const seen = new Map<string, Promise<T>>();
    return (id: string) => {
      let p = seen.get(id);
      if (!p) seen.set(id, (p = load(id)));
      return p;
    };
  };
  return { service: memo(services.findService), site: memo(services.findSite) };
}

/**
 * A booking as its owner or the service's staff see it; `reveal.contact` shows phone and address
 * (staff who visit), `reveal.childName` a child's name (its guardian, the booking's owner, only).
 */
export async function present(
  deps: Deps,
  b: repo.BookingDoc,
  reveal: { contact?: boolean; childName?: boolean } = {},
  look: Lookup = lookup(),
): Promise<BookingView> {
  const [svc, site, rated] = await Promise.all([
    look.service(String(b.serviceId)),
    look.site(String(b.siteId)),
    b.status === 'served' ? ratings.ratedOf('booking', [String(b._id)]) : undefined,
  ]);
  const rating = rated?.get(String(b._id));
  const rules = svc ? services.rulesOf(svc) : undefined;
  const form = b.formEnc ? (JSON.parse(deps.vault.decrypt(b.formEnc)) as Record<string, unknown>) : {};
  const fields = svc?.form ?? [];
  const masked = maskForm(fields, form, reveal);
  return {
    id: String(b._id),
    code: b.code,
    status: b.status as BookingStatus,
    slotId: String(b.slotId),
    serviceId: String(b.serviceId),
    serviceKind: (svc?.kind ?? 'insurance-appointment') as ServiceKind,
    serviceName: svc?.name ?? '',
    siteId: String(b.siteId),
    siteName: site?.name ?? '',
    siteAddress: site?.address ?? '',
    sitePhone: site?.phone ?? '',
    start: toIso(b.start),
    end: toIso(b.end),
    form: masked,
    answers: formAnswers(fields, masked),
    forName: String(masked.name ?? masked.childName ?? ''),
    forFamilyMember: Boolean(b.familyMemberId),
    cancelReason: b.cancelReason ?? null,
    cancellableUntil: toIso(cancelDeadline(b.start, rules ?? { cancelMinutesBefore: 0 })),
    createdAt: toIso(b.createdAt),
    rating: rating ? { level: rating.level, at: toIso(rating.at) } : null,
  };
}
