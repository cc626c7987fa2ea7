import { z } from 'zod';
import { Empty } from './common';
import { ExportFormat, LibraryId, PathToken } from './library';

/** A chosen path as the renderer sees it: the token to pass back, and a label to show the user. */
export const ChosenPath = z.object({ token: PathToken, label: z.string() });
export type ChosenPath = z.infer<typeof ChosenPath>;

/** What the shell can do natively. The browser host has none of these: the renderer hides those actions. */
export const DesktopCapabilities = z.object({
  /** Native open/save/folder dialogs (else: exports become browser downloads, imports come from drops). */
  dialogs: z.boolean(),
  /** Show a file in the OS file manager. */
  reveal: z.boolean(),
  /** Drag a library file out of the window as a real file (else: Chromium's DownloadURL drag). */
  nativeDrag: z.boolean(),
  /** Put an image on the OS clipboard from main (else: the async Clipboard API in the page). */
  nativeClipboard: z.boolean(),
});
export type DesktopCapabilities = z.infer<typeof DesktopCapabilities>;

const MetadataMode = z.enum(['keep', 'strip']);

/** Where an export ended up: a file main saved where the user's save dialog said, or a one-time browser download. */
export const ExportDelivery = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('saved'), path: z.string(), files: z.number().int(), bytes: z.number().int() }),
  z.object({
    kind: z.literal('download'),
    /** Same-origin URL, served once and for an hour at most (`/download/<token>`). */
    url: z.string(),
    name: z.string(),
    files: z.number().int(),
    bytes: z.number().int(),
  }),
]);
export type ExportDelivery = z.infer<typeof ExportDelivery>;

const ExportOptions = {
  format: ExportFormat.default('original'),
  metadata: MetadataMode.default('keep'),
  /** A token from `desktop:choose-save`; without one the result becomes a browser download. */
  saveTo: PathToken.optional(),
};

const ItemIds = z.array(LibraryId).min(1).max(5_000);

export const desktopChannels = {
  /** What this shell can do, so the renderer shows only actions that work here. */
  'desktop:capabilities': { input: Empty, output: DesktopCapabilities },
  /**
   * A native folder dialog: an export target, a folder to bring in (`import`), or a new library folder (`library`,
   * for `settings:library-folder`). Null when cancelled.
   */
  'desktop:choose-folder': {
    input: z.object({ title: z.string().max(120).optional(), purpose: z.enum(['export', 'import', 'library']).default('export') }).strict(),
    output: z.object({ folder: ChosenPath.nullable() }),
  },
  /** A native open dialog for images to import. Empty when cancelled. */
  'desktop:choose-files': { input: Empty, output: z.object({ files: z.array(ChosenPath) }) },
  /** A native save dialog. `suggestedName` is a bare file name (main keeps only its last segment). */
  'desktop:choose-save': {
    input: z.object({ suggestedName: z.string().min(1).max(200), kind: z.enum(['zip', 'image', 'video']) }).strict(),
    output: z.object({ file: ChosenPath.nullable() }),
  },
  /** Show an item's file in the OS file manager. */
  'desktop:reveal': { input: z.object({ id: LibraryId }).strict(), output: Empty },
  /** Start an OS drag of items' files from the calling window (call it from `dragstart`). */
  'desktop:start-drag': { input: z.object({ ids: z.array(LibraryId).min(1).max(100) }).strict(), output: Empty },
  /** Put an image item on the OS clipboard. */
  'desktop:copy-image': { input: z.object({ id: LibraryId }).strict(), output: Empty },
  /**
   * Items as one zip (originals or converted, metadata kept or stripped) with `metadata.json` (prompt, model,
   * params, cost, request id, lineage) when metadata is kept.
   */
  'library:export-zip': {
    input: z.object({ ids: ItemIds, ...ExportOptions }).strict(),
    output: ExportDelivery,
  },
  /** One item, original or converted, metadata kept (with IPTC DigitalSourceType) or stripped. */
  'library:save-as': { input: z.object({ id: LibraryId, ...ExportOptions }).strict(), output: ExportDelivery },
} as const;
