import type { ReactNode } from 'react';

/** One option of a ChoiceGroup; `disabled` holds the reason it cannot be chosen (shown as its title). */
export interface Choice<T extends string> {
  value: T;
  label: string;
  /** Drawn instead of the label (the label stays the accessible name). */
  content?: ReactNode;
  disabled?: string | null;
}

/**
 * A radio group of buttons (role radiogroup / radio, one tab stop, arrow keys move and choose), the one shape every
 * option picker of the app uses. `name` is the group's accessible name ("Aspect ratio", "Resolution", "Quality").
 */
export function ChoiceGroup<T extends string>(props: {
  name: string;
  choices: readonly Choice<T>[];
  value: T;
  onChange(value: T): void;
  className?: string;
  optionClassName?: string;
  disabled?: boolean;
}) {
  const enabled = props.choices.filter((c) => !c.disabled);
  const focusable = enabled.some((c) => c.value === props.value) ? props.value : enabled[0]?.value;
  return (
    <div className={props.className ?? 'choice-group'} role="radiogroup" aria-label={props.name} aria-disabled={props.disabled || undefined}>
      {props.choices.map((c) => {
        const checked = c.value === props.value;
        return (
          <button
            key={c.value}
            type="button"
            role="radio"
            aria-checked={checked}
            aria-label={c.content ? c.label : undefined}
            disabled={props.disabled || Boolean(c.disabled)}
            title={c.disabled ?? undefined}
            tabIndex={c.value === focusable ? 0 : -1}
            className={props.optionClassName ?? 'choice'}
            onClick={() => props.onChange(c.value)}
            onKeyDown={(e) => {
              const step = e.key === 'ArrowRight' || e.key === 'ArrowDown' ? 1 : e.key === 'ArrowLeft' || e.key === 'ArrowUp' ? -1 : 0;
              if (!step || enabled.length === 0) return;
              e.preventDefault();
              const at = enabled.findIndex((x) => x.value === c.value);
              const next = enabled[(at + step + enabled.length) % enabled.length] as Choice<T>;
              props.onChange(next.value);
              const group = e.currentTarget.parentElement;
              (group?.children[props.choices.indexOf(next)] as HTMLElement | undefined)?.focus();
            }}
          >
            {c.content ?? c.label}
          </button>
        );
      })}
    </div>
  );
}
