import { useEffect, useState } from 'react';
import type { SavedPrompt } from '@contract';
import { ApiError, invoke } from '../../lib/api';
import { useStudio } from '../../stores/store';

/**
 * The prompt library (issue 19): save the form's prompt with a name and tags, put a saved one back in the form
 * (wildcards expand there), delete, and import or export the whole list as text (one prompt a line, or
 * `name<TAB>tags<TAB>prompt` as exported).
 */
export function PromptLibrary(props: { onClose(): void }) {
  const draft = useStudio((s) => s.draft);
  const setDraft = useStudio((s) => s.setDraft);
  const [prompts, setPrompts] = useState<SavedPrompt[]>([]);
  const [name, setName] = useState('');
  const [tags, setTags] = useState('');
  const [text, setText] = useState('');
  const [error, setError] = useState<string | null>(null);
  const reload = () => invoke('prompts:saved', {}).then((r) => setPrompts(r.prompts), () => {});
  useEffect(() => void reload(), []);
  const run = async (work: () => Promise<unknown>) => {
    setError(null);
    try {
      await work();
      await reload();
    } catch (err) {
      setError(err instanceof ApiError ? err.message : String(err));
    }
  };
  return (
    <section className="prompt-library" aria-label="Prompt library">
      <div className="prompt-library-row">
        <label className="field"><span>Name</span><input value={name} onChange={(e) => setName(e.target.value)} /></label>
        <label className="field"><span>Tags (comma-separated)</span><input value={tags} onChange={(e) => setTags(e.target.value)} /></label>
        <button type="button" disabled={!name.trim() || !draft.text.trim()} onClick={() => void run(() => invoke('prompts:save', { name, text: draft.text, tags: tags.split(',') }))}>
          Save prompt
        </button>
        <button type="button" onClick={props.onClose}>Close</button>
      </div>
      <ul className="prompt-library-list" aria-label="Saved prompts">
        {prompts.map((p) => (
          <li key={p.id}>
            <strong>{p.name}</strong> <span className="muted">{p.tags.join(', ')}</span> <span className="prompt-library-text">{p.text}</span>
            <button type="button" onClick={() => setDraft({ text: p.text, originalPrompt: null })}>Use</button>
            <button type="button" onClick={() => void run(() => invoke('prompts:delete', { id: p.id }))}>Delete</button>
          </li>
        ))}
        {prompts.length === 0 && <li className="muted">No saved prompts yet.</li>}
      </ul>
      <label className="field"><span>List as text (import or export)</span><textarea rows={3} value={text} onChange={(e) => setText(e.target.value)} /></label>
      <div className="prompt-library-row">
        <button type="button" disabled={!text.trim()} onClick={() => void run(() => invoke('prompts:import', { text }))}>Import</button>
        <button type="button" onClick={() => void run(async () => setText((await invoke('prompts:export', {})).text))}>Export</button>
      </div>
      {error && <p className="form-error" role="alert">{error}</p>}
    </section>
  );
}
