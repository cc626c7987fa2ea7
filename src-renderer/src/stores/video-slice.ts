import type { VideoAspect, VideoJobView, VideoMode, VideoRes } from '@contract';
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
  model: string;
  duration: number;
  aspectRatio: VideoAspect;
  resolution: VideoRes;
  extendSeconds: number;
  image: StillChoice | null;
  references: StillChoice[];
  video: VideoChoice | null;
}

export const DEFAULT_VIDEO_FORM: VideoForm = {
  mode: 'text', prompt: '', model: 'grok-imagine-video', duration: 6, aspectRatio: '16:9', resolution: '480p',
  extendSeconds: 6, image: null, references: [], video: null,
};

/** The video jobs mirrored from main (newest first), the form, and which finished job the player shows. */
export interface VideoSlice {
  video: { jobs: VideoJobView[]; form: VideoForm; playingId: string | null };
  setVideoJobs(jobs: VideoJobView[]): void;
  upsertVideoJob(job: VideoJobView): void;
  patchVideoForm(patch: Partial<VideoForm>): void;
  playVideoJob(id: string | null): void;
}

export const createVideoSlice: StateCreator<StudioState, [], [], VideoSlice> = (set) => ({
  video: { jobs: [], form: DEFAULT_VIDEO_FORM, playingId: null },
  setVideoJobs: (jobs) => set((s) => ({ video: { ...s.video, jobs } })),
  upsertVideoJob: (job) =>
    set((s) => {
      const at = s.video.jobs.findIndex((j) => j.id === job.id);
      const jobs = at < 0 ? [job, ...s.video.jobs] : s.video.jobs.map((j, i) => (i === at ? job : j));
      return { video: { ...s.video, jobs } };
    }),
  patchVideoForm: (patch) => set((s) => ({ video: { ...s.video, form: { ...s.video.form, ...patch } } })),
  playVideoJob: (id) => set((s) => ({ video: { ...s.video, playingId: id } })),
});
