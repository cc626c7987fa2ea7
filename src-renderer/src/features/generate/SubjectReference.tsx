import { useState, type DragEvent } from 'react';
import { invoke, mediaUrl } from '../../lib/api';
import { readAsBase64 } from '../library/import-commands';
import { useStudio } from '../../stores/store';
import { takesSubject, useCapabilityTable } from '../controls/capabilities';
import { SourcePicker } from '../video/SourcePicker';

/**
 * "Subject reference" on Generate, only for a model that takes one (MiniMax image-01): a library image of the
 * subject (a front-facing portrait works best), picked there or dropped here (a dropped file is imported into the
 * library first, so the results have a parent to link to). Main reads the image and sends it.
 */
export function SubjectReference() {
  const table = useCapabilityTable();
  const model = useStudio((s) => s.draft.model);
  const subject = useStudio((s) => s.draft.subject ?? null);
  const setDraft = useStudio((s) => s.setDraft);
  const [picking, setPicking] = useState(false);
  const [dropError, setDropError] = useState<string | null>(null);
  if (!takesSubject(table, model)) return null;
  const onDragOver = (e: DragEvent) => {
    if (![...e.dataTransfer.types].includes('Files')) return;
    // Taken here, not by the window's "Import or edit" overlay.
    e.preventDefault();
    e.dataTransfer.dropEffect = 'copy';
  };
  const onDrop = (e: DragEvent) => {
    const file = [...e.dataTransfer.files].find((f) => f.type.startsWith('image/'));
    if (!file) return;
    e.preventDefault();
    setDropError(null);
    void subjectFromFile(file).then((chosen) => setDraft({ subject: chosen }), (err: unknown) => setDropError(err instanceof Error ? err.message : String(err)));
  };
  return (
    <fieldset className="subject-reference" aria-label="Subject reference" onDragOver={onDragOver} onDrop={onDrop}>
      <legend className="field-label">Subject reference</legend>
      {subject ? (
        <span className="subject-chosen">
          {subject.thumb ? <img src={mediaUrl(subject.thumb)} alt="The chosen subject reference" width={40} height={40} /> : 'An image is chosen'}
          <button type="button" onClick={() => setDraft({ subject: null })}>Remove</button>
        </span>
      ) : (
        <small className="field-note">Optional: a library image of the subject, or drop one here.</small>
      )}
      <button type="button" aria-expanded={picking} onClick={() => setPicking((p) => !p)}>
        {picking ? 'Close the library' : 'Choose from the library'}
      </button>
      {dropError && <p className="form-error" role="alert">{dropError}</p>}
      {picking && (
        <SourcePicker
          kind="image"
          label="Library images for the subject reference"
          selected={subject ? [subject.itemId] : []}
          onPick={(r) => {
            setDraft({ subject: { itemId: r.id, thumb: r.thumb } });
            setPicking(false);
          }}
        />
      )}
    </fieldset>
  );
}

/** A dropped image as the subject: imported into the library (or found there, same bytes), then chosen. */
async function subjectFromFile(file: File): Promise<{ itemId: string; thumb: string | null }> {
  const result = await invoke('library:import', { source: { kind: 'bytes', name: file.name.slice(0, 255), base64: await readAsBase64(file) } });
  const id = result.imported[0] ?? result.duplicates[0]?.id;
  if (!id) throw new Error(result.rejected[0]?.reason ?? 'This file could not be added to the library.');
  const { records } = await invoke('library:records', { ids: [id] });
  return { itemId: id, thumb: records[0]?.thumb ?? null };
}
