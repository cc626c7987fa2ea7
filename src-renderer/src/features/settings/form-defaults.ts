/**
 * Settings apply live to the forms the user has not touched (issue 14.8): Generate's model, images, ratio,
 * resolution and quality, Video's model, duration, ratio and resolution, and Edit's model, images, resolution and
 * quality follow every settings change until the user changes one of those options in the form. The forms start from
 * the same defaults (SETTINGS_DEFAULTS), and a value is moved onto what the model takes before it lands (a form never
 * holds an option it cannot send).
 */
import { findModel, type Settings } from '@contract';
import type { GenerateDraft } from '../../stores/jobs-slice';
import type { VideoForm } from '../../stores/video-slice';
import { useStudio } from '../../stores/store';
import { fitImageShape, imageModelChoices } from '../controls/capabilities';
import type { CanvasStore } from '../edit/canvas/canvas-store';
import { editSourceLimit } from '../edit/canvas/source-limit';
import type { CanvasState, EditParams } from '../edit/canvas/types';
import { normalizeForm } from '../video/form-model';

/** Generate's options as Settings set them, fitted to the model. */
export function draftDefaults(settings: Settings): Partial<GenerateDraft> {
  const shape = { aspectRatio: settings.imageAspectRatio, resolution: settings.imageResolution, quality: settings.imageQuality };
  const model = findModel(settings.imageModel, 'image', useStudio.getState().capabilities.table);
  return { model: settings.imageModel, n: settings.imageCount, ...(model ? fitImageShape(model, shape).shape : shape) };
}

/** Video's options as Settings set them, fitted to the model and the form's mode. */
export function videoDefaults(settings: Settings, form: VideoForm): VideoForm {
  return normalizeForm({
    ...form, model: settings.videoModel, duration: settings.videoDurationSec, aspectRatio: settings.videoAspectRatio, resolution: settings.videoResolution,
  });
}

/**
 * Edit's options as Settings set them: the image model when it edits and takes the sources already on the canvas
 * (else the canvas keeps its model), images per request, resolution and quality fitted to that model. The ratio is
 * Edit's own: "auto" follows the first source, where a default for new images would crop a composite.
 */
export function editDefaults(settings: Settings, canvas: Pick<CanvasState, 'params' | 'doc'>): EditParams {
  const table = useStudio.getState().capabilities.table;
  const edits = imageModelChoices(table, 'edit').some((c) => c.id === settings.imageModel);
  const id = edits && canvas.doc.sources.length <= editSourceLimit(settings.imageModel) ? settings.imageModel : canvas.params.model;
  const shape = { resolution: settings.imageResolution, quality: settings.imageQuality };
  const model = findModel(id, 'image', table);
  return { ...canvas.params, model: id, n: settings.imageCount, ...(model ? fitImageShape(model, shape).shape : shape) };
}

/** Edit canvases on screen: their options live in each canvas's own store, not the studio's (see followSettingsIn). */
const canvases = new Set<CanvasStore>();

function applyToCanvas(canvas: CanvasStore, settings: Settings): void {
  if (!canvas.getState().paramsTouched) canvas.setState((c) => ({ params: editDefaults(settings, c) }));
}

/** Applies the settings to each form whose options the user has not touched. */
export function applyFormDefaults(): void {
  const s = useStudio.getState();
  const settings = s.settingsView?.settings;
  if (!settings) return;
  if (!s.draftTouched) s.setDraft(draftDefaults(settings), false);
  if (!s.video.touched) s.patchVideoForm(videoDefaults(settings, s.video.form), false);
  for (const canvas of canvases) applyToCanvas(canvas, settings);
}

/**
 * An Edit canvas follows Settings like the other forms while it is on screen: the settings now, at once (a change made
 * while Edit was closed lands when it opens), then every change `followSettings` sees. Returns the unfollow.
 */
export function followSettingsIn(canvas: CanvasStore): () => void {
  canvases.add(canvas);
  const settings = useStudio.getState().settingsView?.settings;
  if (settings) applyToCanvas(canvas, settings);
  return () => void canvases.delete(canvas);
}

/** From now on, every settings change reaches the untouched forms. Returns the unsubscribe. */
export function followSettings(): () => void {
  applyFormDefaults();
  return useStudio.subscribe((s, prev) => {
    if (s.settingsView !== prev.settingsView) applyFormDefaults();
  });
}
