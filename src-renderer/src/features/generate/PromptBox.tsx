import { useEffect, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';
import { recentPrompts, stepHistory } from './prompt-history';
import { PromptSearch } from './PromptSearch';

/**
 * The prompt: multi-line, a character count against the model's limit (per line in batch mode), shell-like history
 * on Up/Down when the caret is on the first/last line, and a search through history (Ctrl+R or the History button).
 * The history lives in main; `historyVersion` changes when it grew (after a submit). (Ctrl/Cmd+Enter is page-wide.)
 */
export function PromptBox(props: {
  value: string;
  batchMode: boolean;
  maxLength: number;
  historyVersion?: number;
  /** Shown first in the prompt's head line (the page's heading, so the composer spends one line on both). */
  heading?: ReactNode;
  /** Links after History in the head line. */
  links?: ReactNode;
  onChange(text: string): void;
}) {
  const [cursor, setCursor] = useState<number | null>(null);
  const [history, setHistory] = useState<string[]>([]);
  const [searching, setSearching] = useState(false);
  const draftRef = useRef('');
  const textRef = useRef<HTMLTextAreaElement>(null);
  const lines = props.batchMode ? props.value.split('\n') : [props.value];
  const longest = Math.max(0, ...lines.map((l) => l.trim().length));
  const over = longest > props.maxLength;

  useEffect(() => {
    let live = true;
    recentPrompts().then((h) => live && setHistory(h), () => {});
    return () => void (live = false);
  }, [props.historyVersion]);

  function onKeyDown(e: KeyboardEvent<HTMLTextAreaElement>) {
    if (e.key.toLowerCase() === 'r' && (e.ctrlKey || e.metaKey) && !e.altKey && !e.shiftKey) {
      e.preventDefault();
      setSearching(true);
      return;
    }
    if ((e.key !== 'ArrowUp' && e.key !== 'ArrowDown') || e.altKey || e.shiftKey) return;
    const el = e.currentTarget;
    const before = el.value.slice(0, el.selectionStart);
    const after = el.value.slice(el.selectionEnd);
    if (e.key === 'ArrowUp' && before.includes('\n')) return;
    if (e.key === 'ArrowDown' && after.includes('\n')) return;
    if (history.length === 0) return;
    const from = cursor ?? history.length;
    if (cursor === null) draftRef.current = props.value;
    if (e.key === 'ArrowDown' && cursor === null) return;
    e.preventDefault();
    const next = stepHistory(history, from, e.key === 'ArrowUp' ? -1 : 1, draftRef.current);
    setCursor(next.cursor === history.length ? null : next.cursor);
    props.onChange(next.text);
  }

  function pick(text: string) {
    setSearching(false);
    setCursor(null);
    // Batch mode adds the prompt as a new line; a single prompt is replaced.
    const base = props.value.replace(/\s+$/, '');
    props.onChange(props.batchMode && base ? `${base}\n${text}` : text);
    requestAnimationFrame(() => textRef.current?.focus());
  }

  return (
    <div className="prompt-box">
      <div className="prompt-head">
        {props.heading}
        <label htmlFor="prompt-input">{props.batchMode ? 'Prompts (one per line)' : 'Prompt'}</label>
        <span id="prompt-count" className={`prompt-count${over ? ' over' : ''}`}>
          {props.batchMode ? `${lines.filter((l) => l.trim()).length} prompts · longest ` : ''}
          {longest} / {props.maxLength}
          <span className="sr-only"> characters</span>
        </span>
        <button type="button" className="link" aria-keyshortcuts="Control+R Meta+R" aria-expanded={searching} onClick={() => setSearching((s) => !s)}>
          History (Ctrl+R)
        </button>
        {props.links}
      </div>
      <textarea
        id="prompt-input"
        ref={textRef}
        value={props.value}
        rows={props.batchMode ? 4 : 2}
        placeholder={props.batchMode ? 'A lighthouse at dusk\nA fox in the snow' : 'Describe the image you want…'}
        aria-describedby="prompt-count"
        aria-invalid={over}
        onChange={(e) => {
          setCursor(null);
          props.onChange(e.target.value);
        }}
        onKeyDown={onKeyDown}
      />
      {searching && (
        <PromptSearch
          onPick={pick}
          onClose={() => {
            setSearching(false);
            textRef.current?.focus();
          }}
        />
      )}
    </div>
  );
}
