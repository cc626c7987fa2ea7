import type { ImageAspectRatio, VideoAspectRatio } from '@contract';
import { ChoiceGroup } from './ChoiceGroup';
import { ratioBox } from './ratio-box';

type Ratio = ImageAspectRatio | VideoAspectRatio;

/**
 * The radio group "Aspect ratio": every ratio the chosen model takes, each drawn as a small box (Generate, Edit and
 * Video use this one picker; the options come from the capability table).
 */
export function AspectRatioPicker<T extends Ratio>(props: {
  options: readonly T[];
  value: T;
  onChange(value: T): void;
  /** Why the whole group is unavailable (e.g. image→video takes its shape from the image). */
  disabledReason?: string | null;
  autoLabel?: string;
  /** The drawn box's long side in px (a compact composer draws them smaller). */
  boxSize?: number;
}) {
  return (
    <div className="field control-aspect">
      <span className="field-label" aria-hidden="true">Aspect ratio</span>
      <ChoiceGroup
        name="Aspect ratio"
        className="aspect-picker"
        optionClassName="aspect-option"
        disabled={Boolean(props.disabledReason)}
        value={props.value}
        onChange={props.onChange}
        choices={props.options.map((ratio) => {
          const box = ratioBox(ratio, props.boxSize);
          return {
            value: ratio,
            label: ratio,
            content: (
              <>
                <span className={`aspect-box${ratio === 'auto' ? ' aspect-auto' : ''}`} style={{ width: box.width, height: box.height }} aria-hidden="true" />
                <span className="aspect-label" aria-hidden="true">{ratio === 'auto' ? (props.autoLabel ?? 'auto') : ratio}</span>
              </>
            ),
          };
        })}
      />
      {props.disabledReason ? <small className="control-reason">{props.disabledReason}</small> : null}
    </div>
  );
}
