import { View, Text } from '@tarojs/components';
import { role } from '../../utils/a11y';
import './index.scss';

interface Props {
  checked: boolean;
  /** What it switches, read out by screen readers; shown beside the switch unless `hideLabel`. */
  label: string;
  hideLabel?: boolean;
  disabled?: boolean;
  onChange: (on: boolean) => void;
}

/**
 * An on/off switch with valid aria (role switch, aria-checked, a name), in place of NutUI's Switch,
 * whose attributes axe-core reports as invalid. The whole row is the tap target.
 */
export default function Switch({ checked, label, hideLabel, disabled, onChange }: Props) {
  return (
    <View
      className={`jk-switch ${checked ? 'jk-switch--on' : ''} ${disabled ? 'jk-switch--disabled' : ''}`}
      {...role('switch')}
      aria-checked={checked ? 'true' : 'false'}
      aria-label={label}
      aria-disabled={disabled ? 'true' : undefined}
      onClick={() => !disabled && onChange(!checked)}
    >
      {!hideLabel && <Text className="jk-switch__label">{label}</Text>}
      <View className="jk-switch__track" aria-hidden="true">
        <View className="jk-switch__knob" />
      </View>
    </View>
  );
}
