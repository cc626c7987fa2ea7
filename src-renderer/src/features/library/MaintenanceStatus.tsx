import { useStudio } from '../../stores/store';
import { describeProgress } from './maintenance-commands';

/**
 * A quiet line in the Library header while the start-up check or a rebuild walks the library folder: the grid
 * works meanwhile, and this says why a missing file may only be flagged a little later.
 */
export function MaintenanceStatus() {
  const m = useStudio((s) => s.library.maintenance);
  if (!m || m.state !== 'running') return null;
  const { percent } = describeProgress(m);
  return (
    <p className="lib-maintenance" role="status" aria-label="Library check">
      <span className="lib-maintenance-dot" aria-hidden="true" />
      {m.task === 'rebuild' ? `Rebuilding the library… ${percent}%` : `Checking library files… ${percent}%`}
    </p>
  );
}
