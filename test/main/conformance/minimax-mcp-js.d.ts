/** Types for the deep imports of MiniMax's own JS client (`minimax-mcp-js` ships JavaScript only). */
declare module 'minimax-mcp-js/build/utils/api.js' {
  export class MiniMaxAPI {
    constructor(config: { apiKey: string; apiHost?: string; resourceMode?: 'url' | 'local' | 'base64' });
  }
}
declare module 'minimax-mcp-js/build/api/image.js' {
  import type { MiniMaxAPI } from 'minimax-mcp-js/build/utils/api.js';
  export class ImageAPI {
    constructor(api: MiniMaxAPI);
    generateImage(request: { prompt: string; model?: string; aspectRatio?: string; n?: number; subjectReference?: string; outputDirectory?: string }): Promise<string[]>;
  }
}
declare module 'minimax-mcp-js/build/api/video.js' {
  import type { MiniMaxAPI } from 'minimax-mcp-js/build/utils/api.js';
  export class VideoAPI {
    constructor(api: MiniMaxAPI);
    generateVideo(request: { prompt: string; model?: string; firstFrameImage?: string; duration?: number; resolution?: string; asyncMode?: boolean }): Promise<{ task_id: string }>;
    queryVideoGeneration(request: { taskId: string; outputDirectory?: string }): Promise<{ status?: string; video_url?: string; video_path?: string; task_id?: string }>;
  }
}
