import { BUILT_IN_TABLE, providerOf, type VideoJobView } from '@contract';
import { useStudio } from '../../stores/store';
import { simulatedMark, useSimulated } from '../generate/LedgerBar';
import { cancelVideo } from './commands';
import { MODE_LABELS, formFromSubmit, usd } from './form-model';
import { ScrubThumb } from './ScrubThumb';

/** `{p}`: the provider rendering it (xAI or MiniMax). */
const STATE_LABEL: Record<VideoJobView['state'], string> = {
  submitting: 'Sending to {p}…',
  pending: 'Rendering on {p}',
  downloading: 'Downloading',
  done: 'Done',
  failed: 'Failed',
  expired: 'Expired',
  blocked: 'Blocked by moderation',
  lost: 'Lost',
  cancelled: 'Stopped waiting',
};

/**
 * The video's length: what was delivered once the library has it (an extension is the source plus the added part,
 * rounded by xAI, not the number asked for), else what was asked for (issue 14.12).
 */
export function length(job: Pick<VideoJobView, 'durationMs' | 'seconds'>): string {
  if (job.durationMs !== null && job.durationMs > 0) return ` · ${(Math.round(job.durationMs / 100) / 10).toLocaleString('en')} s`;
  return job.seconds ? ` · ${job.seconds} s` : '';
}

const unfinished = (s: VideoJobView['state']) => s === 'submitting' || s === 'pending' || s === 'downloading';

/** One job: state, progress bar, cost, the reason it ended, and its actions. */
export function VideoJobRow({ job }: { job: VideoJobView }) {
  const play = useStudio((s) => s.playVideoJob);
  const again = () => job.again && useStudio.getState().patchVideoForm(formFromSubmit(job.again, useStudio.getState().video.form));
  const playing = useStudio((s) => s.video.playingId === job.id);
  const title = job.prompt || MODE_LABELS[job.mode];
  const simulated = useSimulated();
  return (
    <li className={`video-job video-job-${job.state}`} aria-label={`Video job: ${title}`} aria-current={playing || undefined}>
      <ScrubThumb file={job.file} poster={job.poster} label={title} />
      <div className="video-job-body">
        <div className="video-job-head">
          <strong className="video-job-title">{title}</strong>
          <span className="video-job-state">{STATE_LABEL[job.state].replace('{p}', BUILT_IN_TABLE.providers[providerOf(job.model) ?? 'xai'].name)}</span>
        </div>
        <div className="video-muted">
          {MODE_LABELS[job.mode]} · {job.model}
          {length(job)} · {job.costTicks !== null ? `cost ${usd(job.costTicks)}` : `about ${usd(job.estimateTicks)}`}{simulatedMark(simulated)}
        </div>
        {unfinished(job.state) ? (
          <div className="video-progress-row">
            <progress aria-label={`Progress of ${title}`} max={100} value={job.progress ?? undefined} />
            <span>{job.progress === null ? 'Waiting for xAI' : `${job.progress}%`}</span>
          </div>
        ) : null}
        {job.note ? <p className="video-note">{job.note}</p> : null}
        {job.reason ? <p className="video-reason">{job.reason}</p> : null}
        <div className="video-job-actions">
          {job.state === 'done' && job.file ? <button type="button" onClick={() => play(job.id)}>Play</button> : null}
          {job.again ? <button type="button" onClick={again}>Use these settings</button> : null}
          {unfinished(job.state) ? (
            <button type="button" onClick={() => void cancelVideo(job.id)} title="xAI cannot cancel a started video; it may still finish there and be billed.">
              Stop waiting
            </button>
          ) : null}
        </div>
      </div>
    </li>
  );
}
