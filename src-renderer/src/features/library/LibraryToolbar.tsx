import type { LibrarySort } from '@contract';
import { useEffect, useRef, useState } from 'react';
import { useStudio } from '../../stores/store';
import { formatCount } from './format';
import { jumpToMonth } from './jump-commands';

const SORTS: { id: LibrarySort; label: string }[] = [
  { id: 'newest', label: 'Newest first' },
  { id: 'oldest', label: 'Oldest first' },
  { id: 'largest', label: 'Largest first' },
  { id: 'rating', label: 'Highest rated' },
  { id: 'relevance', label: 'Best match' },
];
/** Search, sort, tile size and the live count. */
export function LibraryToolbar(props: { onToggleFilters(): void; filtersOpen: boolean; activeFilters: number }) {
  const text = useStudio((s) => s.library.text);
  const sort = useStudio((s) => s.library.sort);
  const tileSize = useStudio((s) => s.library.tileSize);
  const squareTiles = useStudio((s) => s.library.squareTiles);
  const total = useStudio((s) => s.library.total);
  const capped = useStudio((s) => s.library.totalCapped);
  const status = useStudio((s) => s.library.status);
  const patch = useStudio((s) => s.patchLibrary);
  const [draft, setDraft] = useState(text);
  const searchRef = useRef<HTMLInputElement>(null);

  // When the text changes elsewhere (a reset), the box follows: React's "adjust state on prop change" pattern.
  const [seenText, setSeenText] = useState(text);
  if (seenText !== text) {
    setSeenText(text);
    setDraft(text);
  }
  // Every keystroke searches at once, with no debounce: main answers a search page in a few milliseconds at any
  // library size, and `runQuery` keeps at most one first page in flight, so keystrokes typed while main is busy
  // are never sent (only the latest text is) and answers to older text are dropped (issue 16).
  const search = (next: string) => {
    setDraft(next);
    const lib = useStudio.getState().library;
    if (next === lib.text) return;
    // Searching switches to "best match" unless the user chose an order; clearing the search switches back.
    const nextSort = next.trim() && lib.sort === 'newest' && !lib.text.trim() ? 'relevance' : !next.trim() && lib.sort === 'relevance' ? 'newest' : lib.sort;
    patch({ text: next, sort: nextSort, focusIndex: 0 });
  };

  useEffect(() => {
    // Ctrl/Cmd+F and "/" focus the search box while the Library is open.
    const onKey = (e: globalThis.KeyboardEvent) => {
      const typing = e.target instanceof HTMLElement && e.target.closest('input, textarea, select, [contenteditable]');
      if (((e.ctrlKey || e.metaKey) && e.key === 'f') || (e.key === '/' && !typing)) {
        e.preventDefault();
        searchRef.current?.focus();
        searchRef.current?.select();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  const searching = text.trim().length > 0;
  // Dates are in order only newest or oldest first (best match without search text is newest first).
  const dated = sort === 'newest' || sort === 'oldest' || (sort === 'relevance' && !searching);
  const [month, setMonth] = useState('');
  return (
    <div className="lib-toolbar">
      <input
        ref={searchRef}
        type="search"
        className="lib-search"
        aria-label="Search prompts"
        placeholder="Search prompts…  ( / )"
        value={draft}
        onChange={(e) => search(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Escape' && draft) {
            e.stopPropagation();
            search('');
          }
        }}
      />
      <label className="lib-field">
        <span>Sort</span>
        <select value={sort} onChange={(e) => patch({ sort: e.target.value as LibrarySort })}>
          {SORTS.filter((s) => s.id !== 'relevance' || searching).map((s) => (
            <option key={s.id} value={s.id}>
              {s.label}
            </option>
          ))}
        </select>
      </label>
      <label className="lib-field" title={dated ? 'Scroll to a month' : 'Sort newest or oldest first to jump to a date'}>
        <span>Jump to date</span>
        <input
          type="month"
          className="lib-month"
          value={month}
          disabled={!dated}
          onChange={(e) => {
            setMonth(e.target.value);
            void jumpToMonth(e.target.value);
          }}
        />
      </label>
      <button type="button" className="lib-button" aria-expanded={props.filtersOpen} onClick={props.onToggleFilters}>
        Filters{props.activeFilters > 0 ? ` (${props.activeFilters})` : ''}
      </button>
      <label className="lib-field lib-size">
        <span>Tile size</span>
        <input
          type="range"
          min={96}
          max={320}
          step={8}
          value={tileSize}
          onChange={(e) => patch({ tileSize: Number(e.target.value) })}
        />
      </label>
      <label className="lib-check-field">
        <input type="checkbox" checked={squareTiles} onChange={(e) => patch({ squareTiles: e.target.checked })} />
        Square tiles
      </label>
      <p className="lib-count" role="status" aria-live="polite" aria-label="Item count" aria-busy={status === 'loading'}>
        {status === 'loading' && total === 0 ? 'Loading…' : capped ? `${total.toLocaleString()}+ items` : formatCount(total)}
      </p>
    </div>
  );
}
