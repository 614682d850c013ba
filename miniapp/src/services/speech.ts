import Taro from '@tarojs/taro';
import { SPEECH_PLUGIN_APPID } from '../config';
import { speechChunks } from '../utils/speech-text';

/**
 * 朗读 with the platform's own speech, where there is one: the browser's Web Speech API in H5
 * (zh-CN), WeChat's 同声传译 plugin in the weapp when its AppID is configured (config.ts). Where
 * there is none, `canSpeak()` is false and the button is not shown.
 */

interface WechatSI {
  textToSpeech(o: {
    lang: string;
    tts: boolean;
    content: string;
    success: (r: { filename: string }) => void;
    fail: (e: unknown) => void;
  }): void;
}
declare const requirePlugin: ((name: string) => unknown) | undefined;

/*
 * src/ compiles without the DOM library (see platform/h5.ts), so the few pieces of the Web Speech
 * API used here are declared in this module's scope only.
 */
interface Utterance {
  lang: string;
  rate: number;
  onend: (() => void) | null;
  onerror: (() => void) | null;
}
interface SpeechSynthesis {
  speak(u: Utterance): void;
  cancel(): void;
}
interface SpeechGlobals {
  speechSynthesis?: SpeechSynthesis;
  SpeechSynthesisUtterance?: new (text: string) => Utterance;
}

const isH5 = process.env.TARO_ENV === 'h5';
const web = globalThis as SpeechGlobals;

function browserSpeech(): { synth: SpeechSynthesis; Utterance: new (text: string) => Utterance } | undefined {
  const synth = web.speechSynthesis;
  const Utterance = web.SpeechSynthesisUtterance;
  return synth && typeof Utterance === 'function' ? { synth, Utterance } : undefined;
}

function plugin(): WechatSI | undefined {
  if (isH5 || !SPEECH_PLUGIN_APPID || typeof requirePlugin !== 'function') return undefined;
  try {
    return requirePlugin('WechatSI') as WechatSI;
  } catch {
    return undefined;
  }
}

/** Whether this build and device can read aloud. */
export const canSpeak = (): boolean => (isH5 ? !!browserSpeech() : !!plugin());

/** The weapp's piece being played, and how to finish its wait. */
let playing: { audio: Taro.InnerAudioContext; done: () => void } | undefined;
let run = 0;

/** Stops whatever is being read. */
export function stopSpeaking(): void {
  run++;
  browserSpeech()?.synth.cancel();
  playing?.done();
}

/** Reads `text` aloud, piece by piece; resolves when done or stopped. */
export async function speak(text: string): Promise<void> {
  stopSpeaking();
  const mine = run;
  const pieces = speechChunks(text);
  const browser = isH5 ? browserSpeech() : undefined;
  for (const piece of pieces) {
    if (mine !== run) return;
    if (browser) await speakInBrowser(browser, piece);
    else await speakWithPlugin(piece);
  }
}

function speakInBrowser({ synth, Utterance }: NonNullable<ReturnType<typeof browserSpeech>>, piece: string): Promise<void> {
  return new Promise((resolve) => {
    const u = new Utterance(piece);
    u.lang = 'zh-CN';
    u.rate = 0.9;
    u.onend = () => resolve();
    u.onerror = () => resolve();
    synth.speak(u);
  });
}

function speakWithPlugin(piece: string): Promise<void> {
  const si = plugin();
  if (!si) return Promise.resolve();
  return new Promise((resolve) => {
    si.textToSpeech({
      lang: 'zh_CN',
      tts: true,
      content: piece,
      success: ({ filename }) => {
        // One audio context per piece, destroyed when it ends or is stopped: no listeners pile up.
        const audio = Taro.createInnerAudioContext();
        let finished = false;
        const done = () => {
          if (finished) return;
          finished = true;
          if (playing?.audio === audio) playing = undefined;
          audio.destroy();
          resolve();
        };
        playing = { audio, done };
        audio.src = filename;
        audio.onEnded(done);
        audio.onError(done);
        audio.play();
      },
      fail: () => resolve(),
    });
  });
}
