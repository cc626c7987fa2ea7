import { API_LIMITS, VIDEO_RESOLUTIONS, findModel, videoOptionReasons } from '@contract';
import type { VideoForm } from '../../stores/video-slice';
import { AspectRatioPicker } from '../controls/AspectRatioPicker';
import { ResolutionPicker } from '../controls/ResolutionPicker';
import '../controls/controls.css';

function Reason({ text }: { text: string | null }) {
  return text ? <small className="video-reason">{text}</small> : null;
}

/**
 * Length, aspect ratio and resolution, with the same pickers as Generate and Edit; options come from the chosen
 * model in the capability table, and what does not apply to the mode is disabled with the reason beside it.
 */
export function ShapeFields({ form, patch }: { form: VideoForm; patch: (p: Partial<VideoForm>) => void }) {
  const reasons = videoOptionReasons(form.mode, form.model);
  const model = findModel(form.model, 'video');
  const durations = model?.durations ?? { min: 1, max: 15 };
  const resolutions = Object.values(reasons.resolution);
  // Edit and extend inherit every resolution for the same reason: say it once, not three times.
  const shared = resolutions.every((r) => r !== null && r === resolutions[0]) ? resolutions[0] ?? null : null;
  return (
    <>
      {form.mode === 'extend' ? (
        <label className="video-field">
          Added seconds ({API_LIMITS.extension.min}–{API_LIMITS.extension.max})
          <input type="number" min={API_LIMITS.extension.min} max={API_LIMITS.extension.max} value={form.extendSeconds}
            onChange={(e) => patch({ extendSeconds: Number(e.target.value) })} />
        </label>
      ) : (
        <label className="video-field">
          Duration (seconds, {durations.min}–{durations.max})
          <input type="number" min={durations.min} max={durations.max} value={form.duration}
            disabled={reasons.duration !== null} onChange={(e) => patch({ duration: Number(e.target.value) })} />
          <Reason text={reasons.duration} />
        </label>
      )}
      <AspectRatioPicker options={model?.ratios ?? ['16:9']} value={form.aspectRatio} disabledReason={reasons.aspectRatio}
        onChange={(aspectRatio) => patch({ aspectRatio })} />
      <ResolutionPicker
        options={VIDEO_RESOLUTIONS.map((r) => ({ value: r, label: r, disabled: shared ? null : reasons.resolution[r] }))}
        value={form.resolution}
        disabledReason={shared}
        onChange={(resolution) => patch({ resolution })}
      />
    </>
  );
}
