import { useStudio } from '../../stores/store';
import { clearFinishedVideos } from './commands';
import { VideoJobRow } from './VideoJobRow';

/** Every journaled job, newest first. Jobs keep running in main while this screen is closed or the app restarts. */
export function VideoJobList() {
  const jobs = useStudio((s) => s.video.jobs);
  const anyFinished = jobs.some((j) => !['submitting', 'pending', 'downloading'].includes(j.state));
  return (
    <section className="video-jobs" aria-label="Video jobs">
      <div className="video-jobs-head">
        <h2>Jobs</h2>
        {anyFinished ? <button type="button" onClick={() => void clearFinishedVideos()}>Clear finished</button> : null}
      </div>
      {jobs.length === 0 ? <p className="video-muted">No video jobs yet. Videos take a minute or more; you can leave this screen meanwhile.</p> : (
        <ul className="video-job-list">
          {jobs.map((j) => <VideoJobRow key={j.id} job={j} />)}
        </ul>
      )}
    </section>
  );
}
