import type { BatchView } from '@contract';
import { JOB_ASPECT_RATIOS } from '@contract';
import { ratioBox } from './format';

/** Every supported ratio as a small drawn box, one radio each (arrow keys move between them). */
export function AspectPicker(props: { value: BatchView['aspectRatio']; onChange(v: BatchView['aspectRatio']): void }) {
  return (
    <div className="aspect-picker" role="radiogroup" aria-label="Aspect ratio">
      {JOB_ASPECT_RATIOS.map((ratio) => {
        const box = ratioBox(ratio, 20);
        const checked = ratio === props.value;
        return (
          <button
            key={ratio}
            type="button"
            role="radio"
            aria-checked={checked}
            tabIndex={checked ? 0 : -1}
            className="aspect-option"
            title={ratio === 'auto' ? 'auto: the model chooses' : ratio}
            onClick={() => props.onChange(ratio)}
            onKeyDown={(e) => {
              const step = e.key === 'ArrowRight' || e.key === 'ArrowDown' ? 1 : e.key === 'ArrowLeft' || e.key === 'ArrowUp' ? -1 : 0;
              if (!step) return;
              e.preventDefault();
              const i = (JOB_ASPECT_RATIOS.indexOf(ratio) + step + JOB_ASPECT_RATIOS.length) % JOB_ASPECT_RATIOS.length;
              props.onChange(JOB_ASPECT_RATIOS[i] as BatchView['aspectRatio']);
              (e.currentTarget.parentElement?.children[i] as HTMLElement | undefined)?.focus();
            }}
          >
            <span className={`aspect-box${ratio === 'auto' ? ' aspect-auto' : ''}`} style={{ width: box.width, height: box.height }} aria-hidden="true" />
            <span className="aspect-label">{ratio}</span>
          </button>
        );
      })}
    </div>
  );
}
