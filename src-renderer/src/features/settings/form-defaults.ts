/**
 * Settings apply live to the forms the user has not touched (issue 14.8): Generate's model, images, ratio,
 * resolution and quality, and Video's model, duration, ratio and resolution follow every settings change until the
 * user changes one of those options in the form. Both forms start from the same defaults (SETTINGS_DEFAULTS), and a
 * value is moved onto what the model takes before it lands (a form never holds an option it cannot send).
 */
import { findModel, type Settings } from '@contract';
import type { GenerateDraft } from '../../stores/jobs-slice';
import type { VideoForm } from '../../stores/video-slice';
import { useStudio } from '../../stores/store';
import { fitImageShape } from '../controls/capabilities';
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

/** Applies the settings to each form whose options the user has not touched. */
export function applyFormDefaults(): void {
  const s = useStudio.getState();
  const settings = s.settingsView?.settings;
  if (!settings) return;
  if (!s.draftTouched) s.setDraft(draftDefaults(settings), false);
  if (!s.video.touched) s.patchVideoForm(videoDefaults(settings, s.video.form), false);
}

/** From now on, every settings change reaches the untouched forms. Returns the unsubscribe. */
export function followSettings(): () => void {
  applyFormDefaults();
  return useStudio.subscribe((s, prev) => {
    if (s.settingsView !== prev.settingsView) applyFormDefaults();
  });
}
