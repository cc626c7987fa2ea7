import { useRef } from 'react';
import { useCanvas, useCanvasStore } from './canvas-context';
import { insertTag, missingTags, tagFor, taggedIndices } from './prompt-tags';

/** The edit instruction, with one chip per source that inserts its `<IMAGE_n>` tag at the caret. */
export function EditPromptBox() {
  const store = useCanvasStore();
  const prompt = useCanvas((s) => s.prompt);
  const masking = useCanvas((s) => s.params.provider === 'stability');
  const sources = useCanvas((s) => s.doc.sources);
  const ref = useRef<HTMLTextAreaElement>(null);
  const missing = missingTags(prompt, sources.length);
  const untagged = sources.length > 1 && prompt.trim() !== '' && taggedIndices(prompt).length === 0;

  const insert = (index: number) => {
    const el = ref.current;
    const start = el?.selectionStart ?? prompt.length;
    const { text, caret } = insertTag(prompt, start, el?.selectionEnd ?? start, index);
    store.setState({ prompt: text });
    requestAnimationFrame(() => {
      el?.focus();
      el?.setSelectionRange(caret, caret);
    });
  };
  return (
    <div className="prompt-box edit-prompt">
      <label htmlFor="edit-prompt">Edit instruction</label>
      <textarea
        id="edit-prompt"
        ref={ref}
        rows={3}
        value={prompt}
        placeholder={sources.length > 1 ? 'Put the cat from <IMAGE_0> on the sofa from <IMAGE_1>' : 'Make it winter, with snow on the roof'}
        aria-invalid={missing.length > 0}
        aria-describedby="edit-prompt-warning"
        onChange={(e) => store.setState({ prompt: e.target.value })}
      />
      {sources.length > 0 && (
        <div className="tag-chips" role="group" aria-label="Insert a source tag">
          {sources.map((c, i) => (
            <button key={c.key} type="button" className="chip" aria-label={`Insert ${tagFor(i)} (${c.source.name})`} onClick={() => insert(i)}>
              {tagFor(i)}
            </button>
          ))}
        </div>
      )}
      <div id="edit-prompt-warning" role="status">
        {missing.length > 0 && (
          <p className="warning">
            The instruction names {missing.join(', ')}, but the canvas has {sources.length === 0 ? 'no sources' : `only ${sources.length} source${sources.length === 1 ? '' : 's'}`}.
          </p>
        )}
        {untagged && <p className="muted">Tip: name the sources with their tags so xAI knows which image is which.</p>}
      </div>
      {masking ? (
        <p className="muted mask-note">Stability AI paints what this says into the masked area, or in place of what Search and replace finds (English only). Erase needs no words.</p>
      ) : (
        <p className="muted mask-note">
          Looking for a mask or brush? xAI&apos;s edit API takes no masks, so there is no mask tool for xAI: choose Stability AI
          as the provider to paint one, or describe the area in words (&ldquo;only the sky&rdquo;, &ldquo;the hat on the left&rdquo;).
        </p>
      )}
    </div>
  );
}
