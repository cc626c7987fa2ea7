import { findModel, type LibraryRecord } from '@contract';
import { useStudio } from '../../stores/store';
import type { StillChoice, VideoForm } from '../../stores/video-slice';
import { sourceVideoReason } from './form-model';
import { SourcePicker } from './SourcePicker';
import { StartFrame } from './StartFrame';

const choiceId = (c: StillChoice) => ('itemId' in c ? c.itemId : c.name);

/** Reads a dropped or chosen image file as a data URL (main checks type and size again). */
function readFile(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result));
    reader.onerror = () => reject(reader.error ?? new Error('read failed'));
    reader.readAsDataURL(file);
  });
}

/** The source part of the form: a start image, reference images, or the video to edit or extend. */
export function SourceFields({ form }: { form: VideoForm }) {
  const patch = useStudio((s) => s.patchVideoForm);
  if (form.mode === 'text') return null;

  if (form.mode === 'edit' || form.mode === 'extend') {
    const reason = sourceVideoReason(form);
    return (
      <fieldset className="video-field">
        <legend>{form.mode === 'edit' ? 'Video to edit (up to 8.7 s)' : 'Video to extend (2–15 s)'}</legend>
        <SourcePicker
          kind="video"
          label="Library videos"
          selected={form.video ? [form.video.itemId] : []}
          onPick={(r: LibraryRecord) => patch({ video: { itemId: r.id, thumb: r.thumb, durationMs: r.durationMs } })}
        />
        {reason ? <p className="video-reason" role="note">{reason}</p> : null}
      </fieldset>
    );
  }

  const multiple = form.mode === 'reference';
  const maxRefs = findModel(form.model, 'video')?.maxReferences || 1;
  const chosen = multiple ? form.references : form.image ? [form.image] : [];
  const add = (c: StillChoice) => {
    if (!multiple) return patch({ image: c });
    const exists = form.references.some((r) => choiceId(r) === choiceId(c));
    const next = exists ? form.references.filter((r) => choiceId(r) !== choiceId(c)) : [...form.references, c];
    patch({ references: next.slice(0, maxRefs) });
  };
  const pinned = form.mode === 'image' && findModel(form.model, 'video')?.pinnedFrames === true;
  return (
    <>
    <fieldset className="video-field">
      <legend>{multiple ? `Reference images (${chosen.length} of 1–${maxRefs})` : 'Start image'}</legend>
      {!multiple && form.image ? <StartFrame choice={form.image} onRemove={() => patch({ image: null })} /> : null}
      <SourcePicker kind="image" label="Library images" selected={chosen.map(choiceId)} onPick={(r) => add({ itemId: r.id, thumb: r.thumb })} />
      <label className="video-file">
        Or an image file
        <input
          type="file"
          accept="image/png,image/jpeg,image/webp"
          onChange={(e) => {
            const file = e.target.files?.[0];
            if (file) void readFile(file).then((dataUrl) => add({ dataUrl, name: file.name }));
          }}
        />
      </label>
      {chosen.some((c) => 'dataUrl' in c) ? (
        <p className="video-muted">Files: {chosen.filter((c) => 'dataUrl' in c).map((c) => ('name' in c ? c.name : '')).join(', ')}</p>
      ) : null}
    </fieldset>
    {pinned ? (
      // First + last frame: only for models that pin frames (the capability table's `pinnedFrames`).
      <fieldset className="video-field">
        <legend>Last frame (optional)</legend>
        {form.lastImage ? <StartFrame choice={form.lastImage} which="Last" onRemove={() => patch({ lastImage: null })} /> : null}
        <SourcePicker kind="image" label="Library images for the last frame" selected={form.lastImage ? [choiceId(form.lastImage)] : []}
          onPick={(r) => patch({ lastImage: { itemId: r.id, thumb: r.thumb } })} />
      </fieldset>
    ) : null}
    </>
  );
}
