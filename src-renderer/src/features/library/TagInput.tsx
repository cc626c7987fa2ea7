import type { LibraryTag } from '@contract';
import { useEffect, useId, useState, type KeyboardEvent } from 'react';
import { suggestTags, tidyTag } from './organize-commands';

/** Waits this long after a keystroke before asking main for suggestions. */
const SUGGEST_MS = 120;

/**
 * A tag entry with autocomplete from the tags in use (ARIA combobox + listbox): suggestions open as the user types
 * (or presses ↓, which lists the most used tags), ↓/↑ move through them,
 * Enter or comma adds the highlighted one (or the typed text), Escape closes the list first.
 */
export function TagInput(props: { label: string; onAdd(tag: string): void; exclude?: readonly string[]; placeholder?: string }) {
  const [text, setText] = useState('');
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);
  const [suggestions, setSuggestions] = useState<LibraryTag[]>([]);
  const listId = useId();
  const exclude = props.exclude ?? [];

  useEffect(() => {
    if (!open) return;
    let live = true;
    const timer = setTimeout(() => {
      void suggestTags(text, 12).then((tags) => {
        if (live) setSuggestions(tags);
      });
    }, SUGGEST_MS);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [text, open]);

  const shown = suggestions.filter((s) => !exclude.includes(s.tag)).slice(0, 8);
  const add = (raw: string) => {
    const tag = tidyTag(raw);
    if (!tag) return;
    props.onAdd(tag);
    setText('');
    setActive(-1);
    setOpen(false);
  };
  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      setOpen(true);
      if (shown.length) setActive((i) => (e.key === 'ArrowDown' ? (i + 1) % shown.length : (i - 1 + shown.length) % shown.length));
    } else if (e.key === 'Enter' || e.key === ',') {
      e.preventDefault();
      add(active >= 0 && shown[active] ? shown[active].tag : text);
    } else if (e.key === 'Escape' && open && shown.length > 0) {
      // Closes the list, not the dialog around it.
      e.preventDefault();
      e.stopPropagation();
      setOpen(false);
      setActive(-1);
    }
  };

  const expanded = open && shown.length > 0;
  return (
    <div className="lib-tag-input">
      <input
        role="combobox"
        aria-label={props.label}
        aria-autocomplete="list"
        aria-expanded={expanded}
        aria-controls={listId}
        aria-activedescendant={expanded && active >= 0 ? `${listId}-${active}` : undefined}
        placeholder={props.placeholder ?? 'Add tag…'}
        maxLength={64}
        value={text}
        onChange={(e) => {
          setText(e.target.value);
          setOpen(true);
          setActive(-1);
        }}
        onBlur={() => setOpen(false)}
        onKeyDown={onKeyDown}
      />
      <ul id={listId} role="listbox" aria-label={`${props.label} suggestions`} className="lib-tag-suggest" hidden={!expanded}>
        {shown.map((s, i) => (
          <li
            key={s.tag}
            id={`${listId}-${i}`}
            role="option"
            aria-selected={i === active}
            // mousedown, not click: the input keeps focus, so the list does not close before the pick lands.
            onMouseDown={(e) => {
              e.preventDefault();
              add(s.tag);
            }}
          >
            <span>{s.tag}</span>
            <span className="lib-tag-count">{s.count.toLocaleString()}</span>
          </li>
        ))}
      </ul>
    </div>
  );
}
