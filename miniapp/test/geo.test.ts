import { distanceMetres, locationType, toSiteDatum, wgs84ToGcj02 } from '../src/utils/geo';
import { formatDistance, formatSlot } from '../src/utils/format';

describe('按离我最近排序 in both builds', () => {
  it('asks each build for what it can give: WGS-84 in H5 (Taro refuses gcj02 there), GCJ-02 in the weapp', () => {
    expect(locationType('h5')).toBe('wgs84');
    expect(locationType('weapp')).toBe('gcj02');
  });

  it('converts a browser’s WGS-84 position to the sites’ GCJ-02 (a known pair: Tiananmen)', () => {
    // WGS-84 39.90734, 116.39089 is GCJ-02 39.90874, 116.39713 (the published test point of the transform).
    const g = wgs84ToGcj02({ lat: 39.90734, lng: 116.39089 });
    expect(g.lat).toBeCloseTo(39.90874, 4);
    expect(g.lng).toBeCloseTo(116.39713, 4);
    // In 通辽 the shift is several hundred metres: unconverted, the nearest station can be the wrong one.
    const here = { lat: 43.6105, lng: 122.1923 };
    expect(distanceMetres(here, wgs84ToGcj02(here))).toBeGreaterThan(300);
    expect(toSiteDatum(here, 'gcj02')).toEqual(here);
    expect(toSiteDatum(here, 'wgs84')).toEqual(wgs84ToGcj02(here));
    // Outside China the datums agree.
    expect(wgs84ToGcj02({ lat: 51.5, lng: -0.12 })).toEqual({ lat: 51.5, lng: -0.12 });
  });

  it('measures metres on the sphere and shows metres under a kilometre, kilometres above', () => {
    // 0.01° of latitude is about 1112 m.
    expect(Math.round(distanceMetres({ lat: 43.6, lng: 122.19 }, { lat: 43.61, lng: 122.19 }))).toBe(1112);
    expect(formatDistance(0)).toBe('约 10 米');
    expect(formatDistance(346)).toBe('约 350 米');
    expect(formatDistance(999)).toBe('约 1000 米');
    expect(formatDistance(1234)).toBe('约 1.2 公里');
    expect(formatDistance(12_600)).toBe('约 13 公里');
  });
});

describe('the booking form’s header', () => {
  it('reads the slot’s day, both times and the site', () => {
    expect(formatSlot('2026-12-03T11:00:00+08:00', '2026-12-03T12:30:00+08:00', '河西社区居家养老服务站')).toBe(
      '12月3日 周四 11:00–12:30 · 河西社区居家养老服务站',
    );
    expect(formatSlot('2026-12-03T17:00:00+08:00', '2026-12-03T18:00:00+08:00')).toBe('12月3日 周四 17:00–18:00');
  });
});
