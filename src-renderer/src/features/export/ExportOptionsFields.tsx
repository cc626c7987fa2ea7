import type { ExportOptions } from './export-commands';

/** Format and metadata choices shared by the bulk export and "Save as…" dialogs. */
export function ExportOptionsFields(props: { value: ExportOptions; onChange(next: ExportOptions): void; video?: boolean }) {
  const { value, onChange } = props;
  return (
    <>
      {!props.video && (
        <label className="lib-field lib-stack">
          <span>Format</span>
          <select value={value.format} onChange={(e) => onChange({ ...value, format: e.target.value as ExportOptions['format'] })}>
            <option value="original">Original files</option>
            <option value="png">PNG</option>
            <option value="jpeg">JPEG</option>
            <option value="webp">WebP</option>
          </select>
        </label>
      )}
      <label className="lib-check-field">
        <input type="checkbox" checked={value.metadata === 'strip'} onChange={(e) => onChange({ ...value, metadata: e.target.checked ? 'strip' : 'keep' })} />
        Strip metadata (prompt, provenance, metadata.json)
      </label>
    </>
  );
}
