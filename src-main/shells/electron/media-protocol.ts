import { protocol } from 'electron';
import { readMedia, toWebStream } from '../../adapters/media-files';

export const MEDIA_SCHEME = 'app-media';

// Registered as privileged (standard, secure, stream for Range) in app-protocol.ts, with the app's own scheme.

/** `app-media://library/<relative path>` → a file inside the library root, or 404. */
export function handleMediaProtocol(libraryDir: () => string) {
  protocol.handle(MEDIA_SCHEME, async (request) => {
    const url = new URL(request.url);
    if (url.host !== 'library') return new Response('Not found', { status: 404 });
    const media = await readMedia(libraryDir(), url.pathname.slice(1), request.headers.get('range') ?? undefined);
    return new Response(media.body ? toWebStream(media.body) : null, { status: media.status, headers: media.headers });
  });
}
