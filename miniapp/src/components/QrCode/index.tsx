import { View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import qrcode from 'qrcode-generator';
import { useMemo } from 'react';
import './index.scss';

/** A QR code drawn with plain views (sizes in design px), so it renders the same in the weapp and the H5 preview. */
export default function QrCode({ text, size = 400 }: { text: string; size?: number }) {
  const rows = useMemo(() => {
    const qr = qrcode(0, 'M');
    qr.addData(text);
    qr.make();
    const n = qr.getModuleCount();
    return Array.from({ length: n }, (_, r) => Array.from({ length: n }, (_, c) => qr.isDark(r, c)));
  }, [text]);
  const cell = Math.floor(size / (rows.length + 4));
  const u = (n: number) => Taro.pxTransform(n);
  return (
    <View className="jk-qr" style={{ padding: u(cell * 2), width: u(cell * rows.length) }} aria-label={`二维码 ${text}`}>
      {rows.map((row, r) => (
        <View key={r} className="jk-qr__row" style={{ height: u(cell) }}>
          {row.map((dark, c) => (
            <View key={c} className={dark ? 'jk-qr__dot jk-qr__dot--on' : 'jk-qr__dot'} style={{ width: u(cell), height: u(cell) }} />
          ))}
        </View>
      ))}
    </View>
  );
}
