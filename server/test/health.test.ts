import request from 'supertest';
import { testApp, useTestDb } from './setup/harness';

useTestDb(__filename);

describe('GET /api/health', () => {
  it('answers 200 { ok: true, db: "up" } when the database answers', async () => {
    const res = await request(testApp().callback()).get('/api/health');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ ok: true, db: 'up' });
    expect(res.headers['cache-control']).toBe('no-store');
  });

  it('gives every answer a request id, and keeps a safe one the caller sent', async () => {
    const app = testApp().callback();
    const fresh = await request(app).get('/api/health');
    expect(fresh.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    const kept = await request(app).get('/api/health').set('x-request-id', 'gw-123.abc');
    expect(kept.headers['x-request-id']).toBe('gw-123.abc');
    const unsafe = await request(app).get('/api/health').set('x-request-id', 'bad id <script>');
    expect(unsafe.headers['x-request-id']).not.toBe('bad id <script>');
  });
});
