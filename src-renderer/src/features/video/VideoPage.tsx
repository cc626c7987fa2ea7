import { useEffect, useState } from 'react';
import { invoke } from '../../lib/api';
import { useStudio } from '../../stores/store';
import { LedgerBar } from '../generate/LedgerBar';
import { KeyGate } from '../shell/KeyGate';
import { VideoForm } from './VideoForm';
import { VideoJobList } from './VideoJobList';
import { VideoPlayer } from './VideoPlayer';
import './video.css';

/** Takes an "Animate" handed over from the Library: the item becomes the start image. */
async function takeAnimateHandoff(): Promise<void> {
  const state = useStudio.getState();
  const handoff = state.library.handoff;
  if (handoff?.action !== 'animate') return;
  state.takeLibraryHandoff();
  try {
    const { record } = await invoke('library:item', { id: handoff.itemId });
    useStudio.getState().patchVideoForm({ mode: 'image', image: { itemId: record.id, thumb: record.thumb }, prompt: '' });
  } catch {
    // The item went away between the click and now: nothing to prefill.
  }
}

/** Text, image, references, edit or extend → video; the job list; and the player for finished videos. */
export function VideoPage() {
  const playing = useStudio((s) => s.video.jobs.find((j) => j.id === s.video.playingId && j.file));
  useEffect(() => {
    void takeAnimateHandoff();
  }, []);
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
        <KeyGate what="make videos">
          <VideoForm />
        </KeyGate>
      </div>
      <div className="video-right">
        {playing ? <VideoPlayer key={playing.id} job={playing} /> : null}
        <VideoJobList />
      </div>
    </section>
  );
}
