import { ChoiceGroup, type Choice } from './ChoiceGroup';

/** The radio group "Resolution" (1k/2k for images, 480p/720p/1080p for video), options from the capability table. */
export function ResolutionPicker<T extends string>(props: {
  options: readonly Choice<T>[];
  value: T;
  onChange(value: T): void;
  /** Why the whole group is unavailable (an edit keeps the source's resolution). */
  disabledReason?: string | null;
}) {
  const reasons = [...new Set(props.options.flatMap((o) => (o.disabled ? [o.disabled] : [])))];
  return (
    <div className="field control-resolution">
      <span className="field-label" aria-hidden="true">Resolution</span>
      <ChoiceGroup name="Resolution" className="segmented" optionClassName="segment" disabled={Boolean(props.disabledReason)}
        value={props.value} onChange={props.onChange} choices={props.options} />
      {props.disabledReason ? <small className="control-reason">{props.disabledReason}</small>
        : reasons.map((r) => <small key={r} className="control-reason">{r}</small>)}
    </div>
  );
}
