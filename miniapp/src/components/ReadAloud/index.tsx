import { View } from '@tarojs/components';
import { useEffect, useState } from 'react';
import { canSpeak, speak, stopSpeaking } from '../../services/speech';
import './index.scss';

/**
 * 朗读: reads `text` aloud with the platform's speech (services/speech), a second tap stops. Not
 * rendered where the platform has no speech, so nobody meets a button that does nothing.
 */
export default function ReadAloud({ text, label = '朗读' }: { text: string; label?: string }) {
  const [available] = useState(canSpeak);
  const [speaking, setSpeaking] = useState(false);
  useEffect(() => stopSpeaking, []);
  if (!available || !text) return null;
  const toggle = () => {
    if (speaking) {
      stopSpeaking();
      setSpeaking(false);
      return;
    }
    setSpeaking(true);
    void speak(text).finally(() => setSpeaking(false));
  };
  return (
    <View className={`jk-read ${speaking ? 'jk-read--on' : ''}`} role="button" aria-label={speaking ? '停止朗读' : label} onClick={toggle}>
      {speaking ? '停止朗读' : label}
    </View>
  );
}
