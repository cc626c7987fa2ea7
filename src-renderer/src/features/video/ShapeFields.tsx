import { API_LIMITS, VIDEO_RESOLUTIONS, currentModels, findModel, providerOf, videoOptionReasons } from '@contract';
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
  const reasons = videoOptionReasons(form.mode, form.model, { lastFrame: form.mode === 'image' && Boolean(form.lastImage) });
  const model = findModel(form.model, 'video');
  const durations = model?.durations ?? { min: 1, max: 15 };
  // Resolutions of the chosen model's provider only (xAI's 480p–1080p, MiniMax's 512p–1080p), the model's own enabled.
  const provider = providerOf(form.model);
  const offered = VIDEO_RESOLUTIONS.filter((r) => currentModels('video').some((m) => providerOf(m.id) === provider && m.resolutions.includes(r)));
  const lengths = model?.durationsByResolution?.[form.resolution];
  const resolutions = offered.map((r) => reasons.resolution[r]);
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
        lengths ? (
          <label className="video-field">
            Duration (seconds)
            <select value={form.duration} disabled={reasons.duration !== null || lengths.length < 2} onChange={(e) => patch({ duration: Number(e.target.value) })}>
              {lengths.map((n) => <option key={n} value={n}>{n} s</option>)}
            </select>
            <Reason text={reasons.duration ?? (lengths.length < 2 ? `${model?.name ?? form.model} makes ${lengths[0]} s videos at ${form.resolution}.` : null)} />
          </label>
        ) : (
          <label className="video-field">
            Duration (seconds, {durations.min}–{durations.max})
            <input type="number" min={durations.min} max={durations.max} value={form.duration}
              disabled={reasons.duration !== null} onChange={(e) => patch({ duration: Number(e.target.value) })} />
            <Reason text={reasons.duration} />
          </label>
        )
      )}
      <AspectRatioPicker options={model?.ratios ?? ['16:9']} value={form.aspectRatio} disabledReason={reasons.aspectRatio}
        onChange={(aspectRatio) => patch({ aspectRatio })} />
      <ResolutionPicker
        options={offered.map((r) => ({ value: r, label: r, disabled: shared ? null : reasons.resolution[r] }))}
        value={form.resolution}
        disabledReason={shared}
        onChange={(resolution) => patch({ resolution })}
      />
    </>
  );
}
