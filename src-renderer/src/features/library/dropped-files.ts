/**
 * The files of a drop, dropped folders walked with their subfolders (Chromium's File and Directory Entries API).
 * The entries must be taken while the drop event is being handled; the walk itself may finish later.
 */

/** A first guess by type or name, to leave out folders and documents; main judges every file by its bytes. */
export const isMediaFile = (f: File) =>
  f.type.startsWith('image/') || f.type.startsWith('video/') || /\.(png|jpe?g|webp|gif|avif|heic|heif|bmp|tiff?|mp4|m4v|mov|webm|mkv)$/i.test(f.name);

function readAll(reader: FileSystemDirectoryReader): Promise<FileSystemEntry[]> {
  // readEntries answers in batches (100 in Chromium) until it answers with none.
  return new Promise((resolve, reject) => {
    const out: FileSystemEntry[] = [];
    const next = () =>
      reader.readEntries((batch) => {
        if (batch.length === 0) resolve(out);
        else {
          out.push(...batch);
          next();
        }
      }, reject);
    next();
  });
}

const fileOf = (entry: FileSystemFileEntry) => new Promise<File>((resolve, reject) => entry.file(resolve, reject));

/** Every image and video file under a folder entry, depth first, hidden entries skipped. */
async function walk(dir: FileSystemDirectoryEntry, out: File[]): Promise<void> {
  for (const entry of await readAll(dir.createReader())) {
    if (entry.name.startsWith('.')) continue;
    if (entry.isDirectory) await walk(entry as FileSystemDirectoryEntry, out);
    else if (entry.isFile) {
      const file = await fileOf(entry as FileSystemFileEntry).catch(() => null);
      if (file && isMediaFile(file)) out.push(file);
    }
  }
}

/**
 * Takes a drop's entries now and hands its files to `take`: loose files as they are, and the images inside dropped
 * folders (`fromFolders`: other files there are simply not images to import, not worth a warning). Without
 * folders `take` runs at once, inside the drop event; with folders, once they are walked.
 */
export function onDropped(data: DataTransfer, take: (dropped: { files: File[]; fromFolders: File[] }) => void): void {
  const items = [...(data.items ?? [])].filter((i) => i.kind === 'file');
  const entries = items.map((i) => (typeof i.webkitGetAsEntry === 'function' ? i.webkitGetAsEntry() : null));
  if (!entries.some((e) => e?.isDirectory)) return take({ files: [...data.files], fromFolders: [] });
  const loose = items.map((item, i) => (entries[i]?.isDirectory ? null : item.getAsFile()));
  void (async () => {
    const fromFolders: File[] = [];
    for (const entry of entries) if (entry?.isDirectory) await walk(entry as FileSystemDirectoryEntry, fromFolders);
    take({ files: loose.filter((f): f is File => f !== null), fromFolders });
  })();
}
