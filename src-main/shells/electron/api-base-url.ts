import { dialog, type MessageBoxOptions } from 'electron';
import { isDefaultApiOrigin, parseApiBaseUrl } from '../../core/xai/api-origin';

/** The address given at start: `--api-base-url=URL` / `--api-base-url URL`, else `IMAGINE_API_BASE_URL`. */
export function requestedApiBaseUrl(argv: readonly string[], env: NodeJS.ProcessEnv): string | undefined {
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg.startsWith('--api-base-url=')) return arg.slice('--api-base-url='.length);
    if (arg === '--api-base-url') return argv[i + 1];
  }
  return env.IMAGINE_API_BASE_URL || undefined;
}

/**
 * The API address for this launch. A start-up address other than xAI's is used only after the user confirms it in
 * a native dialog main shows (outside the page, which never chooses where the key goes); a refused or malformed
 * one falls back to xAI with a message. Undefined = xAI.
 */
export async function confirmApiBaseUrl(
  requested: string | undefined,
  ask: (options: MessageBoxOptions) => Promise<{ response: number }> = (o) => dialog.showMessageBox(o),
): Promise<string | undefined> {
  if (requested === undefined) return undefined;
  const parsed = parseApiBaseUrl(requested);
  if (!parsed.ok) {
    await ask({ type: 'error', message: 'The API address given at start was refused.', detail: `${requested}\n${parsed.reason}\nImagine Studio uses xAI's API instead.`, buttons: ['OK'] });
    return undefined;
  }
  if (isDefaultApiOrigin(parsed.url)) return parsed.url;
  const { response } = await ask({
    type: 'warning',
    message: `Send your xAI API key to ${parsed.origin}?`,
    detail: `Imagine Studio was started with the API address ${parsed.url}. Every request, with your API key, will go there instead of to xAI. Only continue if you set up this proxy yourself.`,
    buttons: ['Use xAI', `Use ${parsed.origin}`],
    defaultId: 0,
    cancelId: 0,
    noLink: true,
  });
  return response === 1 ? parsed.url : undefined;
}
