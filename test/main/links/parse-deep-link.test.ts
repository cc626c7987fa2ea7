import { describe, expect, it } from 'vitest';
import { MAX_PROMPT_LENGTH } from '@contract';
import { findDeepLinkArg, parseDeepLink } from '../../../src-main/core/links/parse-deep-link';

const ID = '0123456789abcdef0123456789abcdef';

function refusal(raw: string): string {
  const r = parseDeepLink(raw);
  if (r.ok) throw new Error(`expected ${raw} to be refused, got ${JSON.stringify(r.link)}`);
  return r.reason;
}

describe('imagine-studio:// links', () => {
  it('opens an item, a collection, or a remix with a prompt', () => {
    expect(parseDeepLink(`imagine-studio://item/${ID}`)).toEqual({ ok: true, link: { kind: 'item', id: ID } });
    expect(parseDeepLink(`imagine-studio://collection/${ID}/`)).toEqual({ ok: true, link: { kind: 'collection', id: ID } });
    expect(parseDeepLink('imagine-studio://remix?prompt=a%20red%20fox%20in%20snow%2C%20dusk')).toEqual({
      ok: true, link: { kind: 'remix', prompt: 'a red fox in snow, dusk' },
    });
    // Unicode and + as space (form encoding), as browsers and OS shells produce them.
    expect(parseDeepLink('imagine-studio://remix/?prompt=caf%C3%A9+at+night')).toEqual({ ok: true, link: { kind: 'remix', prompt: 'café at night' } });
  });

  it('takes ids in either case (some OS handlers upper-case URLs) and stores them lower-case', () => {
    expect(parseDeepLink(`IMAGINE-STUDIO://ITEM/${ID.toUpperCase()}`)).toEqual({ ok: true, link: { kind: 'item', id: ID } });
  });

  it('refuses other schemes and malformed URLs, saying so', () => {
    expect(refusal('https://example.com/item/x')).toBe('It is not an imagine-studio:// link.');
    expect(refusal('imagine-studio://item/%ZZ')).toMatch(/not a library id/);
    expect(refusal('not a url')).toBe('It is not a valid link.');
    expect(refusal(`imagine-studio://item/${ID}`.padEnd(MAX_PROMPT_LENGTH * 12 + 201, 'x'))).toBe('The link is too long.');
  });

  it('refuses unknown actions and names the one it got', () => {
    expect(refusal(`imagine-studio://delete/${ID}`)).toBe('Imagine Studio links open an item, a collection or a remix; “delete” is none of these.');
    expect(refusal('imagine-studio:item')).toMatch(/“\(nothing\)” is none of these/);
  });

  it('refuses ids that are not library ids, and extra path segments or parameters', () => {
    expect(refusal('imagine-studio://item/../../etc/passwd')).toMatch(/exactly one id/);
    expect(refusal('imagine-studio://item/123')).toBe('That is not a library id (32 hexadecimal characters).');
    expect(refusal(`imagine-studio://item/${ID}/${ID}`)).toMatch(/exactly one id/);
    expect(refusal('imagine-studio://collection/')).toMatch(/exactly one id/);
    expect(refusal(`imagine-studio://item/${ID}?delete=1`)).toBe('An item link takes no ?parameters.');
  });

  it('refuses a remix without a prompt, with an empty or oversized one, or with other parameters', () => {
    expect(refusal('imagine-studio://remix')).toBe('A remix link needs a prompt (…/remix?prompt=…).');
    expect(refusal('imagine-studio://remix?prompt=%20%20')).toBe('A remix link needs a prompt (…/remix?prompt=…).');
    expect(refusal(`imagine-studio://remix?prompt=${'a'.repeat(MAX_PROMPT_LENGTH + 1)}`)).toBe(
      `The prompt is longer than ${MAX_PROMPT_LENGTH.toLocaleString('en-US')} characters.`,
    );
    expect(parseDeepLink(`imagine-studio://remix?prompt=${'a'.repeat(MAX_PROMPT_LENGTH)}`).ok).toBe(true);
    expect(refusal('imagine-studio://remix?prompt=a&model=x&n=10')).toBe('A remix link takes only a prompt; it had “model”, “n”.');
    expect(refusal('imagine-studio://remix?prompt=a&prompt=b')).toBe('A remix link takes one prompt, not several.');
    expect(refusal(`imagine-studio://remix/${ID}?prompt=a`)).toMatch(/has no path/);
  });

  it('refuses credentials, ports and fragments', () => {
    expect(refusal(`imagine-studio://user:pw@item/${ID}`)).toMatch(/never have/);
    expect(refusal(`imagine-studio://item:8080/${ID}`)).toMatch(/never have/);
    expect(refusal(`imagine-studio://item/${ID}#x`)).toMatch(/never have/);
  });

  it('finds the link among command-line arguments (Windows and Linux pass it there)', () => {
    expect(findDeepLinkArg(['/opt/Imagine Studio/imagine-studio', '--no-sandbox', `imagine-studio://item/${ID}`])).toBe(`imagine-studio://item/${ID}`);
    expect(findDeepLinkArg(['electron', '.', '--flag'])).toBeNull();
  });
});
