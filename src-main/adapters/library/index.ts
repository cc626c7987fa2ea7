import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { NodeExternalFiles, NodeLibraryFiles } from './node-library-files';
import { SharpFfmpegMediaProcessor } from './sharp-media-processor';
import { SqliteLibraryStore } from './sqlite-library-store';

/**
 * The adapter half of the library service for a library folder: the SQLite index at `<libraryDir>/library.db`,
 * the folder itself, user-chosen files outside it, and sharp/ffmpeg.
 */
export function createLibraryAdapters(libraryDir: string, tools?: { ffmpeg: string; ffprobe: string }) {
  mkdirSync(libraryDir, { recursive: true });
  return {
    store: new SqliteLibraryStore(path.join(libraryDir, 'library.db')),
    files: new NodeLibraryFiles(libraryDir),
    external: new NodeExternalFiles(libraryDir),
    media: new SharpFfmpegMediaProcessor(tools),
  };
}

export { NodeExternalFiles, NodeLibraryFiles, SharpFfmpegMediaProcessor, SqliteLibraryStore };
