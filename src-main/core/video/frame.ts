/** Port: one frame of a video file as PNG bytes, at `seconds` from the start. Adapter: `createFfmpegFrameExtractor`. */
export type FrameExtractor = (absPath: string, seconds: number) => Promise<Uint8Array>;
