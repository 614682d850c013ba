import { ApiError, buildQuery, createHttp, type Transport, type TransportRequest } from '../src/services/http-core';

function scripted(responses: (Partial<{ statusCode: number; data: unknown; header: Record<string, string> }> | 'network')[]) {
  const calls: TransportRequest[] = [];
  const transport: Transport = async (req) => {
    calls.push(req);
    const next = responses.shift();
    if (!next || next === 'network') throw new Error('request:fail');
    return { statusCode: next.statusCode ?? 200, data: next.data, header: next.header ?? {} };
  };
  return { transport, calls };
}

const noSleep = async () => {};

describe('the mini-program HTTP client', () => {
  it('sends the token and JSON, and returns the body of a 2xx', async () => {
    const { transport, calls } = scripted([{ statusCode: 201, data: { id: 'b1' } }]);
    const http = createHttp({ baseUrl: 'https://api.example', transport, timeoutMs: 5000, getToken: () => 'tok' });
    await expect(http('/api/bookings', { method: 'POST', data: { slotId: 's' } })).resolves.toEqual({ id: 'b1' });
    expect(calls[0]).toMatchObject({
      url: 'https://api.example/api/bookings',
      method: 'POST',
      timeout: 5000,
      header: { Authorization: 'Bearer tok', 'Content-Type': 'application/json' },
    });
  });

  it("turns an error envelope into an ApiError carrying the server's Chinese message and fields", async () => {
    const { transport } = scripted([
      { statusCode: 409, data: { error: { code: 'SLOT_FULL', message: '该时段已约满' } }, header: { 'x-request-id': 'r1' } },
    ]);
    const http = createHttp({ baseUrl: '', transport, timeoutMs: 1000 });
    const err = await http('/api/bookings', { method: 'POST', data: {} }).catch((e) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect(err).toMatchObject({ status: 409, code: 'SLOT_FULL', message: '该时段已约满', requestId: 'r1' });
  });

  it('retries a GET on 503 and on network failure, then succeeds', async () => {
    const { transport, calls } = scripted([
      { statusCode: 503, data: { error: { code: 'DB_UNAVAILABLE', message: '维护' } } },
      'network',
      { data: { items: [] } },
    ]);
    const http = createHttp({ baseUrl: '', transport, timeoutMs: 1000, sleep: noSleep });
    await expect(http('/api/news')).resolves.toEqual({ items: [] });
    expect(calls).toHaveLength(3);
  });

  it('gives up on a GET after the retries, with a readable network message', async () => {
    const { transport, calls } = scripted(['network', 'network', 'network', 'network']);
    const http = createHttp({ baseUrl: '', transport, timeoutMs: 1000, sleep: noSleep });
    await expect(http('/api/news')).rejects.toMatchObject({ status: 0, code: 'NETWORK_ERROR', message: '网络不太好，请检查网络后再试' });
    expect(calls).toHaveLength(3);
  });

  it('never retries a POST, which may not be idempotent', async () => {
    const { transport, calls } = scripted([{ statusCode: 503, data: {} }, { data: {} }]);
    const http = createHttp({ baseUrl: '', transport, timeoutMs: 1000, sleep: noSleep });
    await expect(http('/api/bookings', { method: 'POST', data: {} })).rejects.toMatchObject({ status: 503 });
    expect(calls).toHaveLength(1);
  });

  it('does not retry a 4xx, and gives a non-envelope error a generic message', async () => {
    const { transport, calls } = scripted([{ statusCode: 404, data: '<html>' }]);
    const http = createHttp({ baseUrl: '', transport, timeoutMs: 1000, sleep: noSleep });
    await expect(http('/api/x')).rejects.toMatchObject({ status: 404, code: 'HTTP_ERROR', message: '系统开小差了，请稍后再试' });
    expect(calls).toHaveLength(1);
  });

  it('encodes query parameters and drops empty ones', () => {
    expect(buildQuery({ q: '托育 服务', page: 2, category: undefined, x: '' })).toBe('?q=%E6%89%98%E8%82%B2%20%E6%9C%8D%E5%8A%A1&page=2');
    expect(buildQuery({})).toBe('');
  });
});

describe('silent re-login on 401', () => {
  it('logs in again once for all requests in flight, then retries each with the new token', async () => {
    let token = 'old';
    let relogins = 0;
    const calls: TransportRequest[] = [];
    const transport: Transport = async (req) => {
      calls.push(req);
      if (req.header.Authorization === 'Bearer old')
        return { statusCode: 401, data: { error: { code: 'UNAUTHENTICATED', message: '请先登录' } }, header: {} };
      return { statusCode: 200, data: { ok: req.url }, header: {} };
    };
    const http = createHttp({
      baseUrl: '',
      transport,
      timeoutMs: 1000,
      getToken: () => token,
      reauthenticate: async () => {
        relogins++;
        await new Promise((r) => setTimeout(r, 5));
        token = 'new';
      },
    });
    const results = await Promise.all([http('/api/me'), http('/api/me/family'), http('/api/me/phone', { method: 'POST', data: {} })]);
    expect(results).toEqual([{ ok: '/api/me' }, { ok: '/api/me/family' }, { ok: '/api/me/phone' }]);
    expect(relogins).toBe(1);
    expect(calls.filter((c) => c.header.Authorization === 'Bearer new')).toHaveLength(3);
  });

  it('gives up after one re-login when the server still says 401', async () => {
    let relogins = 0;
    const transport: Transport = async () => ({
      statusCode: 401,
      data: { error: { code: 'UNAUTHENTICATED', message: '请先登录' } },
      header: {},
    });
    const http = createHttp({ baseUrl: '', transport, timeoutMs: 1000, getToken: () => 't', reauthenticate: async () => void relogins++ });
    await expect(http('/api/me')).rejects.toMatchObject({ status: 401, message: '请先登录' });
    expect(relogins).toBe(1);
  });
});
