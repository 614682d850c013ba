import { bookingSpeech } from '../src/utils/booking';
import { htmlToSpeech, speechChunks, spellOut } from '../src/utils/speech-text';

describe('朗读: what is read', () => {
  it('reads an article’s text, not its markup', () => {
    expect(htmlToSpeech('<p>开发区<strong>老年助餐</strong>开始了</p><p>每天&nbsp;11:00&amp;17:00</p>')).toBe(
      '开发区老年助餐开始了。每天 11:00&17:00',
    );
  });

  it('cuts long text at sentence ends into pieces a speech engine takes', () => {
    const text = `${'一'.repeat(150)}。${'二'.repeat(100)}。三。`;
    const chunks = speechChunks(text, 200);
    expect(chunks).toEqual([`${'一'.repeat(150)}。`, `${'二'.repeat(100)}。三。`]);
    expect(speechChunks('四'.repeat(450), 200).map((c) => c.length)).toEqual([200, 200, 50]);
    expect(chunks.join('')).toBe(text);
  });

  it('reads a booking with its code letter by letter', () => {
    expect(spellOut('K7M2QX')).toBe('K 7 M 2 Q X');
    expect(
      bookingSpeech({
        serviceName: '老年助餐',
        status: 'confirmed',
        start: '2026-12-03T11:00:00+08:00',
        end: '2026-12-03T12:30:00+08:00',
        siteName: '河西社区居家养老服务站',
        siteAddress: '通辽市开发区河西街道',
        code: 'K7M2QX',
      }),
    ).toBe('老年助餐，已预约。12月3日 周四 11:00到12:30，河西社区居家养老服务站，通辽市开发区河西街道。预约码 K 7 M 2 Q X。');
  });
});
