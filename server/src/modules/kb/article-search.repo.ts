// Ranked article search on both back ends. SQLite: FTS5 over the stems the service writes
// (kb_articles_fts), bm25 with the title weighing 4, summary and tags 2, body 1. PostgreSQL:
// the generated search_vector (title A, summary and tags B, body C) with ts_rank, French or
// English stems. Scores are higher-is-better on both, not comparable between them.
import { sql } from 'kysely';
import type { Db, Trx } from '../../db/db.ts';
import type { ArticleAudience, ArticleStatus } from '../../../../common/schemas/kb.ts';
import type { Language } from '../../../../common/enums.ts';
import { searchWords, stemmedFtsQuery, tsQueryText } from '../../lib/search-terms.ts';
import type { ArticleReader } from './article-visibility.ts';
import { articleWhere } from './articles.repo.ts';

export interface ArticleSearch {
  text: string;
  mode: 'all' | 'any';
  prefixLast?: boolean;
  statuses?: ArticleStatus[];
  audience?: ArticleAudience;
  language?: Language;
  categoryIds?: number[];
  /** Additive to the shared contract: the list endpoint's tag and stale filters. */
  tag?: string;
  reviewedBefore?: string;
  limit: number;
  offset?: number;
}

/**
 * PostgreSQL estimates a common word to match half the table and then scans every row,
 * reading each row's tsvector (kept out of line, in TOAST) to test it: 2-4x slower than the
 * GIN index, which hands over only the matching rows. The setting lasts for this statement.
 */
async function withoutSeqScan<T>(db: Trx, run: (trx: Trx) => Promise<T>): Promise<T> {
  const inside = async (trx: Trx) => {
    await sql`set local enable_seqscan = off`.execute(trx);
    const out = await run(trx);
    await sql`set local enable_seqscan = on`.execute(trx);
    return out;
  };
  return db.isTransaction ? inside(db) : (db as Db).transaction().execute(inside);
}

/** Article ids matching the text that the reader may see, best first. Nothing to search for: none. */
export async function searchArticleIds(db: Trx, dialect: 'sqlite' | 'postgres', reader: ArticleReader, q: ArticleSearch): Promise<{ id: number; score: number }[]> {
  if (searchWords(q.text).length === 0 || q.limit <= 0) return [];
  const where = articleWhere(reader, q);
  const page = sql`order by score desc, a.id desc limit ${q.limit} offset ${q.offset ?? 0}`;
  const opts = { mode: q.mode, prefixLast: q.prefixLast };
  const query =
    dialect === 'sqlite'
      ? sql<{ id: number; score: number }>`select a.id as id, -bm25(kb_articles_fts, 4.0, 2.0, 1.0) as score
          from kb_articles_fts join kb_articles a on a.id = kb_articles_fts.rowid
          where kb_articles_fts match ${stemmedFtsQuery(q.text, opts)} and ${where} ${page}`
      : sql<{ id: number; score: number }>`select a.id as id, ts_rank(a.search_vector, qq.q) as score
          from kb_articles a, (select to_tsquery('guichet_fr', ${tsQueryText(q.text, opts)}) || to_tsquery('guichet_en', ${tsQueryText(q.text, opts)}) as q) qq
          where a.search_vector @@ qq.q and ${where} ${page}`;
  const { rows } = dialect === 'postgres' ? await withoutSeqScan(db, (trx) => query.execute(trx)) : await query.execute(db);
  return rows.map((r) => ({ id: Number(r.id), score: Number(r.score) }));
}
