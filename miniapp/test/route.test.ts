import { PAGES, pageUrl, readParams, routeQuery } from '../src/utils/route';

describe('routes carry ids, never display text', () => {
  it('builds a page address from ids', () => {
    expect(pageUrl(PAGES.bookingForm, { serviceId: '65a1b2c3d4e5f60718293a4b', slotId: '65a1b2c3d4e5f60718293a4c' })).toBe(
      '/packageBooking/form/index?serviceId=65a1b2c3d4e5f60718293a4b&slotId=65a1b2c3d4e5f60718293a4c',
    );
    expect(pageUrl(PAGES.myBookings)).toBe('/packageBooking/mine/index');
    expect(routeQuery({ id: 'abc_1-2' })).toBe('id=abc_1-2');
  });

  it('refuses a site name or a time, which the page must load by id instead', () => {
    expect(() => pageUrl(PAGES.bookingForm, { siteName: '河西社区居家养老服务站' })).toThrow('route parameter "siteName" must be an id');
    expect(() => pageUrl(PAGES.bookingForm, { start: '2026-12-03T11:00:00+08:00' })).toThrow(/must be an id/);
    expect(() => routeQuery({ id: '' })).toThrow(/must be an id/);
  });

  it('decodes what a page reads, once, and leaves Taro’s own parameters out', () => {
    expect(readParams({ id: 'abc', q: '%E6%B2%B3%E8%A5%BF', $taroTimestamp: '1700000000000', none: undefined })).toEqual({
      id: 'abc',
      q: '河西',
    });
    // Already decoded, or not valid percent-encoding: kept as it is rather than thrown.
    expect(readParams({ q: '100%' })).toEqual({ q: '100%' });
    expect(readParams({ q: '河西' })).toEqual({ q: '河西' });
  });
});

describe('every page in the app config has its address', () => {
  it('lists exactly the pages of app.config.ts', async () => {
    (globalThis as { defineAppConfig?: unknown }).defineAppConfig = (c: unknown) => c;
    const config = (await import('../src/app.config')).default as unknown as {
      pages: string[];
      subPackages: { root: string; pages: string[] }[];
    };
    const all = [...config.pages, ...config.subPackages.flatMap((s) => s.pages.map((p) => `${s.root}/${p}`))].map((p) => `/${p}`);
    expect(Object.values(PAGES).sort()).toEqual(all.sort());
  });
});
