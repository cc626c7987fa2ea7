import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { ShellKind } from '@contract';
import type { Clock, EventSink, Logger } from './core/ports';
import type { Handlers } from './ipc/handlers';
import { createLibraryAdapters } from './adapters/library';
import { createAppService } from './services/app/app-service';
import { createLibraryHandlers } from './services/library/library-handlers';
import { createLibraryService } from './services/library/library-service';
import { createLibrarySwitch, type OpenLibrary } from './services/library/library-switch';
import { guardLibrarySwitch } from './services/library/library-switch-guard';
import { createLibraryFolderHandler } from './services/library/library-folder-handler';
import { judgeLibraryFolder } from './adapters/library/library-folder';
import { parseApiBaseUrl } from './core/xai';
import { makeProcessPrivate, privateFolderNow, repairPrivateModesOnce } from './adapters/private-files';
import { InMemorySecretStore, type SecretStore } from './core/secrets/secret-store';
import type { SettingsStore } from './core/settings/settings-store';
import { createFileSettingsStore } from './adapters/settings';
import { createXaiImagineClient } from './adapters/xai';
import type { ApiConnection } from './services/demo/api-connection';
import { createImagineKeyValidator, createMinimaxKeyValidator, createStabilityKeyValidator } from './services/key/key-validator';
import { createStabilityClient } from './adapters/stability';
import { createMinimaxClient } from './adapters/minimax';
import { startDemoSimulators } from './services/demo/demo-simulators';
import { createDemoSamples } from './services/demo/demo-samples';
import { DEMO_API_KEY } from './services/demo/demo-service';
import { createSettingsModule } from './services/settings/settings-module';
import { SqliteJobStore } from './adapters/jobs/sqlite-job-store';
import { FsResultStaging } from './adapters/jobs/fs-result-staging';
import { createConnectedImagineClient } from './adapters/jobs/connected-imagine-client';
import { createSpendLedger } from './services/ledger/spend';
import { createPaidWork } from './services/paid-work/paid-work';
import { createModelPacing } from './services/paid-work/model-pacing';
import { createGenerationService } from './services/generation/generation-service';
import { createGenerationHandlers } from './services/generation/generation-handlers';
import { createPresetsHandlers } from './services/presets/presets-handlers';
import { createPresetService } from './services/presets/presets';
import { createCapabilityService } from './services/models/capability-service';
import { migrateRetiredModels } from './services/models/retirements';
import { createModelsHandlers } from './services/models/models-handlers';
import { createEditModule } from './services/edit/edit-module';
import { createImageOpsModule } from './services/provider-ops/image-ops-module';
import { createImageOpJournal } from './adapters/provider-ops';
import { createProviderClients } from './services/providers/provider-clients';
import { createFfmpegFrameExtractor, createVideoApi, createVideoJobStore } from './adapters/video';
import { videoLibraryFrom } from './services/video/library-port';
import { createVideoHandlers } from './services/video/video-handlers';
import { createVideoService } from './services/video/video-service';
import { videoRecovery } from './services/video/video-recovery';
import type { MinimaxApi } from './core/minimax/types';
import type { DesktopIntegration } from './core/desktop/ports';
import { createExportModule } from './services/export/export-module';
import type { Downloads } from './services/export/downloads';
import { NodeExportFiles } from './adapters/export/node-export-files';
import { sharpToPng } from './adapters/export/sharp-to-png';
import { SharpFfmpegMediaProcessor } from './adapters/library';
import { createXaiFilesClient } from './adapters/xai/xai-files-client';
import { createXaiChatClient } from './adapters/xai/xai-chat-client';
import type { ChatApi } from './core/enhance/ports';
import { createPromptsModule } from './services/prompts/prompts-module';
import { createShareService } from './services/share/share-service';
import { createShareHandlers } from './services/share/share-handlers';
import type { FilesApi } from './core/share/ports';
import { AppErrorException, fail } from './core/app-error';
import { createDeepLinkRouter, type DeepLinkRouter } from './services/links/deep-link-router';
import { BROWSER_HOST_UPDATES, type Updater } from './core/updates/updater';
import { createUpdatesHandlers } from './services/updates/updates-handlers';

