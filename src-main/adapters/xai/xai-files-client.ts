/**
 * The Files API over HTTP (updates doc §5.2): upload, public URL, revoke, delete. Same transport as the Imagine
 * client (key handling, retries, timeouts, error mapping); answers are parsed with zod.
 */
import { z } from 'zod';
import { fail } from '../../core/app-error';
import type { FilesApi } from '../../core/share/ports';
import type { CallOptions } from '../../core/xai';
import { createTransport, type RawResponse, type TransportOptions } from './transport';

const Uploaded = z.object({ id: z.string().min(1).max(200) });
const PublicUrl = z.object({ public_url: z.string().url(), expires_at: z.number().int().optional() });
const Revoked = z.object({ revoked: z.boolean() });

function parse<S extends z.ZodType>(schema: S, res: RawResponse, what: string): z.infer<S> {
  let json: unknown;
  try {
    json = JSON.parse(res.text);
  } catch {
    json = undefined;
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    return fail({ kind: 'api', status: res.status, code: 'bad-response', message: `xAI sent an unexpected ${what}.`, ...(res.requestId ? { requestId: res.requestId } : {}) });
  }
  return parsed.data;
}

const opts = (o?: CallOptions) => ({ ...(o?.signal ? { signal: o.signal } : {}), ...(o?.timeoutMs === undefined ? {} : { timeoutMs: o.timeoutMs }) });
const fileId = (id: string) => encodeURIComponent(id);

export function createXaiFilesClient(options: TransportOptions): FilesApi {
  const transport = createTransport(options);
  return {
    async upload(file, o) {
      const form = new FormData();
      form.set('file', new Blob([file.bytes as Uint8Array<ArrayBuffer>], { type: file.mime }), file.name);
      form.set('purpose', 'assistants');
      const res = await transport.send({ method: 'POST', path: '/files', form, ...opts(o) });
      return { fileId: parse(Uploaded, res, 'upload answer').id };
    },
    async createPublicUrl(id, expiresAfterSec, o) {
      const res = await transport.send({ method: 'POST', path: `/files/${fileId(id)}/public-url`, body: { expires_after: expiresAfterSec }, ...opts(o) });
      const body = parse(PublicUrl, res, 'public URL answer');
      return { url: body.public_url, expiresAt: body.expires_at === undefined ? null : body.expires_at * 1000 };
    },
    async revokePublicUrl(id, o) {
      const res = await transport.send({ method: 'POST', path: `/files/${fileId(id)}/public-url/revoke`, body: {}, ...opts(o) });
      return { revoked: parse(Revoked, res, 'revoke answer').revoked };
    },
    async deleteFile(id, o) {
      try {
        await transport.send({ method: 'DELETE', path: `/files/${fileId(id)}`, ...opts(o) });
      } catch (err) {
        // Already gone (expired, deleted elsewhere): what we wanted.
        if (err instanceof Error && 'appError' in err && (err as { appError: { kind: string; status?: number } }).appError.status === 404) return;
        throw err;
      }
    },
  };
}
