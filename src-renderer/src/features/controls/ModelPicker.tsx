import { useId } from 'react';
import { providerOf } from '@contract';
import { useStudio } from '../../stores/store';
import { modelOptionText, type ModelChoice } from './capabilities';

/**
 * The combobox "Model": friendly name, id and price per option, from the capability table. Says when prices are the
 * built-in ones, in the words of the chosen model's provider: for xAI when its listing has not answered; for Stability
 * AI and MiniMax always (they publish no price list an app can read, so their prices are the table's). Keeps an
 * unknown current value visible rather than hiding it.
 */
export function ModelPicker(props: { choices: readonly ModelChoice[]; value: string; onChange(id: string): void; label?: string }) {
  const id = useId();
  const table = useStudio((s) => s.capabilities.table);
  // An unknown id (a retired model kept visible) is xAI's: the only provider whose models retire so far.
  const provider = providerOf(props.value, table) ?? 'xai';
  const source = provider === 'xai'
    ? (table.priceSource === 'built-in' ? 'Prices from the built-in table (xAI’s price list was not reached).' : null)
    : `Prices from the built-in table (${table.providers[provider].name} publishes no price list to read).`;
  const current = props.choices.find((c) => c.id === props.value);
  return (
    <div className="field control-model">
      <label htmlFor={id} className="field-label">{props.label ?? 'Model'}</label>
      <select id={id} value={props.value} onChange={(e) => props.onChange(e.target.value)}>
        {!current && <option value={props.value}>{props.value}</option>}
        {props.choices.map((c) => <option key={c.id} value={c.id}>{modelOptionText(c)}</option>)}
      </select>
      {current?.note ? <small className="field-note">{current.note}</small> : null}
      {source ? <small className="control-reason" data-testid="price-source">{source}</small> : null}
    </div>
  );
}
