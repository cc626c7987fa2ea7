import path from 'node:path';
import { SqliteVideoJobStore } from './sqlite-video-job-store';

/** The video job journal of a data folder: `<dataDir>/video-jobs.db`. */
export function createVideoJobStore(dataDir: string): SqliteVideoJobStore {
  return new SqliteVideoJobStore(path.join(dataDir, 'video-jobs.db'));
}

export { SqliteVideoJobStore };
export { createVideoApi } from './video-imagine-client';
export { createFfmpegFrameExtractor } from './ffmpeg-frame-extractor';
