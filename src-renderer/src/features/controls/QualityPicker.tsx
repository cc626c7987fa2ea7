import type { ImageModelSpec, ImageQuality } from '@contract';
import { ChoiceGroup } from './ChoiceGroup';
import { qualityChoices } from './capabilities';

/**
 * The radio group "Quality" (Auto, Low, Medium) for models that take it (2.0); nothing for models without it.
 * Auto says what it serves for this kind of call (low for generations, medium for edits).
 */
export function QualityPicker(props: { model: ImageModelSpec | undefined; call: 'generate' | 'edit'; value: ImageQuality; onChange(q: ImageQuality): void }) {
  const choices = qualityChoices(props.model, props.call);
  if (choices.length === 0) return null;
  return (
    <div className="field control-quality">
      <span className="field-label" aria-hidden="true">Quality</span>
      <ChoiceGroup name="Quality" className="segmented" optionClassName="segment" value={props.value} onChange={props.onChange} choices={choices} />
    </div>
  );
}
