import { SETTINGS_DEFAULTS, type VideoAspect, type VideoJobView, type VideoMode, type VideoRes } from '@contract';
import type { StateCreator } from 'zustand';
import type { StudioState } from './store';

/** A still chosen for image→video or as a reference: a library item (with its thumbnail) or a dropped file. */
export type StillChoice = { itemId: string; thumb: string | null } | { dataUrl: string; name: string };

/** A library video chosen as the source of an edit or extension. */
export interface VideoChoice {
  itemId: string;
  thumb: string | null;
  durationMs: number | null;
}

/** The Video form as the user fills it; `toSubmit` turns it into the contract's submit. */
export interface VideoForm {
  mode: VideoMode;
  prompt: string;
  /** The user's own prompt when `prompt` is an accepted "Enhance prompt" rewrite; kept on the video too. */
  originalPrompt?: string | null;
  model: string;
  duration: number;
  aspectRatio: VideoAspect;
  resolution: VideoRes;
  extendSeconds: number;
  image: StillChoice | null;
  /** The frame the video ends on (first + last frame), for models that pin frames. */
  lastImage?: StillChoice | null;
  references: StillChoice[];
  video: VideoChoice | null;
}

/** The options Settings provides defaults for (issue 14.8); the prompt, the mode and the sources are not among them. */
export const VIDEO_FORM_OPTIONS = ['model', 'duration', 'aspectRatio', 'resolution'] as const satisfies readonly (keyof VideoForm)[];

/** The same defaults Settings starts from (issue 14.8: both read one set). */
export const DEFAULT_VIDEO_FORM: VideoForm = {
  mode: 'text', prompt: '', model: SETTINGS_DEFAULTS.videoModel, duration: SETTINGS_DEFAULTS.videoDurationSec,
  aspectRatio: SETTINGS_DEFAULTS.videoAspectRatio, resolution: SETTINGS_DEFAULTS.videoResolution,
  extendSeconds: 6, image: null, references: [], video: null,
};

/** The video jobs mirrored from main (newest first), the form, and which finished job the player shows. */
export interface VideoSlice {
  /** `touched`: the user changed one of the form's options, so Settings no longer sets them (issue 14.8). */
  video: { jobs: VideoJobView[]; form: VideoForm; playingId: string | null; touched: boolean };
  setVideoJobs(jobs: VideoJobView[]): void;
  upsertVideoJob(job: VideoJobView): void;
  patchVideoForm(patch: Partial<VideoForm>, touched?: boolean): void;
  playVideoJob(id: string | null): void;
}

export const createVideoSlice: StateCreator<StudioState, [], [], VideoSlice> = (set) => ({
  video: { jobs: [], form: DEFAULT_VIDEO_FORM, playingId: null, touched: false },
  setVideoJobs: (jobs) => set((s) => ({ video: { ...s.video, jobs } })),
  upsertVideoJob: (job) =>
    set((s) => {
      const at = s.video.jobs.findIndex((j) => j.id === job.id);
      const jobs = at < 0 ? [job, ...s.video.jobs] : s.video.jobs.map((j, i) => (i === at ? job : j));
      return { video: { ...s.video, jobs } };
    }),
  patchVideoForm: (patch, touched = VIDEO_FORM_OPTIONS.some((k) => k in patch)) =>
    set((s) => ({ video: { ...s.video, form: { ...s.video.form, ...patch }, touched: s.video.touched || touched } })),
  playVideoJob: (id) => set((s) => ({ video: { ...s.video, playingId: id } })),
});
