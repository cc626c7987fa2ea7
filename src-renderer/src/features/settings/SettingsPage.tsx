import { RATE_TIER_COUNT, THEMES, XAI_ONLY, currentModels, findTextModel, textModels, publishedRps, type TextModelSpec, type CapabilityTable, type SettingsView } from '@contract';
import { useStudio } from '../../stores/store';
import { imageModelChoices, imageSpec, modelOptionText, qualityChoices, useCapabilityTable, videoModelChoices, videoSpec } from '../controls/capabilities';
import { useFitDefaultsToModels } from './fit-defaults';
import { AboutPanel } from './AboutPanel';
import { DemoPanel } from './DemoPanel';
import { KeyPanel } from './KeyPanel';
import { LibraryPanel } from './LibraryPanel';
import { SettingField } from './SettingField';

/** Every setting, grouped; each control validates as you type and saves when valid. */
export function SettingsPage() {
  const view = useStudio((s) => s.settingsView);
  return (
    <section className="settings" aria-labelledby="section-title">
      <h1 id="section-title">Settings</h1>
      {view ? <SettingsGrid view={view} /> : <p role="status">Loading settings…</p>}
    </section>
  );
}

/** Options as the forms offer them: the same models, and only the ratios and resolutions the chosen model takes. */
function SettingsGrid({ view }: { view: SettingsView }) {
  const table = useCapabilityTable();
  useFitDefaultsToModels(view.settings, table);
  const image = imageSpec(table, view.settings.imageModel);
  const video = videoSpec(table, view.settings.videoModel);
  const choices = (list: ReturnType<typeof imageModelChoices>) => list.map((c) => ({ value: c.id, label: modelOptionText(c) }));
  return (
      <div className="settings-grid">
        <KeyPanel />
        <KeyPanel provider="stability" />
        <KeyPanel provider="minimax" />
        <DemoPanel />
        <section className="settings-card" aria-labelledby="image-defaults-heading">
          <h2 id="image-defaults-heading">Image defaults</h2>
          <SettingField field="imageModel" label="Image model" kind={{ type: 'select', options: withCurrent(choices(imageModelChoices(table, 'generate', XAI_ONLY)), view.settings.imageModel) }} />
          <SettingField field="imageAspectRatio" label="Aspect ratio" kind={{ type: 'select', options: image?.ratios ?? [view.settings.imageAspectRatio] }} />
          <SettingField field="imageResolution" label="Resolution" kind={{ type: 'select', options: image?.resolutions ?? [view.settings.imageResolution] }} />
          {qualityChoices(image, 'generate').length > 0 && (
            <SettingField field="imageQuality" label="Quality" kind={{ type: 'select', options: qualityChoices(image, 'generate') }} help="Auto is Low for new images and Medium for edits." />
          )}
          <SettingField field="imageCount" label="Images per request" kind={{ type: 'number', min: 1, max: 10 }} help="1–10 (xAI’s limit per request)." />
        </section>
        <section className="settings-card" aria-labelledby="video-defaults-heading">
          <h2 id="video-defaults-heading">Video defaults</h2>
          <SettingField field="videoModel" label="Video model" kind={{ type: 'select', options: withCurrent(choices(videoModelChoices(table)), view.settings.videoModel) }} />
          <SettingField field="videoDurationSec" label="Duration (seconds)" kind={{ type: 'number', min: video?.durations.min ?? 1, max: video?.durations.max ?? 15 }} />
          <SettingField field="videoAspectRatio" label="Video aspect ratio" kind={{ type: 'select', options: video?.ratios ?? [view.settings.videoAspectRatio] }} />
          <SettingField field="videoResolution" label="Video resolution" kind={{ type: 'select', options: video?.resolutions ?? [view.settings.videoResolution] }} />
        </section>
        <section className="settings-card" aria-labelledby="enhance-heading">
          <h2 id="enhance-heading">Prompt enhancer</h2>
          <SettingField
            field="enhanceModel"
            label="Text model"
            kind={{ type: 'select', options: withCurrent(textModels(table).map((m) => ({ value: m.id, label: `${m.name} · $${perMillion(m.inputTokenTicks)}/M` })), view.settings.enhanceModel) }}
            help={enhancerHelp(findTextModel(view.settings.enhanceModel, table))}
          />
        </section>
        <section className="settings-card" aria-labelledby="connection-heading">
          <h2 id="connection-heading">Connection and spending</h2>
          <SettingField field="concurrency" label="Requests at once" kind={{ type: 'number', min: 1, max: 16 }} help="4 keeps clear of most rate limits." />
          <SettingField field="rateTier" label="xAI usage tier" kind={{ type: 'select', numeric: true, options: rateTierChoices(table) }} help="Requests are paced to xAI’s published limit for your tier; raise it when your xAI console shows a higher one." />
          <SettingField field="requestTimeoutSec" label="Request timeout (seconds)" kind={{ type: 'number', min: 10, max: 900 }} />
          <p className="hint" id="api-address">
            Requests go to <code>{view.effective.apiBaseUrl}</code>
            {view.effective.demo ? ' (the built-in simulator).' : view.effective.apiBaseUrlOverridden ? ', the address given when the app was started.' : '.'}{' '}
            A proxy is set when starting the app (<code>--api-base-url</code>), never here: the address decides where your key goes.
          </p>
          <SettingField field="budgetCapUsd" label="Budget cap (USD, optional)" kind={{ type: 'number', min: 0, step: 0.01, optional: true }} help="Leave empty for no cap." />
        </section>
        <section className="settings-card" aria-labelledby="appearance-heading">
          <h2 id="appearance-heading">Appearance</h2>
          <SettingField field="theme" label="Theme" kind={{ type: 'select', options: THEMES.map((t) => ({ value: t, label: t === 'system' ? 'Follow system' : t[0]!.toUpperCase() + t.slice(1) })) }} />
          <SettingField field="notifications" label="Notify me when long work finishes" kind={{ type: 'checkbox' }} />
        </section>
        <LibraryPanel />
        <AboutPanel />
      </div>
  );
}

/** Ticks per token as dollars per million tokens. */
const perMillion = (ticksPerToken: number) => ((ticksPerToken * 1_000_000) / 10_000_000_000).toFixed(2);

/**
 * The chosen text model's whole price under its select: in the options, name and input price are all that fits a
 * card at 1024 px (with both prices and "per M tokens" the option was cut off, or pushed the card wider).
 */
function enhancerHelp(m: TextModelSpec | undefined): string {
  const price = m ? ` ${m.name}: $${perMillion(m.inputTokenTicks)} in / $${perMillion(m.outputTokenTicks)} out per million tokens.` : '';
  return `“Enhance prompt” asks this Grok model to rewrite a prompt; its cost goes in the ledger.${price}`;
}

/** Keeps a model id the user already has (e.g. a new alias) selectable. */
function withCurrent(list: { value: string; label: string }[], current: string) {
  return list.some((o) => o.value === current) ? list : [{ value: current, label: current }, ...list];
}

/** "Tier 0 — images 6/s, video 10/s": each tier with the pace it sets (the table's published figures). */
function rateTierChoices(table: CapabilityTable) {
  const image = currentModels('image', table)[0];
  const video = currentModels('video', table)[0];
  return Array.from({ length: RATE_TIER_COUNT }, (_, tier) => {
    const parts = [image && `images ${publishedRps(image, tier)}/s`, video && `video ${publishedRps(video, tier)}/s`].filter(Boolean);
    return { value: String(tier), label: `Tier ${tier} — ${parts.join(', ')}` };
  });
}
