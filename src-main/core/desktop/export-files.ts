/** A file being written: bytes stream in, and the file appears at its path only on `commit`. */
export interface FileSink {
  write(chunk: Uint8Array): Promise<void>;
  /** Flushes, then renames the temp file into place; returns the bytes written. */
  commit(): Promise<number>;
  /** Drops the temp file (a failed or cancelled export leaves nothing behind). */
  abort(): Promise<void>;
}

/**
 * Files that exports write outside the library: zips and single files where a save dialog said, and browser
 * downloads under `<dataDir>/exports`. Adapter: `NodeExportFiles`.
 */
export interface ExportFiles {
  /** Starts writing `absPath` through a temp file beside it (replacing it on commit: the save dialog asked). */
  create(absPath: string): Promise<FileSink>;
  /** Removes a file; one that is already gone is not an error. */
  remove(absPath: string): Promise<void>;
  /** Removes every file in `dir` (and creates it when missing). */
  clearDir(dir: string): Promise<void>;
}
