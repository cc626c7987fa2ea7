import { useMemo } from 'react';
import { useStudio } from '../../stores/store';
import type { LibraryFilters as Filters } from '../../stores/library-slice';

const ASPECTS = ['1:1', '16:9', '9:16', '4:3', '3:4', '3:2', '2:3', '2:1', '1:2', '20:9', '9:20'];

/** Counts active filters for the toolbar's "Filters (n)" button. */
export function countFilters(f: Filters): number {
  return [f.kind, f.model, f.from, f.to, f.aspectRatio, f.favorite, f.hasLineage].filter(Boolean).length;
}

/** The filter row: type, model, date range, aspect ratio, favorites, has lineage. Every change re-queries. */
export function LibraryFilters() {
  const filters = useStudio((s) => s.library.filters);
  const records = useStudio((s) => s.library.records);
  const patch = useStudio((s) => s.patchLibrary);
  const set = (next: Partial<Filters>) => patch({ filters: { ...filters, ...next }, focusIndex: 0 });
  // Models offered are the ones seen so far; any other name can still be typed.
  const models = useMemo(() => [...new Set(Object.values(records).flatMap((r) => (r.model ? [r.model] : [])))].sort(), [records]);

  return (
    <fieldset className="lib-filters">
      <legend className="visually-hidden">Filters</legend>
      <label className="lib-field">
        <span>Type</span>
        <select value={filters.kind ?? ''} onChange={(e) => set({ kind: (e.target.value || undefined) as Filters['kind'] })}>
          <option value="">All</option>
          <option value="image">Images</option>
          <option value="video">Videos</option>
        </select>
      </label>
      <label className="lib-field">
        <span>Model</span>
        <input list="lib-models" value={filters.model ?? ''} size={16} onChange={(e) => set({ model: e.target.value || undefined })} />
        <datalist id="lib-models">
          {models.map((m) => (
            <option key={m} value={m} />
          ))}
        </datalist>
      </label>
      <label className="lib-field">
        <span>From</span>
        <input type="date" value={filters.from ?? ''} onChange={(e) => set({ from: e.target.value || undefined })} />
      </label>
      <label className="lib-field">
        <span>To</span>
        <input type="date" value={filters.to ?? ''} onChange={(e) => set({ to: e.target.value || undefined })} />
      </label>
      <label className="lib-field">
        <span>Aspect ratio</span>
        <select value={filters.aspectRatio ?? ''} onChange={(e) => set({ aspectRatio: e.target.value || undefined })}>
          <option value="">Any</option>
          {ASPECTS.map((a) => (
            <option key={a} value={a}>
              {a}
            </option>
          ))}
        </select>
      </label>
      <label className="lib-check-field">
        <input type="checkbox" checked={filters.favorite ?? false} onChange={(e) => set({ favorite: e.target.checked || undefined })} />
        Favorites only
      </label>
      <label className="lib-check-field">
        <input type="checkbox" checked={filters.hasLineage ?? false} onChange={(e) => set({ hasLineage: e.target.checked || undefined })} />
        Has lineage
      </label>
      <button type="button" className="lib-button lib-quiet" disabled={countFilters(filters) === 0} onClick={() => patch({ filters: {} })}>
        Clear filters
      </button>
    </fieldset>
  );
}
