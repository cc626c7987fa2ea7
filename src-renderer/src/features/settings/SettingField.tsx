import { useId, useState } from 'react';
import type { Settings } from '@contract';
import { useStudio } from '../../stores/store';
import { updateSettings, validateField } from './commands';

type Kind =
  | { type: 'select'; options: readonly string[] | readonly { value: string; label: string }[]; numeric?: boolean }
  | { type: 'number'; min?: number; max?: number; step?: number; optional?: boolean }
  | { type: 'text'; optional?: boolean; placeholder?: string }
  | { type: 'checkbox' };

/** Turns what the control holds into the setting's value (empty optional fields are null). */
function toValue(kind: Kind, raw: string | boolean): unknown {
  if (kind.type === 'checkbox') return raw;
  const text = String(raw).trim();
  if (kind.type === 'number') return text === '' ? (kind.optional ? null : Number.NaN) : Number(text);
  if (kind.type === 'text' && kind.optional && text === '') return null;
  if (kind.type === 'select' && kind.numeric) return Number(text);
  return text;
}

/**
 * One labelled setting: validated as the user types (same zod schema as main), saved when valid — at once for
 * selects and checkboxes, on blur or Enter for text. The error is tied to the control with aria-describedby.
 */
export function SettingField<K extends keyof Settings>(props: { field: K; label: string; kind: Kind; help?: string }) {
  const saved = useStudio((s) => s.settingsView?.settings[props.field]);
  const asDraft = (v: unknown): string | boolean => (v === null || v === undefined ? '' : typeof v === 'boolean' ? v : String(v));
  const [draft, setDraft] = useState<string | boolean>(asDraft(saved));
  // Follow changes from main (another window, a repair) by adjusting state during render, not in an effect.
  const [lastSaved, setLastSaved] = useState(saved);
  if (saved !== lastSaved) {
    setLastSaved(saved);
    setDraft(asDraft(saved));
  }
  const [error, setError] = useState<string | null>(null);
  const id = useId();
  const errorId = `${id}-error`;
  const helpId = `${id}-help`;

  async function commit(raw: string | boolean) {
    const value = toValue(props.kind, raw);
    const problem = validateField(props.field, value);
    setError(problem);
    if (problem || value === saved) return;
    const errors = await updateSettings({ [props.field]: value } as Partial<Settings>);
    setError(errors?.[props.field] ?? null);
  }

  function change(raw: string | boolean) {
    setDraft(raw);
    const immediate = props.kind.type === 'select' || props.kind.type === 'checkbox';
    if (immediate) void commit(raw);
    else setError(validateField(props.field, toValue(props.kind, raw)));
  }

  const describedBy = [props.help ? helpId : null, error ? errorId : null].filter(Boolean).join(' ') || undefined;
  const common = {
    id,
    'aria-invalid': error ? true : undefined,
    'aria-describedby': describedBy,
  } as const;
  const kind = props.kind;

  let control;
  if (kind.type === 'select') {
    const options = kind.options.map((o) => (typeof o === 'string' ? { value: o, label: o } : o));
    control = (
      <select {...common} value={String(draft)} onChange={(e) => change(e.target.value)}>
        {options.map((o) => (
          <option key={o.value} value={o.value}>{o.label}</option>
        ))}
      </select>
    );
  } else if (kind.type === 'checkbox') {
    control = <input {...common} type="checkbox" checked={draft === true} onChange={(e) => change(e.target.checked)} />;
  } else {
    control = (
      <input
        {...common}
        type={kind.type === 'number' ? 'number' : 'text'}
        inputMode={kind.type === 'number' ? 'decimal' : undefined}
        min={kind.type === 'number' ? kind.min : undefined}
        max={kind.type === 'number' ? kind.max : undefined}
        step={kind.type === 'number' ? (kind.step ?? 1) : undefined}
        placeholder={kind.type === 'text' ? kind.placeholder : undefined}
        value={String(draft)}
        onChange={(e) => change(e.target.value)}
        onBlur={() => void commit(draft)}
        onKeyDown={(e) => e.key === 'Enter' && void commit(draft)}
      />
    );
  }

  return (
    <div className={`field field-${kind.type}`}>
      <label htmlFor={id}>{props.label}</label>
      {control}
      {props.help && (
        <p id={helpId} className="hint">
          {props.help}
        </p>
      )}
      {error && (
        <p id={errorId} className="field-error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}
