import { useRef, useState, type KeyboardEvent } from 'react';
import { loadHistory, stepHistory } from './prompt-history';

/**
 * The prompt: multi-line, a character count against the model's limit (per line in batch mode), and shell-like
 * history on Up/Down when the caret is on the first/last line. (Ctrl/Cmd+Enter is handled page-wide.)
 */
export function PromptBox(props: {
  value: string;
  batchMode: boolean;
  maxLength: number;
  onChange(text: string): void;
}) {
  const [cursor, setCursor] = useState<number | null>(null);
  const draftRef = useRef('');
  const lines = props.batchMode ? props.value.split('\n') : [props.value];
  const longest = Math.max(0, ...lines.map((l) => l.trim().length));
  const over = longest > props.maxLength;

  function onKeyDown(e: KeyboardEvent<HTMLTextAreaElement>) {
    if ((e.key !== 'ArrowUp' && e.key !== 'ArrowDown') || e.altKey || e.shiftKey) return;
    const el = e.currentTarget;
    const before = el.value.slice(0, el.selectionStart);
    const after = el.value.slice(el.selectionEnd);
    if (e.key === 'ArrowUp' && before.includes('\n')) return;
    if (e.key === 'ArrowDown' && after.includes('\n')) return;
    const history = loadHistory();
    if (history.length === 0) return;
    const from = cursor ?? history.length;
    if (cursor === null) draftRef.current = props.value;
    if (e.key === 'ArrowDown' && cursor === null) return;
    e.preventDefault();
    const next = stepHistory(history, from, e.key === 'ArrowUp' ? -1 : 1, draftRef.current);
    setCursor(next.cursor === history.length ? null : next.cursor);
    props.onChange(next.text);
  }

  return (
    <div className="prompt-box">
      <label htmlFor="prompt-input">{props.batchMode ? 'Prompts (one per line)' : 'Prompt'}</label>
      <textarea
        id="prompt-input"
        value={props.value}
        rows={props.batchMode ? 6 : 4}
        placeholder={props.batchMode ? 'A lighthouse at dusk\nA fox in the snow' : 'Describe the image you want…'}
        aria-describedby="prompt-count"
        aria-invalid={over}
        onChange={(e) => {
          setCursor(null);
          props.onChange(e.target.value);
        }}
        onKeyDown={onKeyDown}
      />
      <div id="prompt-count" className={`prompt-count${over ? ' over' : ''}`}>
        {props.batchMode ? `${lines.filter((l) => l.trim()).length} prompts · longest ` : ''}
        {longest} / {props.maxLength} characters
      </div>
    </div>
  );
}