/** What a shell hands to the core: where data lives and the platform-specific ports. */
export interface CoreOptions {
  shell: ShellKind;
  dataDir: string;
  version: string;
  versions: Record<string, string>;
  events: EventSink;
  clock: Clock;
  logger: Logger;
  /**
   * xAI API base URL override (proxies, the simulator): only from the command line / environment, and in Electron
   * only once the user confirmed it in a native dialog. Refused at start unless https (or http to loopback) with
   * no query, fragment or user-info.
   */
  apiBaseUrl?: string | undefined;
  /** The browser host's `--library-dir`: empty, missing or already a library, else the start fails with the reason. */
  libraryDir?: string | undefined;
  /** The API key vault: keytar (+ safeStorage fallback in Electron). Shells always pass one; tests may omit it (in-memory). */
  secrets?: SecretStore;
  /** `XAI_API_KEY`, honoured read-only when set. */
  envApiKey?: string;
  /** `STABILITY_API_KEY` / `MINIMAX_API_KEY`, honoured read-only when set. */
  envProviderKeys?: { stability?: string | undefined; minimax?: string | undefined };
  /** Stability / MiniMax origins instead of their public hosts (the simulators in tests). */
  providerBaseUrls?: { stability?: string | undefined; minimax?: string | undefined };
  /** Default: conf in `<dataDir>/settings.json`; Electron passes electron-store. */
  settingsStore?: SettingsStore;
  /** Native dialogs, reveal, OS drag and clipboard: Electron's; the browser host passes null (none of these). */
  desktop?: DesktopIntegration | null;
  /** The desktop app's updater (electron-updater); the browser host has none (updates come with the desktop app). */
  updater?: Updater | null;
}

export interface AppCore {
  handlers: Handlers;
  /** The library folder in effect right now (it changes with demo mode or the library setting). */
  readonly libraryDir: string;
  /** Base URL, key and library folder in effect (demo-aware), for the HTTP client and the library. */
  connection: ApiConnection;
  /** Finished exports waiting for the browser host's `/download/<token>` route. */
  downloads: Downloads;
  /** `imagine-studio://` links from the OS (the Electron shell feeds them in). */
  links: DeepLinkRouter;
  /**
   * A window is loading the page or thumbnails (the shell's HTTP routes): the library's background walks give way
   * for a moment, as they do to grid pages (see the library service's `browsingPause`).
   */
  noteBrowsing(): void;
  dispose(): Promise<void>;
}

/**
 * The composition root shared by both shells: builds every service from its ports and binds each contract
 * channel to a handler. The shells only add transport (ipcMain or WebSocket) and platform adapters.
 */
