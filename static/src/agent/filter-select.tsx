// A labelled filter select whose first option is "Any" (value ''), as the approvals and catalog lists use.
import Select from '@atlaskit/select';

export interface Option {
  label: string;
  value: string;
}
export const ANY: Option = { label: 'Any', value: '' };
export const withAny = (values: readonly string[]): Option[] => [ANY, ...values.map((v) => ({ label: v, value: v }))];

export function FilterSelect(props: {
  id: string;
  label: string;
  options: Option[];
  value: Option;
  onChange: (o: Option) => void;
}) {
  return (
    <div>
      <label htmlFor={`${props.id}-input`}>{props.label}</label>
      <Select
        inputId={`${props.id}-input`}
        options={props.options}
        value={props.value}
        onChange={(o) => props.onChange(o ?? ANY)}
      />
    </div>
  );
}
