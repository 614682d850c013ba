import { View, Text } from '@tarojs/components';
import { role } from '../../utils/a11y';
import './index.scss';

interface Props {
  checked: boolean;
  label: string;
  onChange: (on: boolean) => void;
}

/**
 * A checkbox with valid aria (role checkbox, aria-checked, its label as its name), in place of
 * NutUI's Checkbox, whose attributes axe-core reports as invalid. The box and its label are one target.
 */
export default function Checkbox({ checked, label, onChange }: Props) {
  return (
    <View
      className={`jk-checkbox ${checked ? 'jk-checkbox--on' : ''}`}
      {...role('checkbox')}
      aria-checked={checked ? 'true' : 'false'}
      aria-label={label}
      onClick={() => onChange(!checked)}
    >
      <View className="jk-checkbox__box" aria-hidden="true">
        {checked ? '✓' : ''}
      </View>
      <Text className="jk-checkbox__label">{label}</Text>
    </View>
  );
}
