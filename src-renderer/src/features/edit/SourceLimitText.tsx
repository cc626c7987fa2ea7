import { useCanvas } from './canvas-context';
import { editSourceLimit } from './canvas/source-limit';

/** "Up to 5 sources." for the model chosen (the capability table's limit). */
export function SourceLimitText() {
  const limit = useCanvas((s) => editSourceLimit(s.params.model));
  return <>Up to {limit} sources.</>;
}
