import { useEffect, useState } from 'react';
import { invoke } from '../../lib/api';
import { useStudio } from '../../stores/store';
import { LedgerBar } from '../generate/LedgerBar';
import { KeyGate } from '../shell/KeyGate';
import { useCapabilityTable, videoProviders } from '../controls/capabilities';
import { VideoForm } from './VideoForm';
import { VideoJobList } from './VideoJobList';
import { JobPlayer } from './JobPlayer';
import { normalizeForm } from './form-model';
import './video.css';

const VIDEO_HANDOFFS = new Set(['animate', 'extend', 'edit-video']);

/**
 * Takes a hand-over from the Library: "Animate" makes the image the start image; a video's "Extend" or "Edit video"
 * makes it the video to extend or edit.
 */
async function takeVideoHandoff(): Promise<void> {
  const state = useStudio.getState();
  const handoff = state.library.handoff;
  if (!handoff || !VIDEO_HANDOFFS.has(handoff.action)) return;
  state.takeLibraryHandoff();
  try {
    const { record } = await invoke('library:item', { id: handoff.itemId });
    const patch = useStudio.getState().patchVideoForm;
    if (handoff.action === 'animate') {
      // The original rather than the small thumbnail (previews render in the background): the frame is shown large.
      patch({ mode: 'image', image: { itemId: record.id, thumb: record.file }, prompt: '' });
    } else {
      // Edit and extend are for grok-imagine-video only: normalizeForm moves the form onto a model that does the mode.
      const mode = handoff.action === 'extend' ? 'extend' : 'edit';
      const form = useStudio.getState().video.form;
      patch(normalizeForm({ ...form, mode, prompt: '', video: { itemId: record.id, thumb: record.thumb, durationMs: record.durationMs } }), false);
    }
  } catch {
    // The item went away between the click and now: nothing to prefill.
  }
}

/** Text, image, references, edit or extend → video; the job list; and the player for finished videos. */
export function VideoPage() {
  const providers = videoProviders(useCapabilityTable()).map((p) => p.id);
  const playing = useStudio((s) => s.video.jobs.find((j) => j.id === s.video.playingId && j.file));
  // Follows the hand-off rather than running once: a hand-off may arrive while the Video page is already shown.
  const handed = useStudio((s) => VIDEO_HANDOFFS.has(s.library.handoff?.action ?? ''));
  useEffect(() => {
    if (handed) void takeVideoHandoff();
  }, [handed]);
  // "Write a prompt." waits until the user typed in the prompt (and cleared it) or tried to submit: an empty form
  // that was never touched is not a mistake (video.css hides the note meanwhile).
  const [touched, setTouched] = useState(false);
  const promptMissing = useStudio((s) => s.video.form.mode !== 'image' && s.video.form.prompt.trim() === '');
  return (
    <section className="video-page" aria-label="Video">
      <div
        className="video-left"
        data-prompt-untouched={promptMissing && !touched ? '' : undefined}
        onInput={(e) => e.target instanceof HTMLTextAreaElement && setTouched(true)}
        onSubmitCapture={() => setTouched(true)}
        onPointerDownCapture={(e) => (e.target as Element).closest?.('[type="submit"]') && setTouched(true)}
      >
        <h1>Video</h1>
        <LedgerBar />
        <KeyGate what="make videos" providers={providers}>
          <VideoForm />
        </KeyGate>
      </div>
      <div className="video-right">
        {playing ? <JobPlayer key={playing.id} job={playing} /> : null}
        <VideoJobList />
      </div>
    </section>
  );
}
