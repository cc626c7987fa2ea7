import { VIDEO_ASPECTS, VIDEO_LIMITS, VIDEO_RES, videoOptionReasons } from '@contract';
import type { VideoForm } from '../../stores/video-slice';

function Reason({ text }: { text: string | null }) {
  return text ? <small className="video-reason">{text}</small> : null;
}

/** Length, aspect ratio and resolution; what does not apply to the mode or model is disabled with the reason beside it. */
export function ShapeFields({ form, patch }: { form: VideoForm; patch: (p: Partial<VideoForm>) => void }) {
  const reasons = videoOptionReasons(form.mode, form.model);
  const resolutions = Object.values(reasons.resolution);
  // Edit and extend inherit every resolution for the same reason: say it once, not three times.
  const shared = resolutions.every((r) => r !== null && r === resolutions[0]) ? resolutions[0] ?? null : null;
  return (
    <>
      {form.mode === 'extend' ? (
        <label className="video-field">
          Added seconds ({VIDEO_LIMITS.extension.min}–{VIDEO_LIMITS.extension.max})
          <input type="number" min={VIDEO_LIMITS.extension.min} max={VIDEO_LIMITS.extension.max} value={form.extendSeconds}
            onChange={(e) => patch({ extendSeconds: Number(e.target.value) })} />
        </label>
      ) : (
        <label className="video-field">
          Duration (seconds, {VIDEO_LIMITS.duration.min}–{VIDEO_LIMITS.duration.max})
          <input type="number" min={VIDEO_LIMITS.duration.min} max={VIDEO_LIMITS.duration.max} value={form.duration}
            disabled={reasons.duration !== null} onChange={(e) => patch({ duration: Number(e.target.value) })} />
          <Reason text={reasons.duration} />
        </label>
      )}
      <fieldset className="video-field" disabled={reasons.aspectRatio !== null}>
        <legend>Aspect ratio</legend>
        <div className="video-options">
          {VIDEO_ASPECTS.map((a) => (
            <label key={a} className="video-chip">
              <input type="radio" name="video-aspect" checked={form.aspectRatio === a} onChange={() => patch({ aspectRatio: a })} />
              {a}
            </label>
          ))}
        </div>
        <Reason text={reasons.aspectRatio} />
      </fieldset>
      <fieldset className="video-field" disabled={shared !== null}>
        <legend>Resolution</legend>
        {VIDEO_RES.map((r) => (
          <div key={r} className="video-option-row">
            <label className="video-chip">
              <input type="radio" name="video-res" checked={form.resolution === r} disabled={reasons.resolution[r] !== null}
                onChange={() => patch({ resolution: r })} />
              {r}
            </label>
            {shared ? null : <Reason text={reasons.resolution[r]} />}
          </div>
        ))}
        <Reason text={shared} />
      </fieldset>
    </>
  );
}
