import { useCanvas, useCanvasStore } from './canvas-context';

/** Files that could not become sources, each with its reason, until dismissed. */
export function RefusalList() {
  const store = useCanvasStore();
  const refusals = useCanvas((s) => s.refusals);
  if (refusals.length === 0) return null;
  return (
    <div className="edit-refusals" role="alert">
      <ul>
        {refusals.map((r) => (
          <li key={r.id}>
            <strong>{r.name}</strong> was not added: {r.reason}
          </li>
        ))}
      </ul>
      <button type="button" className="link" onClick={() => store.setState({ refusals: [] })}>Dismiss</button>
    </div>
  );
}
