import { Text } from '@tarojs/components';
import type { BookingView } from '@jingkai/shared';
import { answerText } from '../../utils/format';

/**
 * A booking's form answers as the server labelled them (shared formAnswers): `取餐方式：到店取餐`,
 * never a stored value such as `store`. The citizen's detail and the staff's 核验 both show them.
 */
export default function Answers({ answers, className }: { answers: BookingView['answers']; className: string }) {
  return (
    <>
      {answers.map((a) => (
        <Text key={a.name} className={className}>
          {a.label}：{answerText(a)}
        </Text>
      ))}
    </>
  );
}
