import { useId } from 'react';
import { useStudio } from '../../stores/store';
import { modelOptionText, type ModelChoice } from './capabilities';

/**
 * The combobox "Model": friendly name, id and price per option, from the capability table. Says when prices are the
 * built-in ones (xAI's listing has not answered), and keeps an unknown current value visible rather than hiding it.
 */
export function ModelPicker(props: { choices: readonly ModelChoice[]; value: string; onChange(id: string): void; label?: string }) {
  const id = useId();
  const priceSource = useStudio((s) => s.capabilities.table.priceSource);
  const current = props.choices.find((c) => c.id === props.value);
  return (
    <div className="field control-model">
      <label htmlFor={id} className="field-label">{props.label ?? 'Model'}</label>
      <select id={id} value={props.value} onChange={(e) => props.onChange(e.target.value)}>
        {!current && <option value={props.value}>{props.value}</option>}
        {props.choices.map((c) => <option key={c.id} value={c.id}>{modelOptionText(c)}</option>)}
      </select>
      {current?.note ? <small className="field-note">{current.note}</small> : null}
      {priceSource === 'built-in' ? <small className="control-reason" data-testid="price-source">Prices from the built-in table (xAI’s price list was not reached).</small> : null}
    </div>
  );
}
