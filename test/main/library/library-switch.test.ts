import { describe, expect, it } from 'vitest';
import type { LibraryFiles } from '../../../src-main/core/library/ports';
import type { LibraryService } from '../../../src-main/services/library/library-service';
import { createLibrarySwitch, type OpenLibrary } from '../../../src-main/services/library/library-switch';

/** A stand-in library that answers with its folder, and records the delete hooks registered on it. */
function fakeLibrary(dir: string) {
  const hooks: unknown[] = [];
  const service = {
    item: (id: string) => `${dir}:${id}`,
    collections: { list: () => [dir] },
    onDeletingForever: (hook: unknown) => void hooks.push(hook),
  } as unknown as LibraryService;
  const files = { absolute: (rel: string) => `${dir}/${rel}` } as unknown as LibraryFiles;
  const open: OpenLibrary = { dir, service, files, close: async () => {} };
  return { open, hooks };
}

describe('library switch', () => {
  it('every call goes to the library open at that moment, also through a method kept in a variable', async () => {
    const a = fakeLibrary('/a');
    const b = fakeLibrary('/b');
    const libraries = createLibrarySwitch(a.open, { open: async () => b.open, logger: { info() {}, warn() {}, error() {} } });
    const item = libraries.service.item;
    expect(item('1')).toBe('/a:1');
    expect(libraries.files.absolute('x')).toBe('/a/x');
    await libraries.switchTo('/b');
    expect(libraries.current()).toBe(b.open);
    expect(item('1')).toBe('/b:1');
    expect(libraries.service.collections.list()).toEqual(['/b']);
    expect(libraries.files.absolute('x')).toBe('/b/x');
  });

  it('a delete hook registered before a switch is registered on the new library too', async () => {
    const a = fakeLibrary('/a');
    const b = fakeLibrary('/b');
    const libraries = createLibrarySwitch(a.open, { open: async () => b.open, logger: { info() {}, warn() {}, error() {} } });
    const hook = async () => {};
    libraries.service.onDeletingForever(hook);
    await libraries.switchTo('/b');
    expect(a.hooks).toEqual([hook]);
    expect(b.hooks).toEqual([hook]);
  });
});
