/** A list filter: "all" (the empty value) or one of the options; a change goes back to the first page. */
import type { PagerState } from './Pager';

export function FilterSelect({
  label,
  value,
  allLabel,
  options,
  pager,
  onChange,
}: {
  label: string;
  value: string;
  allLabel: string;
  /** Values, shown as they are, or [value, shown] pairs. */
  options: ReadonlyArray<string | readonly [string, string]>;
  pager: PagerState;
  onChange(value: string): void;
}) {
  return (
    <select
      aria-label={label}
      value={value}
      onChange={(e) => {
        pager.reset();
        onChange(e.target.value);
      }}
    >
      <option value="">{allLabel}</option>
      {options.map((option) => {
        const [optionValue, shown] = typeof option === 'string' ? [option, option] : option;
        return (
          <option key={optionValue} value={optionValue}>
            {shown}
          </option>
        );
      })}
    </select>
  );
}
