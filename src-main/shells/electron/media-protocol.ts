import { protocol } from 'electron';
import { readMedia, toWebStream } from '../../adapters/media-files';

export const MEDIA_SCHEME = 'app-media';

/** Must run before `app.ready`: a standard, secure scheme that can stream (video seeking needs Range). */
export function registerMediaScheme() {
  protocol.registerSchemesAsPrivileged([
    { scheme: MEDIA_SCHEME, privileges: { standard: true, secure: true, stream: true, supportFetchAPI: true } },
  ]);
}

/** `app-media://library/<relative path>` → a file inside the library root, or 404. */
export function handleMediaProtocol(libraryDir: () => string) {
  protocol.handle(MEDIA_SCHEME, async (request) => {
    const url = new URL(request.url);
    if (url.host !== 'library') return new Response('Not found', { status: 404 });
    const media = await readMedia(libraryDir(), url.pathname.slice(1), request.headers.get('range') ?? undefined);
    return new Response(media.body ? toWebStream(media.body) : null, { status: media.status, headers: media.headers });
  });
}
