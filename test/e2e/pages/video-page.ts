import { expect, type Locator, type Page } from '@playwright/test';

/** The Video section as a user sees it: the form, the job list and the player. */
export class VideoPage {
  constructor(readonly page: Page) {}

  async open() {
    await this.page.getByRole('tablist', { name: 'Sections' }).getByRole('tab', { name: 'Video' }).click();
    await expect(this.page.getByRole('heading', { level: 1, name: 'Video' })).toBeVisible();
  }

  form() {
    return this.page.getByRole('form', { name: 'New video' });
  }
  mode(label: string) {
    return this.form().getByRole('radio', { name: label, exact: true });
  }
  prompt() {
    return this.form().getByRole('textbox', { name: /Prompt|Edit instruction|What happens next/ });
  }
  provider() {
    return this.form().getByRole('combobox', { name: 'Provider' });
  }
  model() {
    return this.form().getByRole('combobox', { name: 'Model' });
  }
  duration() {
    return this.form().getByRole('spinbutton', { name: /Duration/ });
  }
  aspect(ratio: string) {
    return this.form().getByRole('radio', { name: ratio, exact: true });
  }
  resolution(res: string) {
    return this.form().getByRole('radio', { name: res, exact: true });
  }
  estimate() {
    return this.form().getByRole('status', { name: 'Estimated cost' });
  }
  submit() {
    return this.form().getByRole('button', { name: 'Generate video' });
  }

  async create(opts: { prompt: string; duration?: number; aspect?: string }) {
    await this.prompt().fill(opts.prompt);
    if (opts.duration) await this.duration().fill(String(opts.duration));
    if (opts.aspect) await this.aspect(opts.aspect).check();
    await expect(this.estimate()).toContainText('$');
    await this.submit().click();
  }

  job(prompt: string): Locator {
    return this.page.getByRole('listitem', { name: `Video job: ${prompt}` });
  }
  progress(prompt: string) {
    return this.job(prompt).getByRole('progressbar');
  }
  state(prompt: string) {
    return this.job(prompt).locator('.video-job-state');
  }

  /** The poster of a job that scrubs under the pointer, and the video it mounts while hovered. */
  scrubber(prompt: string) {
    return this.job(prompt).locator('.video-scrub');
  }
  scrubVideo(prompt: string) {
    return this.scrubber(prompt).locator('video');
  }
  pickedImages() {
    return this.form().getByRole('group', { name: 'Library images' }).getByRole('button', { pressed: true });
  }

  player() {
    return this.page.getByRole('region', { name: 'Video player' });
  }
  video() {
    return this.player().locator('video');
  }
  control(name: string) {
    return this.player().getByRole('button', { name, exact: true });
  }
  speed() {
    return this.player().getByRole('combobox', { name: 'Speed' });
  }
  loop() {
    return this.player().getByRole('checkbox', { name: 'Loop' });
  }
  timeline() {
    return this.player().getByRole('slider', { name: 'Timeline' });
  }
  compare() {
    return this.player().getByRole('group', { name: 'Compare with source' });
  }
  /** currentTime, duration and readiness of the preview element. */
  async media(): Promise<{ currentTime: number; duration: number; readyState: number; paused: boolean; src: string; rate: number; loop: boolean }> {
    return this.video().evaluate((v: HTMLVideoElement) => ({
      currentTime: v.currentTime, duration: v.duration, readyState: v.readyState, paused: v.paused, src: v.currentSrc,
      rate: v.playbackRate, loop: v.loop,
    }));
  }
}
