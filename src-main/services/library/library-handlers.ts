import type { Handlers } from '../../ipc/handlers';
import type { LibraryService } from './library-service';

/** The library channels this module answers; the composition root spreads them into the full `Handlers` map. */
export type LibraryChannel =
  | 'library:query'
  | 'library:facets'
  | 'library:records'
  | 'library:position'
  | 'library:item'
  | 'library:favorite'
  | 'library:rate'
  | 'library:tag'
  | 'library:tags'
  | 'library:trash'
  | 'library:restore'
  | 'library:empty-trash'
  | 'library:collections'
  | 'library:collection-create'
  | 'library:collection-rename'
  | 'library:collection-delete'
  | 'library:collection-add'
  | 'library:collection-remove'
  | 'library:smart-collections'
  | 'library:smart-create'
  | 'library:smart-update'
  | 'library:smart-delete'
  | 'library:duplicates'
  | 'library:rebuild'
  | 'library:import-begin'
  | 'library:import-cancel'
  | 'library:maintenance';

/**
 * Maps parsed contract inputs onto the library service. Import and export by path go through the export module
 * (services/export), which turns main-issued path tokens back into paths first.
 */
export function createLibraryHandlers(service: LibraryService): Pick<Handlers, LibraryChannel> {
  return {
    'library:query': ({ lane, ...input }) => (lane === undefined ? service.query(input) : service.queryLatest({ ...input, lane })),
    'library:facets': ({ trashed }) => service.facets(trashed),
    'library:records': ({ ids, text }) => ({ records: service.records(ids, text) }),
    'library:position': (input) => service.position(input),
    'library:item': ({ id }) => service.item(id),
    'library:favorite': ({ ids, favorite }) => ({ count: service.setFavorite(ids, favorite) }),
    'library:rate': ({ ids, rating }) => ({ count: service.setRating(ids, rating) }),
    'library:tag': ({ ids, add, remove }) => ({ count: service.changeTags(ids, add, remove) }),
    'library:tags': (input) => ({ tags: service.tags(input) }),
    'library:trash': ({ ids }) => ({ count: service.trash(ids) }),
    'library:restore': ({ ids }) => ({ count: service.restore(ids) }),
    'library:empty-trash': async ({ ids }) => ({ count: await service.emptyTrash(ids) }),
    'library:collections': () => ({ collections: service.collections.list() }),
    'library:collection-create': ({ name }) => service.collections.create(name),
    'library:collection-rename': ({ id, name }) => service.collections.rename(id, name),
    'library:collection-delete': ({ id }) => ({ count: service.collections.remove(id) }),
    'library:collection-add': ({ id, ids }) => ({ count: service.collections.add(id, ids) }),
    'library:collection-remove': ({ id, ids }) => ({ count: service.collections.removeItems(id, ids) }),
    'library:smart-collections': () => ({ collections: service.smart.list() }),
    'library:smart-create': ({ name, query }) => service.smart.create(name, query),
    'library:smart-update': ({ id, name, query }) => service.smart.update(id, { name, query }),
    'library:smart-delete': ({ id }) => ({ count: service.smart.remove(id) }),
    'library:duplicates': () => service.duplicates(),
    'library:rebuild': () => service.rebuild(),
    'library:import-begin': ({ total }) => service.beginImport(total),
    'library:import-cancel': ({ job }) => (service.cancelImport(job), {}),
    'library:maintenance': () => ({ status: service.maintenanceStatus() }),
  };
}
