/** A JSON answer of the API, loosely typed for journeys: they read the fields they check. */
export type Json = Record<string, unknown> & { items?: Record<string, unknown>[] };

export interface ApiInit {
  token?: string;
  method?: string;
  body?: unknown;
  headers?: Record<string, string>;
}

/**
 * The API of a running stack, for what a journey sets up or checks behind the pages; a non-2xx
 * answer throws with its body, so a setup step that fails says why.
 */
export function apiOf(baseUrl: () => string) {
  return async function api(pathname: string, init: ApiInit = {}): Promise<Json> {
    const res = await fetch(baseUrl() + pathname, {
      method: init.method ?? 'GET',
      headers: {
        'Content-Type': 'application/json',
        ...init.headers,
        ...(init.token ? { Authorization: `Bearer ${init.token}` } : {}),
      },
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
    });
    const body = (await res.json()) as Json;
    if (!res.ok) throw new Error(`${init.method ?? 'GET'} ${pathname}: ${res.status} ${JSON.stringify(body)}`);
    return body;
  };
}

/**
 * An event whose one session starts in an hour, created by an admin: its gates are open now (a
 * ticket goes in from 3 hours before its session), which the demo festivals' are not.
 */
export async function eventWithGatesOpen(api: ReturnType<typeof apiOf>, adminToken: string, title: string): Promise<Json> {
  const iso = (inMs: number) => new Date(Date.now() + inMs).toISOString();
  return api('/api/admin/events', {
    token: adminToken,
    method: 'POST',
    body: {
      title,
      category: 'sports',
      venue: '通辽市哲里木赛马场',
      startAt: iso(0),
      endAt: iso(8 * 3600_000),
      maxAttendees: 3,
      waitlist: true,
      sessions: [{ startAt: iso(3600_000), endAt: iso(7 * 3600_000), capacity: 100 }],
    },
  });
}
