import { View } from '@tarojs/components';
import { role } from '../../utils/a11y';

interface Props {
  /** The question the chips answer (为谁预约, 取餐方式): the group's name for screen readers. */
  label: string;
  options: readonly { value: string; label: string }[];
  value: string;
  onChange: (value: string) => void;
}

/**
 * A single choice as a row of chips: a radiogroup of radios whose aria-checked says which one is
 * chosen (the --on class alone shows it only to the eye).
 */
export default function ChoiceChips({ label, options, value, onChange }: Props) {
  return (
    <View className="jk-chips" {...role('radiogroup')} aria-label={label}>
      {options.map((o) => (
        <View
          {...role('radio')}
          aria-checked={value === o.value ? 'true' : 'false'}
          key={o.value}
          className={`jk-chip ${value === o.value ? 'jk-chip--on' : ''}`}
          onClick={() => onChange(o.value)}
        >
          {o.label}
        </View>
      ))}
    </View>
  );
}
