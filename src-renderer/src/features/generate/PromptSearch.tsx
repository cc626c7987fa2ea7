import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { searchPrompts } from './prompt-history';

/**
 * Search through prompt history (main answers, most recent first). Typing filters; Up/Down (or Ctrl+R again) moves
 * through the matches; Enter or a click puts the match in the prompt box; Esc closes.
 */
export function PromptSearch({ onPick, onClose }: { onPick(text: string): void; onClose(): void }) {
  const [query, setQuery] = useState('');
  const [matches, setMatches] = useState<string[] | null>(null);
  const [active, setActive] = useState(0);
  const inputRef = useRef<HTMLInputElement>(null);

  useEffect(() => inputRef.current?.focus(), []);
  useEffect(() => {
    let live = true;
    const t = setTimeout(() => {
      searchPrompts(query).then(
        (found) => {
          if (!live) return;
          setMatches(found);
          setActive(0);
        },
        () => live && setMatches([]),
      );
    }, query ? 120 : 0);
    return () => {
      live = false;
      clearTimeout(t);
    };
  }, [query]);

  const list = matches ?? [];
  function onKeyDown(e: KeyboardEvent<HTMLInputElement>) {
    const next = e.key === 'ArrowDown' || (e.key.toLowerCase() === 'r' && (e.ctrlKey || e.metaKey));
    if (next || e.key === 'ArrowUp') {
      e.preventDefault();
      if (list.length) setActive((a) => (a + (next ? 1 : list.length - 1)) % list.length);
    } else if (e.key === 'Enter') {
      e.preventDefault();
      const chosen = list[active];
      if (chosen !== undefined) onPick(chosen);
    } else if (e.key === 'Escape') {
      e.preventDefault();
      e.stopPropagation();
      onClose();
    }
  }

  const optionId = (i: number) => `prompt-search-option-${i}`;
  return (
    <div className="prompt-search">
      <input
        ref={inputRef}
        type="search"
        value={query}
        placeholder="Search earlier prompts…"
        aria-label="Search prompt history"
        role="combobox"
        aria-expanded={list.length > 0}
        aria-controls="prompt-search-list"
        aria-activedescendant={list.length ? optionId(active) : undefined}
        onChange={(e) => setQuery(e.target.value)}
        onKeyDown={onKeyDown}
      />
      {matches !== null && list.length === 0 ? (
        <p className="muted prompt-search-empty">{query.trim() ? 'No earlier prompt contains that.' : 'No prompts yet: they appear here once generated.'}</p>
      ) : (
        <ul id="prompt-search-list" role="listbox" aria-label="Earlier prompts">
          {list.map((text, i) => (
            <li
              key={text}
              id={optionId(i)}
              role="option"
              aria-selected={i === active}
              onMouseDown={(e) => e.preventDefault()}
              onClick={() => onPick(text)}
            >
              {text}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
