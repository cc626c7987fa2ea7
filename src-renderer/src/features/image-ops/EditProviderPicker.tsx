import { findOperation } from '@contract';
import { useCanvas, useCanvasStore } from '../edit/canvas-context';
import { useCapabilityTable } from '../controls/capabilities';

/**
 * Beside the model picker: who edits. xAI edits by instruction; Stability AI edits with a mask. A provider is listed
 * only when the capability table says it can edit an image one of these ways.
 */
export function EditProviderPicker() {
  const store = useCanvasStore();
  const table = useCapabilityTable();
  const provider = useCanvas((s) => s.params.provider);
  const masks = findOperation('stability', 'inpaint', table)?.mask === true || findOperation('stability', 'erase', table)?.mask === true;
  if (!masks) return null;
  const choices = [
    { id: 'xai', label: 'xAI (by instruction)' },
    { id: 'stability', label: 'Stability AI (mask, or search and replace)' },
  ] as const;
  return (
    <fieldset className="edit-provider" role="radiogroup" aria-label="Provider">
      <legend>Provider</legend>
      {choices.map((c) => (
        <label key={c.id}>
          <input
            type="radio"
            name="edit-provider"
            value={c.id}
            checked={provider === c.id}
            onChange={() => store.setState((s) => ({ params: { ...s.params, provider: c.id } }))}
          />
          {c.label}
        </label>
      ))}
    </fieldset>
  );
}
