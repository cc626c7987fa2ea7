import { beforeEach, describe, expect, it } from 'vitest';
import { openDeepLink, startDeepLinks } from '../../../src-renderer/src/features/shell/deep-links';
import { DEFAULT_DRAFT } from '../../../src-renderer/src/stores/jobs-slice';
import { initialLibraryState } from '../../../src-renderer/src/stores/library-slice';
import { useStudio } from '../../../src-renderer/src/stores/store';
import { emitFakeEvent, installFakeApi } from '../fake-api';

const ITEM = 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa';
const COLLECTION = 'cccccccccccccccccccccccccccccccc';

beforeEach(() => {
  useStudio.setState({ section: 'settings', notices: [], draft: { ...DEFAULT_DRAFT, text: 'what I was typing' }, library: { ...initialLibraryState }, viewer: null });
});

describe('imagine-studio:// links in the window', () => {
  it('acts on the links that launched the app and shows why others were refused', async () => {
    installFakeApi({
      'links:pending': () => ({ links: [{ kind: 'remix', prompt: 'a red fox in snow' }], refused: ['A link was not opened: It is not a valid link.'] }),
    });
    await startDeepLinks();
    const s = useStudio.getState();
    expect(s.section).toBe('generate');
    expect(s.draft.text).toBe('a red fox in snow');
    expect(s.notices.map((n) => [n.level, n.message])).toEqual([
      ['warning', 'A link was not opened: It is not a valid link.'],
      ['info', 'A link filled in the prompt. Nothing is sent until you press Generate.'],
    ]);
  });

  it('links arriving later open an item in the viewer, or the Library on a collection', async () => {
    installFakeApi({ 'links:pending': () => ({ links: [], refused: [] }) });
    await startDeepLinks();
    emitFakeEvent('links:open', { kind: 'item', id: ITEM });
    expect(useStudio.getState().section).toBe('library');
    expect(useStudio.getState().viewer).toEqual({ id: ITEM, from: 'list', ids: [ITEM] });

    emitFakeEvent('links:open', { kind: 'collection', id: COLLECTION });
    expect(useStudio.getState().library.view).toEqual({ kind: 'collection', id: COLLECTION });
    expect(useStudio.getState().viewer).toBeNull();
    expect(useStudio.getState().section).toBe('library');
  });

  it('a remix link never submits anything: it only fills the form', () => {
    const calls = installFakeApi({});
    openDeepLink({ kind: 'remix', prompt: 'dusk over the harbour' });
    expect(useStudio.getState().draft.text).toBe('dusk over the harbour');
    expect(calls).toEqual([]);
  });
});
