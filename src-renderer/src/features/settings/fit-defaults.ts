import { useEffect } from 'react';
import { findModel, type CapabilityTable, type Settings, type SettingsPatch } from '@contract';
import { fitImageShape } from '../controls/capabilities';
import { updateSettings } from './commands';

/** The defaults moved onto what the default models take (a ratio or resolution the new model lacks); empty: all fit. */
export function fitDefaults(settings: Settings, table: CapabilityTable): SettingsPatch {
  const patch: SettingsPatch = {};
  const image = findModel(settings.imageModel, 'image', table);
  if (image) {
    const { shape } = fitImageShape(image, { aspectRatio: settings.imageAspectRatio, resolution: settings.imageResolution, quality: settings.imageQuality });
    if (shape.aspectRatio !== settings.imageAspectRatio) patch.imageAspectRatio = shape.aspectRatio;
    if (shape.resolution !== settings.imageResolution) patch.imageResolution = shape.resolution;
    if (shape.quality !== settings.imageQuality) patch.imageQuality = shape.quality;
  }
  const video = findModel(settings.videoModel, 'video', table);
  if (video && !video.ratios.includes(settings.videoAspectRatio)) patch.videoAspectRatio = video.ratios[0];
  if (video && !video.resolutions.includes(settings.videoResolution)) patch.videoResolution = video.resolutions[video.resolutions.length - 1];
  if (video && (settings.videoDurationSec > video.durations.max || settings.videoDurationSec < video.durations.min)) patch.videoDurationSec = video.durations.default;
  return patch;
}

/** Settings never keep a default the default model cannot take: choosing a model moves the others onto it. */
export function useFitDefaultsToModels(settings: Settings, table: CapabilityTable): void {
  const patch = fitDefaults(settings, table);
  const key = JSON.stringify(patch);
  useEffect(() => {
    if (key !== '{}') void updateSettings(JSON.parse(key) as SettingsPatch);
  }, [key]);
}
