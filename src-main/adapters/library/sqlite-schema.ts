import type { DatabaseSync } from 'node:sqlite';
import { openMigratedDatabase } from '../sqlite/sqlite-database';

/**
 * Versioned migrations, applied in order inside one transaction each; `PRAGMA user_version` records the last one
 * applied. Append new steps; never edit a shipped one.
 */
export const MIGRATIONS: readonly string[] = [
  `
  CREATE TABLE items (
    seq INTEGER PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    kind TEXT NOT NULL CHECK (kind IN ('image', 'video')),
    created_at INTEGER NOT NULL,
    prompt TEXT NOT NULL DEFAULT '',
    edit_instruction TEXT,
    model TEXT,
    params TEXT NOT NULL DEFAULT '{}',
    width INTEGER, height INTEGER, aspect_ratio TEXT, duration_ms INTEGER,
    bytes INTEGER NOT NULL, mime TEXT NOT NULL,
    cost_ticks INTEGER, request_id TEXT, moderation TEXT, source_job_id TEXT,
    origin TEXT NOT NULL,
    favorite INTEGER NOT NULL DEFAULT 0,
    trashed_at INTEGER,
    missing INTEGER NOT NULL DEFAULT 0,
    has_lineage INTEGER NOT NULL DEFAULT 0,
    file TEXT NOT NULL, thumb TEXT, preview TEXT
  );
  CREATE INDEX items_created ON items (created_at, id);
  CREATE INDEX items_bytes ON items (bytes, id);
  CREATE INDEX items_model ON items (model, created_at);
  CREATE INDEX items_trashed ON items (trashed_at) WHERE trashed_at IS NOT NULL;
  CREATE TABLE lineage (
    child_id TEXT NOT NULL,
    parent_id TEXT NOT NULL,
    kind TEXT NOT NULL,
    PRIMARY KEY (child_id, parent_id, kind)
  ) WITHOUT ROWID;
  CREATE INDEX lineage_parent ON lineage (parent_id);
  CREATE TABLE collections (id TEXT PRIMARY KEY, name TEXT NOT NULL, created_at INTEGER NOT NULL) WITHOUT ROWID;
  CREATE TABLE collection_items (
    collection_id TEXT NOT NULL REFERENCES collections (id) ON DELETE CASCADE,
    item_id TEXT NOT NULL REFERENCES items (id) ON DELETE CASCADE,
    PRIMARY KEY (collection_id, item_id)
  ) WITHOUT ROWID;
  CREATE INDEX collection_items_item ON collection_items (item_id);
  -- External-content FTS over prompts and edit instructions, kept in step by triggers. prefix='2 3' makes short
  -- prefix queries (what people type first) index lookups instead of term scans.
  CREATE VIRTUAL TABLE items_fts USING fts5 (
    prompt, edit_instruction,
    content='items', content_rowid='seq',
    tokenize='unicode61 remove_diacritics 2', prefix='2 3'
  );
  CREATE TRIGGER items_fts_ai AFTER INSERT ON items BEGIN
    INSERT INTO items_fts (rowid, prompt, edit_instruction) VALUES (new.seq, new.prompt, new.edit_instruction);
  END;
  CREATE TRIGGER items_fts_ad AFTER DELETE ON items BEGIN
    INSERT INTO items_fts (items_fts, rowid, prompt, edit_instruction)
      VALUES ('delete', old.seq, old.prompt, old.edit_instruction);
  END;
  CREATE TRIGGER items_fts_au AFTER UPDATE OF prompt, edit_instruction ON items BEGIN
    INSERT INTO items_fts (items_fts, rowid, prompt, edit_instruction)
      VALUES ('delete', old.seq, old.prompt, old.edit_instruction);
    INSERT INTO items_fts (rowid, prompt, edit_instruction) VALUES (new.seq, new.prompt, new.edit_instruction);
  END;
  `,
  // v2: `seq` (the rowid, shared with the FTS index) becomes the sort key: created_at * 1024 + the item's rank by
  // id among items of the same millisecond. Newest/oldest are then rowid scans, and a search can walk the FTS
  // doclist in rowid order and stop at the page size instead of collecting and sorting every hit. Indexes end in
  // the rowid, so `(kind, trashed_at)` etc. hand rows over already in grid order. Rebuilt the documented way
  // (new table, copy, drop, rename) with foreign keys off, so memberships survive.
  `
  CREATE TABLE items_v2 (
    seq INTEGER PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    kind TEXT NOT NULL CHECK (kind IN ('image', 'video')),
    created_at INTEGER NOT NULL,
    prompt TEXT NOT NULL DEFAULT '',
    edit_instruction TEXT,
    model TEXT,
    params TEXT NOT NULL DEFAULT '{}',
    width INTEGER, height INTEGER, aspect_ratio TEXT, duration_ms INTEGER,
    bytes INTEGER NOT NULL, mime TEXT NOT NULL,
    cost_ticks INTEGER, request_id TEXT, moderation TEXT, source_job_id TEXT,
    origin TEXT NOT NULL,
    favorite INTEGER NOT NULL DEFAULT 0,
    trashed_at INTEGER,
    missing INTEGER NOT NULL DEFAULT 0,
    has_lineage INTEGER NOT NULL DEFAULT 0,
    file TEXT NOT NULL, thumb TEXT, preview TEXT
  );
  INSERT INTO items_v2 SELECT
    created_at * 1024 + row_number() OVER (PARTITION BY created_at ORDER BY id) - 1,
    id, kind, created_at, prompt, edit_instruction, model, params, width, height, aspect_ratio, duration_ms, bytes,
    mime, cost_ticks, request_id, moderation, source_job_id, origin, favorite, trashed_at, missing, has_lineage,
    file, thumb, preview
  FROM items;
  DROP TABLE items_fts;
  DROP TABLE items;
  ALTER TABLE items_v2 RENAME TO items;
  -- No index leads with trashed_at: the planner would pick it for every grid query and sort 100k rows, where a
  -- plain rowid walk that skips the few trashed rows is already in order. Checked with EXPLAIN QUERY PLAN.
  CREATE INDEX items_live_bytes ON items (bytes, id) WHERE trashed_at IS NULL;
  CREATE INDEX items_kind ON items (kind, trashed_at);
  CREATE INDEX items_model ON items (model, trashed_at);
  CREATE INDEX items_model_aspect ON items (model, aspect_ratio, trashed_at);
  CREATE INDEX items_aspect ON items (aspect_ratio, trashed_at);
  CREATE INDEX items_favorite ON items (favorite, trashed_at);
  CREATE INDEX items_trashed ON items (trashed_at) WHERE trashed_at IS NOT NULL;
  CREATE VIRTUAL TABLE items_fts USING fts5 (
    prompt, edit_instruction,
    content='items', content_rowid='seq',
    tokenize='unicode61 remove_diacritics 2', prefix='2 3'
  );
  INSERT INTO items_fts (items_fts) VALUES ('rebuild');
  CREATE TRIGGER items_fts_ai AFTER INSERT ON items BEGIN
    INSERT INTO items_fts (rowid, prompt, edit_instruction) VALUES (new.seq, new.prompt, new.edit_instruction);
  END;
  CREATE TRIGGER items_fts_ad AFTER DELETE ON items BEGIN
    INSERT INTO items_fts (items_fts, rowid, prompt, edit_instruction)
      VALUES ('delete', old.seq, old.prompt, old.edit_instruction);
  END;
  CREATE TRIGGER items_fts_au AFTER UPDATE OF seq, prompt, edit_instruction ON items BEGIN
    INSERT INTO items_fts (items_fts, rowid, prompt, edit_instruction)
      VALUES ('delete', old.seq, old.prompt, old.edit_instruction);
    INSERT INTO items_fts (rowid, prompt, edit_instruction) VALUES (new.seq, new.prompt, new.edit_instruction);
  END;
  `,
  // v3: live-grid filter indexes end in (seq, id), so favorites and videos pages read ids from the index in grid
  // order instead of one table lookup per row (~3× faster at 300k; checked with EXPLAIN QUERY PLAN). The trash view
  // goes through items_trashed instead (see sqlite-query). Facet counts are kept in a table by triggers: grouping
  // 300k rows on every grid load took ~55 ms, competing with thumbnail serving; reading the table is a few rows.
  `
  DROP INDEX items_favorite;
  DROP INDEX items_kind;
  CREATE INDEX items_live_favorite ON items (favorite, seq, id) WHERE trashed_at IS NULL;
  CREATE INDEX items_live_kind ON items (kind, seq, id) WHERE trashed_at IS NULL;
  CREATE TABLE facet_counts (
    facet TEXT NOT NULL CHECK (facet IN ('model', 'aspect', 'all')),
    value TEXT NOT NULL,
    trashed INTEGER NOT NULL,
    count INTEGER NOT NULL,
    PRIMARY KEY (facet, value, trashed)
  ) WITHOUT ROWID;
  INSERT INTO facet_counts SELECT 'model', model, trashed_at IS NOT NULL, count(*) FROM items
    WHERE model IS NOT NULL GROUP BY 2, 3;
  INSERT INTO facet_counts SELECT 'aspect', aspect_ratio, trashed_at IS NOT NULL, count(*) FROM items
    WHERE aspect_ratio IS NOT NULL GROUP BY 2, 3;
  -- 'all' counts every item (value ''): the unfiltered grid's total without counting 300k index entries.
  INSERT INTO facet_counts SELECT 'all', '', t, (SELECT count(*) FROM items WHERE (trashed_at IS NOT NULL) = t)
    FROM (SELECT 0 AS t UNION ALL SELECT 1);
  -- Rows that drop to 0 stay (a handful of distinct values); facets() skips them.
  CREATE TRIGGER facet_counts_ai AFTER INSERT ON items BEGIN
    INSERT INTO facet_counts SELECT 'model', new.model, new.trashed_at IS NOT NULL, 1 WHERE new.model IS NOT NULL
      ON CONFLICT DO UPDATE SET count = count + 1;
    INSERT INTO facet_counts SELECT 'aspect', new.aspect_ratio, new.trashed_at IS NOT NULL, 1
      WHERE new.aspect_ratio IS NOT NULL ON CONFLICT DO UPDATE SET count = count + 1;
    UPDATE facet_counts SET count = count + 1 WHERE facet = 'all' AND trashed = (new.trashed_at IS NOT NULL);
  END;
  CREATE TRIGGER facet_counts_ad AFTER DELETE ON items BEGIN
    UPDATE facet_counts SET count = count - 1 WHERE facet = 'model' AND value = old.model AND trashed = (old.trashed_at IS NOT NULL);
    UPDATE facet_counts SET count = count - 1
      WHERE facet = 'aspect' AND value = old.aspect_ratio AND trashed = (old.trashed_at IS NOT NULL);
    UPDATE facet_counts SET count = count - 1 WHERE facet = 'all' AND trashed = (old.trashed_at IS NOT NULL);
  END;
  CREATE TRIGGER facet_counts_au AFTER UPDATE OF model, aspect_ratio, trashed_at ON items BEGIN
    UPDATE facet_counts SET count = count - 1 WHERE facet = 'model' AND value = old.model AND trashed = (old.trashed_at IS NOT NULL);
    UPDATE facet_counts SET count = count - 1
      WHERE facet = 'aspect' AND value = old.aspect_ratio AND trashed = (old.trashed_at IS NOT NULL);
    UPDATE facet_counts SET count = count - 1 WHERE facet = 'all' AND trashed = (old.trashed_at IS NOT NULL);
    INSERT INTO facet_counts SELECT 'model', new.model, new.trashed_at IS NOT NULL, 1 WHERE new.model IS NOT NULL
      ON CONFLICT DO UPDATE SET count = count + 1;
    INSERT INTO facet_counts SELECT 'aspect', new.aspect_ratio, new.trashed_at IS NOT NULL, 1
      WHERE new.aspect_ratio IS NOT NULL ON CONFLICT DO UPDATE SET count = count + 1;
    UPDATE facet_counts SET count = count + 1 WHERE facet = 'all' AND trashed = (new.trashed_at IS NOT NULL);
  END;
  `,
  // v4: a title (an imported file's name without extension), searched next to prompts: the FTS index gains a third
  // column, so it is rebuilt from the table and its triggers follow the new column.
  `
  ALTER TABLE items ADD COLUMN title TEXT;
  DROP TRIGGER items_fts_ai;
  DROP TRIGGER items_fts_ad;
  DROP TRIGGER items_fts_au;
  DROP TABLE items_fts;
  CREATE VIRTUAL TABLE items_fts USING fts5 (
    prompt, edit_instruction, title,
    content='items', content_rowid='seq',
    tokenize='unicode61 remove_diacritics 2', prefix='2 3'
  );
  INSERT INTO items_fts (items_fts) VALUES ('rebuild');
  CREATE TRIGGER items_fts_ai AFTER INSERT ON items BEGIN
    INSERT INTO items_fts (rowid, prompt, edit_instruction, title) VALUES (new.seq, new.prompt, new.edit_instruction, new.title);
  END;
  CREATE TRIGGER items_fts_ad AFTER DELETE ON items BEGIN
    INSERT INTO items_fts (items_fts, rowid, prompt, edit_instruction, title)
      VALUES ('delete', old.seq, old.prompt, old.edit_instruction, old.title);
  END;
  CREATE TRIGGER items_fts_au AFTER UPDATE OF seq, prompt, edit_instruction, title ON items BEGIN
    INSERT INTO items_fts (items_fts, rowid, prompt, edit_instruction, title)
      VALUES ('delete', old.seq, old.prompt, old.edit_instruction, old.title);
    INSERT INTO items_fts (rowid, prompt, edit_instruction, title) VALUES (new.seq, new.prompt, new.edit_instruction, new.title);
  END;
  `,
  // v5: the content hash (SHA-256 of the bytes as they arrived) of items ingested from now on, so an import can
  // report a file that is already in the library instead of adding it twice (older rows stay NULL: not hashed).
  `
  ALTER TABLE items ADD COLUMN content_hash TEXT;
  CREATE INDEX items_content_hash ON items (content_hash) WHERE content_hash IS NOT NULL;
  `,
  // v6 (issue 20): star ratings and tags. Tags are keyed by the item's seq, so a tag filter walks (tag, seq) in grid
  // order. Each tag row repeats its item's live/trashed state and rating (triggers keep them in step), so counting a
  // tag with a rating — what smart collections do after every change — reads one index range and never the items
  // table (at 1M items that is the difference between ~100k row lookups and none). Triggers also keep tags with
  // their item when seq moves or the item goes, and per-tag counts for autocomplete.
  `
  ALTER TABLE items ADD COLUMN rating INTEGER NOT NULL DEFAULT 0 CHECK (rating BETWEEN 0 AND 5);
  CREATE INDEX items_live_rating ON items (rating, seq, id) WHERE trashed_at IS NULL;
  CREATE TABLE item_tags (
    tag TEXT NOT NULL, seq INTEGER NOT NULL, live INTEGER NOT NULL, rating INTEGER NOT NULL,
    PRIMARY KEY (tag, seq)
  ) WITHOUT ROWID;
  CREATE INDEX item_tags_seq ON item_tags (seq);
  CREATE INDEX item_tags_count ON item_tags (tag, live, rating);
  CREATE TABLE tag_counts (tag TEXT PRIMARY KEY, live INTEGER NOT NULL, trashed INTEGER NOT NULL) WITHOUT ROWID;
  CREATE TRIGGER item_tags_ai AFTER INSERT ON item_tags BEGIN
    INSERT INTO tag_counts (tag, live, trashed) VALUES (new.tag, new.live, 1 - new.live)
      ON CONFLICT DO UPDATE SET live = live + excluded.live, trashed = trashed + excluded.trashed;
  END;
  CREATE TRIGGER item_tags_ad AFTER DELETE ON item_tags BEGIN
    UPDATE tag_counts SET live = live - old.live, trashed = trashed - (1 - old.live) WHERE tag = old.tag;
  END;
  CREATE TRIGGER items_tags_ad AFTER DELETE ON items BEGIN
    DELETE FROM item_tags WHERE seq = old.seq;
  END;
  CREATE TRIGGER items_tags_seq AFTER UPDATE OF seq ON items BEGIN
    UPDATE item_tags SET seq = new.seq WHERE seq = old.seq;
  END;
  CREATE TRIGGER items_tags_rating AFTER UPDATE OF rating ON items WHEN old.rating <> new.rating BEGIN
    UPDATE item_tags SET rating = new.rating WHERE seq = new.seq;
  END;
  CREATE TRIGGER items_tags_trash AFTER UPDATE OF trashed_at ON items
    WHEN (old.trashed_at IS NULL) <> (new.trashed_at IS NULL) BEGIN
    UPDATE item_tags SET live = new.trashed_at IS NULL WHERE seq = new.seq;
    UPDATE tag_counts SET
      live = live + (CASE WHEN new.trashed_at IS NULL THEN 1 ELSE -1 END),
      trashed = trashed - (CASE WHEN new.trashed_at IS NULL THEN 1 ELSE -1 END)
    WHERE tag IN (SELECT tag FROM item_tags WHERE seq = new.seq);
  END;
  `,
  // v7 (issue 20): smart collections, a saved search + filters (+ sort) as JSON, counted on demand.
  `
  CREATE TABLE smart_collections (
    id TEXT PRIMARY KEY, name TEXT NOT NULL, created_at INTEGER NOT NULL, query TEXT NOT NULL
  ) WITHOUT ROWID;
  `,
  // v8 (issue 20): a perceptual signature per image (pHash + mean colour, 22 hex digits; see near-duplicates), made in the background after ingest and back-filled
  // for older items), for "Find duplicates". Derived data: a rebuild leaves it to be made again.
  `
  CREATE TABLE perceptual_hashes (id TEXT PRIMARY KEY, phash TEXT NOT NULL) WITHOUT ROWID;
  CREATE TRIGGER items_phash_ad AFTER DELETE ON items BEGIN
    DELETE FROM perceptual_hashes WHERE id = old.id;
  END;
  `,
  // v9 (issue 20): share links (xAI Files public URLs) with their expiry. A link outlives its item's row on purpose:
  // a deleted item's live link must stay listed so it can still be revoked.
  `
  CREATE TABLE share_links (
    id TEXT PRIMARY KEY, item_id TEXT NOT NULL, file_id TEXT NOT NULL, url TEXT NOT NULL,
    created_at INTEGER NOT NULL, expires_at INTEGER NOT NULL, revoked_at INTEGER,
    file_deleted INTEGER NOT NULL DEFAULT 0, bytes INTEGER NOT NULL, mime TEXT NOT NULL
  ) WITHOUT ROWID;
  CREATE INDEX share_links_item ON share_links (item_id, created_at);
  CREATE INDEX share_links_live ON share_links (expires_at) WHERE revoked_at IS NULL;
  `,
  // v10 (issue 15): the model that served an item (xAI redirects retired slugs and names the server in `model`,
  // xai-imagine-api-updates.md §1 #3), the quality served and billed, and the request's whole bill. NULL: unknown
  // (items from before, imports).
  `
  ALTER TABLE items ADD COLUMN served_model TEXT;
  ALTER TABLE items ADD COLUMN served_quality TEXT;
  ALTER TABLE items ADD COLUMN billed_ticks INTEGER;
  `,
  // v11 (issue 18): the provider that made an item, the operation (generate, inpaint, upscale-fast, text-video…) and
  // the seed the provider reported. Items from before were all xAI's when they name a Grok model; imports stay NULL.
  `
  ALTER TABLE items ADD COLUMN provider TEXT;
  ALTER TABLE items ADD COLUMN operation TEXT;
  ALTER TABLE items ADD COLUMN seed INTEGER;
  UPDATE items SET provider = 'xai' WHERE model LIKE 'grok-%';
  CREATE INDEX items_provider ON items (provider, created_at) WHERE provider IS NOT NULL;
  `,
  // v12 (issue 19): the prompt as the user wrote it when the one sent was an accepted rewrite of it ("Enhance
  // prompt"). Both are searched, so the FTS index gains a fourth column and is rebuilt, as in v4.
  `
  ALTER TABLE items ADD COLUMN original_prompt TEXT;
  DROP TRIGGER items_fts_ai;
  DROP TRIGGER items_fts_ad;
  DROP TRIGGER items_fts_au;
  DROP TABLE items_fts;
  CREATE VIRTUAL TABLE items_fts USING fts5 (
    prompt, edit_instruction, title, original_prompt,
    content='items', content_rowid='seq',
    tokenize='unicode61 remove_diacritics 2', prefix='2 3'
  );
  INSERT INTO items_fts (items_fts) VALUES ('rebuild');
  CREATE TRIGGER items_fts_ai AFTER INSERT ON items BEGIN
    INSERT INTO items_fts (rowid, prompt, edit_instruction, title, original_prompt)
      VALUES (new.seq, new.prompt, new.edit_instruction, new.title, new.original_prompt);
  END;
  CREATE TRIGGER items_fts_ad AFTER DELETE ON items BEGIN
    INSERT INTO items_fts (items_fts, rowid, prompt, edit_instruction, title, original_prompt)
      VALUES ('delete', old.seq, old.prompt, old.edit_instruction, old.title, old.original_prompt);
  END;
  CREATE TRIGGER items_fts_au AFTER UPDATE OF seq, prompt, edit_instruction, title, original_prompt ON items BEGIN
    INSERT INTO items_fts (items_fts, rowid, prompt, edit_instruction, title, original_prompt)
      VALUES ('delete', old.seq, old.prompt, old.edit_instruction, old.title, old.original_prompt);
    INSERT INTO items_fts (rowid, prompt, edit_instruction, title, original_prompt)
      VALUES (new.seq, new.prompt, new.edit_instruction, new.title, new.original_prompt);
  END;
  `,
  // v13 (issue 13): thumbnails big enough for a 2× display (512 px short side; before: 256 px long side). thumb_px
  // says which rule made an item's thumbnail (NULL: the old one); the partial index lists the ones to remake, so
  // the background back-fill finds them without a scan and is an empty index once done.
  `
  ALTER TABLE items ADD COLUMN thumb_px INTEGER;
  CREATE INDEX items_older_thumbs ON items (seq) WHERE thumb_px IS NULL AND thumb IS NOT NULL AND missing = 0;
  `,
];

export const SCHEMA_VERSION = MIGRATIONS.length;

/** Opens (creating when needed) the library index in WAL mode and brings its schema up to date. */
export function openLibraryDatabase(file: string): DatabaseSync {
  return openMigratedDatabase(file, {
    label: 'Library index',
    // WAL: readers never block the writer and a crash mid-write leaves the last committed state.
    // synchronous = NORMAL: a power cut may lose the last commits, never corrupt the file. That is safe here because
    // every item's media and sidecar are fsynced before its row commits, and reconcile re-adopts rows lost that way.
    pragmas: 'PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA busy_timeout = 5000; PRAGMA cache_size = -32000; PRAGMA temp_store = MEMORY;',
    // Foreign keys stay off while migrating: rebuilding `items` must not cascade away collection memberships.
    beforeMigrate: 'PRAGMA foreign_keys = OFF;',
    afterMigrate: 'PRAGMA foreign_keys = ON;',
    migrations: MIGRATIONS,
  });
}
