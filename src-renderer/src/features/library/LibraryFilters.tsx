import { KEY_PROVIDERS, PROVIDER_IDS, type LibraryFacet, type ProviderId } from '@contract';
import { useEffect } from 'react';
import { useStudio } from '../../stores/store';
import { watchFacets } from './query-commands';
import { TagInput } from './TagInput';
import type { LibraryFilters as Filters } from '../../stores/library-slice';

const count = new Intl.NumberFormat();

/** The facet values as options, most used first; a chosen value the library no longer has stays listed (0). */
function facetOptions(facets: readonly LibraryFacet[], chosen: string | undefined): LibraryFacet[] {
  return chosen && !facets.some((f) => f.value === chosen) ? [...facets, { value: chosen, count: 0 }] : [...facets];
}

/** Counts active filters for the toolbar's "Filters (n)" button. */
export function countFilters(f: Filters): number {
  return [f.kind, f.provider, f.model, f.from, f.to, f.aspectRatio, f.favorite, f.hasLineage, f.rating !== undefined, f.tags?.length].filter(Boolean).length;
}

/** The filter row: type, provider, model, date range, aspect ratio, favorites, has lineage. Every change re-queries. */
export function LibraryFilters() {
  const filters = useStudio((s) => s.library.filters);
  const facets = useStudio((s) => s.library.facets);
  const inTrash = useStudio((s) => s.library.view.kind === 'trash');
  useEffect(() => watchFacets(), [inTrash]);
  const patch = useStudio((s) => s.patchLibrary);
  const set = (next: Partial<Filters>) => patch({ filters: { ...filters, ...next }, focusIndex: 0 });
  // Models and aspect ratios the library (or the trash) has, with counts, from `library:facets`.
  const models = facetOptions(facets.models, filters.model);
  const aspects = facetOptions(facets.aspectRatios, filters.aspectRatio);

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
        <span>Provider</span>
        <select value={filters.provider ?? ''} onChange={(e) => set({ provider: (e.target.value || undefined) as ProviderId | undefined })}>
          <option value="">Any</option>
          {PROVIDER_IDS.map((p) => (
            <option key={p} value={p}>
              {KEY_PROVIDERS[p].label}
            </option>
          ))}
        </select>
      </label>
      <label className="lib-field">
        <span>Model</span>
        <select value={filters.model ?? ''} onChange={(e) => set({ model: e.target.value || undefined })}>
          <option value="">Any</option>
          {models.map((m) => (
            <option key={m.value} value={m.value}>
              {m.value} ({count.format(m.count)})
            </option>
          ))}
        </select>
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
          {aspects.map((a) => (
            <option key={a.value} value={a.value}>
              {a.value} ({count.format(a.count)})
            </option>
          ))}
        </select>
      </label>
      <label className="lib-field">
        <span>Rating</span>
        <select value={filters.rating ?? ''} onChange={(e) => set({ rating: e.target.value === '' ? undefined : Number(e.target.value) })}>
          <option value="">Any</option>
          <option value="0">Unrated</option>
          {[1, 2, 3, 4].map((n) => (
            <option key={n} value={n}>
              {`${'★'.repeat(n)} or more`}
            </option>
          ))}
          <option value="5">★★★★★</option>
        </select>
      </label>
      <div className="lib-field lib-tag-filter">
        <span id="lib-tag-filter-label">Tags</span>
        <ul className="lib-tags" aria-labelledby="lib-tag-filter-label">
          {(filters.tags ?? []).map((tag) => (
            <li key={tag} className="lib-tag">
              <span>{tag}</span>
              <button
                type="button"
                className="lib-tag-remove"
                aria-label={`Stop filtering by tag ${tag}`}
                onClick={() => set({ tags: filters.tags?.filter((t) => t !== tag).length ? filters.tags.filter((t) => t !== tag) : undefined })}
              >
                ×
              </button>
            </li>
          ))}
        </ul>
        <TagInput label="Filter by tag" placeholder="Tag…" exclude={filters.tags ?? []} onAdd={(tag) => set({ tags: [...new Set([...(filters.tags ?? []), tag])] })} />
      </div>
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
