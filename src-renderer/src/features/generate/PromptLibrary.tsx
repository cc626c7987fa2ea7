import { useEffect, useState } from 'react';
import type { SavedPrompt } from '@contract';
import { ApiError, invoke } from '../../lib/api';
import { useStudio } from '../../stores/store';

/** Every tag in the library once, in alphabetical order: the filter's choices. */
const tagsOf = (prompts: readonly SavedPrompt[]) => [...new Set(prompts.flatMap((p) => p.tags))].sort((a, b) => a.localeCompare(b));

/**
 * The prompt library (issue 19): save the form's prompt with a name and tags, filter the list by a tag or by words
 * (main matches names, texts and tags), put a saved one back in the form (wildcards expand there), delete, and import
 * or export the whole list as text (one prompt a line, or `name<TAB>tags<TAB>prompt` as exported).
 */
export function PromptLibrary(props: { onClose(): void }) {
  const draft = useStudio((s) => s.draft);
  const setDraft = useStudio((s) => s.setDraft);
  const [all, setAll] = useState<SavedPrompt[]>([]);
  const [matched, setMatched] = useState<SavedPrompt[]>([]);
  const [query, setQuery] = useState('');
  const [tag, setTag] = useState<string | null>(null);
  const [name, setName] = useState('');
  const [tags, setTags] = useState('');
  const [text, setText] = useState('');
  const [error, setError] = useState<string | null>(null);
  const reload = () => invoke('prompts:saved', {}).then((r) => setAll(r.prompts), () => {});
  useEffect(() => void reload(), []);
  // The words go to main (one matcher for names, texts and tags); re-asked whenever the library changes too.
  useEffect(() => {
    if (!query.trim()) return;
    let live = true;
    void invoke('prompts:saved', { query }).then((r) => live && setMatched(r.prompts), () => {});
    return () => {
      live = false;
    };
  }, [query, all]);
  const allTags = tagsOf(all);
  const chosen = tag !== null && allTags.includes(tag) ? tag : null;
  const shown = query.trim() ? matched : all;
  const prompts = chosen ? shown.filter((p) => p.tags.includes(chosen)) : shown;
  const filtered = chosen !== null || query.trim() !== '';
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
      <div className="prompt-library-row prompt-library-filter">
        <label className="field"><span>Filter</span>
          <input type="search" value={query} placeholder="Name, words or tag" onChange={(e) => setQuery(e.target.value)} />
        </label>
        {allTags.length > 0 && (
          <div className="prompt-library-tags" role="group" aria-label="Filter by tag">
            <button type="button" aria-pressed={chosen === null} onClick={() => setTag(null)}>All tags</button>
            {allTags.map((t) => (
              <button key={t} type="button" aria-pressed={chosen === t} onClick={() => setTag(chosen === t ? null : t)}>{t}</button>
            ))}
          </div>
        )}
      </div>
      <ul className="prompt-library-list" aria-label="Saved prompts">
        {prompts.map((p) => (
          <li key={p.id}>
            <strong>{p.name}</strong> <span className="muted">{p.tags.join(', ')}</span> <span className="prompt-library-text">{p.text}</span>
            <button type="button" onClick={() => setDraft({ text: p.text, originalPrompt: null })}>Use</button>
            <button type="button" onClick={() => void run(() => invoke('prompts:delete', { id: p.id }))}>Delete</button>
          </li>
        ))}
        {prompts.length === 0 && <li className="muted">{filtered ? 'No saved prompt matches this filter.' : 'No saved prompts yet.'}</li>}
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