export async function createAppCore(options: CoreOptions): Promise<AppCore> {
  const { dataDir, clock } = options;
  // Private by default: nothing this process creates is readable by others, and older loose files are tightened.
  makeProcessPrivate();
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  privateFolderNow(dataDir);
  const apiBase = options.apiBaseUrl === undefined ? undefined : parseApiBaseUrl(options.apiBaseUrl);
  if (apiBase && !apiBase.ok) throw new Error(`API base URL ${options.apiBaseUrl} refused: ${apiBase.reason}`);
  // The other providers' keys follow the same rule: their start-up addresses are checked like xAI's.
  for (const [provider, url] of Object.entries(options.providerBaseUrls ?? {})) {
    const parsed = url ? parseApiBaseUrl(url) : null;
    if (parsed && !parsed.ok) throw new Error(`${provider} base URL ${url} refused: ${parsed.reason}`);
  }
  const folderOverride = options.libraryDir === undefined ? undefined : judgeLibraryFolder(options.libraryDir, { mayCreate: true });
  if (folderOverride && !folderOverride.ok) throw new Error(`Library folder refused: ${folderOverride.reason}`);
  const vault = await createSettingsModule({
    dataDir,
    secrets: options.secrets ?? new InMemorySecretStore(),
    settingsStore: options.settingsStore ?? createFileSettingsStore({ dir: dataDir, projectVersion: options.version, logger: options.logger }),
    validator: createImagineKeyValidator((baseUrl, getApiKey) =>
      createXaiImagineClient({ baseUrl, getApiKey, clock, retry: { maxAttempts: 1 }, logger: options.logger })),
    providerValidators: {
      stability: createStabilityKeyValidator((baseUrl, getApiKey) =>
        createStabilityClient({ baseUrl, getApiKey, clock, maxAttempts: 1, logger: options.logger, appVersion: options.version })),
      minimax: createMinimaxKeyValidator((baseUrl, getApiKey) => createMinimaxClient({ baseUrl, getApiKey, clock, maxAttempts: 1, logger: options.logger })),
    },
    startDemoServer: startDemoSimulators,
    events: options.events,
    logger: options.logger,
    envApiKey: options.envApiKey,
    envProviderKeys: options.envProviderKeys,
    providerBaseUrls: options.providerBaseUrls,
    apiBaseUrlOverride: apiBase?.ok ? apiBase.url : undefined,
    libraryDirOverride: folderOverride?.ok ? folderOverride.dir : undefined,
  });

  /**
   * A library folder chosen in Settings may be gone at start (an unplugged drive, a hand-edited file): open the
   * default library instead, and say which folder failed, rather than refusing to start.
   */
  const openStartupLibrary = async (): Promise<OpenLibrary> => {
    const wanted = vault.connection.libraryDir();
    const fallback = path.join(dataDir, 'library');
    try {
      // A saved folder is judged again: it may predate these checks, or have filled with other files since.
      const { settings, effective } = vault.settings.get();
      if (!effective.demo && !effective.libraryDirOverridden && settings.libraryDir !== null) {
        const verdict = judgeLibraryFolder(wanted, { mayCreate: false });
        if (!verdict.ok) throw new Error(verdict.reason);
      }
      return await openLibrary(wanted);
    } catch (err) {
      if (wanted === fallback || vault.settings.get().effective.libraryDirOverridden) throw err;
      options.logger.error('library: configured folder failed to open', { dir: wanted, error: String(err) });
      await vault.settings.update({ libraryDir: null });
      vault.settings.addNotice(
        `The library folder ${wanted} could not be opened, so Imagine Studio opened ${vault.connection.libraryDir()} instead. Nothing was deleted: set the folder again in Settings once it is available.`,
      );
      return openLibrary(vault.connection.libraryDir());
    }
  };

  // Settings first: they decide which library folder is in effect (demo mode has its own).
  const openLibrary = async (dir: string): Promise<OpenLibrary> => {
    mkdirSync(dir, { recursive: true });
    const adapters = createLibraryAdapters(dir);
    const service = createLibraryService({ ...adapters, clock, events: options.events, logger: options.logger });
    // Files deleted or added behind the app's back are found in the background, a shard at a time, while the app
    // is already in use (it leaves the files of ingests in progress alone); the Library says while it runs.
    void service.reconcile().catch((err: unknown) => {
      options.logger.error('library: reconcile failed', { dir, error: String(err) });
    });
    service.startBackground();
    return {
      dir,
      service,
      files: adapters.files,
      async close() {
        await service.stopBackground();
        await service.close();
        adapters.store.close();
      },
    };
  };
  const libraries = createLibrarySwitch(await openStartupLibrary(), { open: openLibrary, logger: options.logger });
  // In the background, once per root: a large library takes a while to walk, and new files are private already (umask).
  void repairPrivateModesOnce(dataDir, [...new Set([dataDir, libraries.dir()])]).then(
    (walked) => {
      for (const { root, fixed } of walked) if (fixed > 0) options.logger.info('files: made private', { root, fixed });
    },
    (err: unknown) => options.logger.warn('files: could not make private', { error: String(err) }),
  );
  const library = libraries.service;

  const app = createAppService({
    shell: options.shell,
    version: options.version,
    versions: options.versions,
    dataDir,
    libraryDir: libraries.dir,
    platform: process.platform,
    clock,
  });

  // The queue has its own DB beside the library (see SqliteJobStore for why), so it survives library switches.
  const jobStore = new SqliteJobStore(path.join(dataDir, 'jobs.db'));
  const imagine = createConnectedImagineClient({
    baseUrl: () => vault.connection.baseUrl(), getApiKey: () => vault.connection.getApiKey(), clock, logger: options.logger,
  });
  // The capability table in effect: built in, with what xAI's listings publish merged in once they answer.
  const capabilities = createCapabilityService({ api: () => imagine, clock, events: options.events, logger: options.logger });
  void capabilities.refresh(true);
  // Demo mode spends nothing: its costs are simulated, kept out of the real totals and the budget.
  const demo = () => vault.connection.isDemo();
  // One ledger and budget for all paid work (image batches, edits, videos).
  const spend = createSpendLedger({ store: jobStore, clock, events: options.events, budgetCapUsd: () => vault.settings.current().budgetCapUsd, demo });
  // One paid-work pipeline: pacing per model, the call, staging (paid images land in `<dataDir>/staging` first, so a
  // crash between the answer and the library loses nothing), the spend, filing, recovery at start.
  const pacing = createModelPacing({ table: () => capabilities.current(), tier: () => vault.settings.current().rateTier });
  const work = createPaidWork({
    staging: new FsResultStaging(path.join(dataDir, 'staging')), library, spend, clock, logger: options.logger, demo, pacing,
    download: (url, o) => imagine.download(url, o),
  });
  // Stability AI's and MiniMax's clients at the origin in effect, shared by text→image and the image operations.
  const providerClients = createProviderClients({ connection: vault.connection, clock, logger: options.logger, version: options.version });
  // The video journal opens before the queue starts: a video downloaded but not yet filed when the last process died
  // is filed by the start-up recovery below, which completes its journal row.
  const videoJobs = createVideoJobStore(dataDir);
  const generation = createGenerationService({
    api: imagine,
    providers: providerClients,
    // Any provider's missing key (xAI's too: the page opens for another provider's key) is refused at submit, before
    // anything queues. A keychain that cannot be read counts as no key.
    // MiniMax's subject reference: the library image, read in main when the request goes out.
    subjectImage: async (itemId) => {
      const { record } = library.item(itemId);
      return `data:${record.mime};base64,${Buffer.from(await libraries.files.read(record.file)).toString('base64')}`;
    },
    keyReady: async (p) => ((p === 'xai' ? await vault.connection.getApiKey().catch(() => null) : await vault.connection.getProviderKey(p)) ?? null) !== null,
    store: jobStore,
    library,
    work,
    spend,
    clock,
    events: options.events,
    logger: options.logger,
    settings: () => vault.settings.current(),
    demo,
    capabilities,
    recovery: { video: videoRecovery({ store: videoJobs, clock, records: (ids) => library.records(ids) }) },
  });
  // Settings, presets and unsent work naming a retired model move to its successor before anything is sent (issue 15.2).
  const retired = await migrateRetiredModels({ table: capabilities.current, jobs: jobStore, presets: jobStore, settings: vault.settings, logger: options.logger });
  for (const notice of retired) vault.settings.addNotice(notice);
  // Staged images of the last run are filed before the queue moves (and before the shell says it is ready).
  await generation.start();
  // Edits share the queue's client but run directly (the queue takes prompt-only jobs so far); they pay through the
  // same ledger and budget, and stage their paid results in the same place (recovered by `generation.start`).
  const edit = createEditModule({
    dataDir, api: imagine, library, files: libraries.files, clock, logger: options.logger, spend, work,
    // The user's request timeout applies to edits as it does to image batches.
    timeoutMs: () => vault.settings.current().requestTimeoutSec * 1000,
    capabilities,
  });
  // Other providers' image operations (Stability's inpaint, erase, outpaint, remove background, upscale): edits of one
  // library image through the same pipeline, staging and recovery (issue 18 §4).
  // Stability's creative upscale is polled for minutes: its generation id is journaled (`image-op-jobs.db`) the moment
  // it arrives, and a creative upscale a quit or crash left collecting resumes here (after the staged recovery above).
  const imageOps = createImageOpsModule({
    clients: providerClients, library, files: libraries.files, work, spend, clock, logger: options.logger, capabilities,
    journal: createImageOpJournal(dataDir), events: options.events,
    // A test-only knob (e2e and crash trials with the simulator); Stability asks for at most one poll per 10 s.
    ...(process.env.IMAGINE_STABILITY_POLL_MS ? { pollMs: Number(process.env.IMAGINE_STABILITY_POLL_MS) } : {}),
  });
  imageOps.resume();

  // Video jobs keep their own journal and resume at once: a job xAI is still rendering must not wait for a window;
  // the downloaded video goes through the same pipeline (staged, filed, dropped).
  // MiniMax's Hailuo video: its key is main's keychain account for MiniMax (the demo simulator's in demo mode), one
  // client per base URL so demo mode and a key change apply to the next call.
  const minimaxClients = new Map<string, MinimaxApi>();
  const minimax = (): MinimaxApi => {
    const baseUrl = vault.connection.providerBaseUrl('minimax');
    const client = minimaxClients.get(baseUrl) ?? createMinimaxClient({ baseUrl, getApiKey: () => vault.connection.getProviderKey('minimax'), clock, logger: options.logger });
    minimaxClients.set(baseUrl, client);
    return client;
  };
  const video = createVideoService({
    api: createVideoApi({ baseUrl: () => vault.connection.baseUrl(), getApiKey: () => vault.connection.getApiKey(), clock, logger: options.logger }),
    minimax,
    store: videoJobs,
    library: videoLibraryFrom(library, libraries.files),
    extractFrame: createFfmpegFrameExtractor(),
    clock,
    events: options.events,
    logger: options.logger,
    spend,
    work,
    capabilities,
    // A test-only knob (e2e with the simulator); the 5 s default follows the SDKs.
    ...(process.env.IMAGINE_VIDEO_POLL_MS ? { timing: { intervalMs: Number(process.env.IMAGINE_VIDEO_POLL_MS) } } : {}),
  });
  video.resume();

  // Getting media out: main-issued path tokens for dialogs, zips, "Save as…", downloads, drag and clipboard.
  const exporting = createExportModule({
    dataDir,
    desktop: options.desktop ?? null,
    library,
    files: libraries.files,
    media: new SharpFfmpegMediaProcessor(),
    out: new NodeExportFiles(),
    toPng: sharpToPng,
    clock,
    logger: options.logger,
  });

  // Share links: xAI's Files API at the base URL in effect (the simulator in demo mode), one client per URL.
  const filesClients = new Map<string, FilesApi>();
  const filesApi = (): FilesApi => {
    const url = vault.connection.baseUrl();
    let client = filesClients.get(url);
    if (!client) {
      client = createXaiFilesClient({ baseUrl: url, getApiKey: () => vault.connection.getApiKey(), clock, logger: options.logger });
      filesClients.set(url, client);
    }
    return client;
  };
  const share = createShareService({
    library,
    files: {
      upload: (f, o) => filesApi().upload(f, o),
      createPublicUrl: (id, s, o) => filesApi().createPublicUrl(id, s, o),
      revokePublicUrl: (id, o) => filesApi().revokePublicUrl(id, o),
      deleteFile: (id, o) => filesApi().deleteFile(id, o),
    },
    clock,
    events: options.events,
    logger: options.logger,
    simulated: () => vault.connection.isDemo(),
  });
  // The prompt enhancer's chat calls: xAI's chat completions at the base URL in effect (the simulator in demo mode).
  const chatClients = new Map<string, ChatApi>();
  const chat: ChatApi = {
    complete: (request, o) => {
      const url = vault.connection.baseUrl();
      let client = chatClients.get(url);
      if (!client) {
        client = createXaiChatClient({ baseUrl: url, getApiKey: () => vault.connection.getApiKey(), clock, logger: options.logger });
        chatClients.set(url, client);
      }
      return client.complete(request, o);
    },
  };
  const prompts = createPromptsModule({
    dataDir, chat, spend, work, settings: () => vault.settings.current(), capabilities, clock, logger: options.logger,
  });

  const links = createDeepLinkRouter({
    events: options.events,
    logger: options.logger,
    exists: {
      item: (id) => {
        try {
          library.item(id);
          return true;
        } catch (err) {
          if (err instanceof AppErrorException && err.appError.kind === 'not-found') return false;
          throw err;
        }
      },
      collection: (id) => library.collections.list().some((c) => c.id === id),
    },
  });

  // Demo mode's sample library, made by the simulator on the first entry (issue 14.11): only ever against the demo
  // simulator with the demo key, and only into the demo library while it is the one in effect.
  const samples = createDemoSamples({
    simulatorUrl: () => (vault.connection.isDemo() ? vault.demoUrl() : null),
    library: () => (vault.connection.isDemo() && libraries.dir() === vault.connection.libraryDir() ? {
      ingest: (input) => library.ingest(input),
      record: (id) => library.records([id])[0],
      read: (rel) => libraries.files.read(rel),
      count: () => [false, true].reduce((n, trashed) => n + library.query({ filter: { trashed }, sort: 'newest', limit: 1 }).total, 0),
    } : null),
    client: (baseUrl) => createXaiImagineClient({ baseUrl, getApiKey: () => Promise.resolve(DEMO_API_KEY), clock, logger: options.logger }),
    progressFile: path.join(dataDir, 'demo-samples.json'),
    clock,
    logger: options.logger,
  });
  if (vault.connection.isDemo()) void samples.ensure();

  // Demo and real results never mix: the folder switches with the setting, and not while work is in flight.
  const switchGuard = guardLibrarySwitch({
    update: (patch) => vault.settings.update(patch),
    current: () => vault.settings.get(),
    busy: () => generation.busyCount() + video.busyCount() + imageOps.busyCount(),
    switchTo: async (dir) => {
      await libraries.switchTo(dir);
      options.events.emit('library:changed', { reason: 'switched' });
      if (vault.connection.isDemo()) void samples.ensure();
    },
    beforeSwitch: () => samples.stop(),
  });
  const handlers: Handlers = {
    'app:info': () => app.info(),
    'links:pending': () => links.takePending(),
    'app:ping': ({ message }) => app.ping(message),
    ...createLibraryHandlers(library),
    ...vault.handlers,
    // The page's schema has no `libraryDir`; refused here too, for any caller that skips the dispatcher's check.
    'settings:update': (patch) =>
      'libraryDir' in patch
        ? fail({ kind: 'validation', message: 'The library folder is chosen with “Choose folder…” (or --library-dir).', issues: [{ path: 'libraryDir', message: 'Not settable here.' }] })
        : switchGuard(patch),
    'settings:library-folder': createLibraryFolderHandler({
      grants: exporting.grants,
      judge: (dir) => judgeLibraryFolder(dir, { mayCreate: false }),
      update: switchGuard,
      current: () => vault.settings.get(),
    }),
    ...createGenerationHandlers(generation),
    ...createPresetsHandlers({ presets: createPresetService({ store: jobStore, clock, newId: () => crypto.randomUUID().replaceAll('-', '') }), history: generation.history }),
    ...createModelsHandlers(capabilities),
    ...edit.handlers,
    ...imageOps.handlers,
    ...createVideoHandlers(video),
    ...exporting.handlers,
    ...createShareHandlers(share),
    ...prompts.handlers,
    ...createUpdatesHandlers(options.updater ?? null, BROWSER_HOST_UPDATES),
  };

  return {
    handlers,
    noteBrowsing: () => library.noteBrowsing(),
    get libraryDir() {
      return libraries.dir();
    },
    connection: vault.connection,
    downloads: exporting.downloads,
    links,
    async dispose() {
      await samples.stop();
      exporting.dispose();
      await video.dispose();
      await imageOps.dispose();
      await generation.dispose();
      jobStore.close();
      prompts.close();
      await vault.dispose();
      await libraries.close();
    },
  };
}
