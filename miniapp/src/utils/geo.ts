/**
 * Where the citizen is, in the datum the sites are stored in. Sites (and events) carry GCJ-02
 * coordinates, the datum WeChat's maps and `openLocation` use. The weapp's getLocation gives GCJ-02
 * directly; a browser (H5) only knows WGS-84 and Taro's H5 getLocation refuses 'gcj02', so the H5
 * build asks for WGS-84 and converts it here before measuring.
 */

export interface LatLng {
  lat: number;
  lng: number;
}

/** The datum to ask getLocation for: what each build can give. */
export const locationType = (env: string | undefined): 'wgs84' | 'gcj02' => (env === 'h5' ? 'wgs84' : 'gcj02');

const A = 6378245.0;
const EE = 0.006693421622965943;

const outsideChina = (p: LatLng) => p.lng < 72.004 || p.lng > 137.8347 || p.lat < 0.8293 || p.lat > 55.8271;

function shiftLat(x: number, y: number): number {
  let r = -100.0 + 2.0 * x + 3.0 * y + 0.2 * y * y + 0.1 * x * y + 0.2 * Math.sqrt(Math.abs(x));
  r += ((20.0 * Math.sin(6.0 * x * Math.PI) + 20.0 * Math.sin(2.0 * x * Math.PI)) * 2.0) / 3.0;
  r += ((20.0 * Math.sin(y * Math.PI) + 40.0 * Math.sin((y / 3.0) * Math.PI)) * 2.0) / 3.0;
  r += ((160.0 * Math.sin((y / 12.0) * Math.PI) + 320 * Math.sin((y * Math.PI) / 30.0)) * 2.0) / 3.0;
  return r;
}

function shiftLng(x: number, y: number): number {
  let r = 300.0 + x + 2.0 * y + 0.1 * x * x + 0.1 * x * y + 0.1 * Math.sqrt(Math.abs(x));
  r += ((20.0 * Math.sin(6.0 * x * Math.PI) + 20.0 * Math.sin(2.0 * x * Math.PI)) * 2.0) / 3.0;
  r += ((20.0 * Math.sin(x * Math.PI) + 40.0 * Math.sin((x / 3.0) * Math.PI)) * 2.0) / 3.0;
  r += ((150.0 * Math.sin((x / 12.0) * Math.PI) + 300.0 * Math.sin((x / 30.0) * Math.PI)) * 2.0) / 3.0;
  return r;
}

/** WGS-84 → GCJ-02 (the published approximation every Chinese map SDK uses); unchanged outside China. */
export function wgs84ToGcj02(p: LatLng): LatLng {
  if (outsideChina(p)) return p;
  let dLat = shiftLat(p.lng - 105.0, p.lat - 35.0);
  let dLng = shiftLng(p.lng - 105.0, p.lat - 35.0);
  const radLat = (p.lat / 180.0) * Math.PI;
  let magic = Math.sin(radLat);
  magic = 1 - EE * magic * magic;
  const sqrtMagic = Math.sqrt(magic);
  dLat = (dLat * 180.0) / (((A * (1 - EE)) / (magic * sqrtMagic)) * Math.PI);
  dLng = (dLng * 180.0) / ((A / sqrtMagic) * Math.cos(radLat) * Math.PI);
  return { lat: p.lat + dLat, lng: p.lng + dLng };
}

/** A getLocation answer of the given datum as GCJ-02, the sites' datum. */
export const toSiteDatum = (p: LatLng, type: 'wgs84' | 'gcj02'): LatLng => (type === 'wgs84' ? wgs84ToGcj02(p) : p);

/** Great-circle distance in metres (haversine): exact enough for "which station is nearest". */
export function distanceMetres(a: LatLng, b: LatLng): number {
  const rad = Math.PI / 180;
  const dLat = (b.lat - a.lat) * rad;
  const dLng = (b.lng - a.lng) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(dLng / 2) ** 2;
  return 2 * 6371_000 * Math.asin(Math.sqrt(h));
}
