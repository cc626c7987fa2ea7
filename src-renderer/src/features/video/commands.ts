/** Side effects of the Video screen: calls to main, results into the store. */
import type { VideoEstimate, VideoSubmit } from '@contract';
import { ApiError, invoke, subscribe } from '../../lib/api';
import { useStudio } from '../../stores/store';
import { notifyWhenAway } from '../shell/notify';

/** Subscribes to job events and loads the journal: called once at bootstrap, so jobs show after a reload. */
export async function startVideo(): Promise<void> {
  subscribe('video:progress', ({ job }) => useStudio.getState().upsertVideoJob(job));
  subscribe('video:settled', ({ job }) => {
    const prompt = `“${job.prompt.slice(0, 60)}”`;
    if (job.state === 'done') useStudio.getState().pushNotice('info', `Video ready: ${prompt}.`);
    if (job.state === 'done') notifyWhenAway('Imagine Studio: video ready', prompt, { tag: `video-${job.id}` });
    else if (job.state !== 'cancelled') notifyWhenAway('Imagine Studio: video did not finish', `${prompt}: ${job.state}.`, { tag: `video-${job.id}` });
  });
  try {
    const { jobs } = await invoke('video:list', {});
    useStudio.getState().setVideoJobs(jobs);
  } catch (err) {
    // The rest of the app still works; the list fills from events as jobs move.
    useStudio.getState().pushNotice('warning', `Video jobs could not be loaded: ${err instanceof Error ? err.message : String(err)}`);
  }
}

/** Submits; answers an error message for the form, or null. */
export async function submitVideo(submit: VideoSubmit): Promise<string | null> {
  try {
    const job = await invoke('video:submit', submit);
    useStudio.getState().upsertVideoJob(job);
    return null;
  } catch (err) {
    return err instanceof ApiError ? err.message : String(err);
  }
}

export async function estimateVideo(submit: VideoSubmit): Promise<VideoEstimate | null> {
  try {
    return await invoke('video:estimate', submit);
  } catch {
    return null;
  }
}

export async function cancelVideo(id: string): Promise<void> {
  try {
    useStudio.getState().upsertVideoJob(await invoke('video:cancel', { id }));
  } catch (err) {
    useStudio.getState().pushNotice('error', err instanceof Error ? err.message : String(err));
  }
}

export async function clearFinishedVideos(): Promise<void> {
  await invoke('video:clear-finished', {});
  const { jobs } = await invoke('video:list', {});
  useStudio.getState().setVideoJobs(jobs);
}

/** "Use this frame": saves the frame to the library and makes it the start image of the next image→video. */
export async function saveFrame(itemId: string, seconds: number): Promise<void> {
  const store = useStudio.getState();
  try {
    const record = await invoke('video:use-frame', { itemId, seconds });
    // The original as the shown start frame: the thumbnail is small and may not be rendered yet.
    useStudio.getState().patchVideoForm({ mode: 'image', image: { itemId: record.id, thumb: record.file } });
    store.pushNotice('info', `Frame at ${seconds.toFixed(2)} s saved to the library and set as the start image.`);
  } catch (err) {
    store.pushNotice('error', err instanceof Error ? err.message : String(err));
  }
}
