// The knowledge base (articles, their versions, tags, links to tickets, readers' feedback and
// the portal's self-help sessions) and problem management (problems, their incidents, and
// the clusters of similar incidents the detection job proposes).
import { sql, type Kysely } from 'kysely';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Db = Kysely<any>;

function isPostgres(db: Db): boolean {
  return db.getExecutor().adapter.constructor.name === 'PostgresAdapter';
}

export async function up(db: Db): Promise<void> {
  const pg = isPostgres(db);
  const id = (col: any) => (pg ? col.generatedByDefaultAsIdentity().primaryKey() : col.primaryKey().autoIncrement());

  // ---- articles ----
  await db.schema
    .createTable('kb_articles')
    .addColumn('id', 'integer', id)
    // Translations of one article share a group (the first article's id), one per language.
    .addColumn('translation_group', 'integer', (c) => c.notNull())
    // null = every organisation; otherwise only that organisation's requesters (and staff who see it).
    .addColumn('organisation_id', 'integer', (c) => c.references('organisations.id').onDelete('cascade'))
    .addColumn('category_id', 'integer', (c) => c.references('categories.id').onDelete('set null'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('summary', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('body', 'text', (c) => c.notNull()) // Markdown
    .addColumn('tags', 'text', (c) => c.notNull().defaultTo('[]')) // JSON string[]; kb_article_tags indexes them
    .addColumn('language', 'text', (c) => c.notNull()) // en | fr
    .addColumn('audience', 'text', (c) => c.notNull()) // internal | public
    .addColumn('status', 'text', (c) => c.notNull()) // draft | in_review | published | archived
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1)) // the current version number
    .addColumn('source_ticket_id', 'integer', (c) => c.references('tickets.id').onDelete('set null'))
    .addColumn('author_id', 'integer', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('updated_by_id', 'integer', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('reviewed_by_id', 'integer', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('published_at', 'text')
    .addColumn('archived_at', 'text')
    .addColumn('reviewed_at', 'text') // last time someone confirmed the content (publishing counts)
    .addColumn('view_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('helpful_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('not_helpful_count', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema.createIndex('kb_articles_translation_key').unique().on('kb_articles').columns(['translation_group', 'language']).execute();
  await db.schema.createIndex('kb_articles_status_idx').on('kb_articles').columns(['status', 'audience', 'updated_at']).execute();
  await db.schema.createIndex('kb_articles_category_idx').on('kb_articles').columns(['category_id', 'status']).execute();
  await db.schema.createIndex('kb_articles_reviewed_idx').on('kb_articles').columns(['status', 'reviewed_at']).execute();
  await db.schema.createIndex('kb_articles_source_ticket_idx').on('kb_articles').column('source_ticket_id').execute();

  if (pg) {
    // French and English stems, accents optional (the guichet_fr / guichet_en configurations
    // of the core migration); the title weighs most, then summary and tags, then the body.
    await sql`alter table kb_articles add column search_vector tsvector generated always as (
      setweight(to_tsvector('guichet_fr'::regconfig, title), 'A') ||
      setweight(to_tsvector('guichet_en'::regconfig, title), 'A') ||
      setweight(to_tsvector('guichet_fr'::regconfig, summary || ' ' || tags), 'B') ||
      setweight(to_tsvector('guichet_en'::regconfig, summary || ' ' || tags), 'B') ||
      setweight(to_tsvector('guichet_fr'::regconfig, body), 'C') ||
      setweight(to_tsvector('guichet_en'::regconfig, body), 'C')) stored`.execute(db);
    await sql`create index kb_articles_search_idx on kb_articles using gin (search_vector)`.execute(db);
  } else {
    // SQLite has no French stemmer: the service writes each field's French and English stems
    // (accents stripped, see kb/search-terms.ts) into this table, rowid = the article's id.
    await sql`create virtual table kb_articles_fts using fts5(title, summary, body,
      tokenize='unicode61 remove_diacritics 2')`.execute(db);
  }

  await db.schema
    .createTable('kb_article_tags')
    .addColumn('article_id', 'integer', (c) => c.notNull().references('kb_articles.id').onDelete('cascade'))
    .addColumn('tag', 'text', (c) => c.notNull()) // lower case
    .addPrimaryKeyConstraint('kb_article_tags_pkey', ['article_id', 'tag'])
    .execute();
  await db.schema.createIndex('kb_article_tags_tag_idx').on('kb_article_tags').columns(['tag', 'article_id']).execute();

  await db.schema
    .createTable('kb_article_versions')
    .addColumn('id', 'integer', id)
    .addColumn('article_id', 'integer', (c) => c.notNull().references('kb_articles.id').onDelete('cascade'))
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('summary', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('tags', 'text', (c) => c.notNull())
    .addColumn('category_id', 'integer')
    .addColumn('language', 'text', (c) => c.notNull())
    .addColumn('audience', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull()) // the status when this version was saved
    .addColumn('author_id', 'integer', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('note', 'text') // e.g. "Restored from version 2", a review note
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('kb_article_versions_key').unique().on('kb_article_versions').columns(['article_id', 'version']).execute();

  // Which tickets an article came from, was linked to (inserted in a reply) or helped resolve.
  await db.schema
    .createTable('kb_article_tickets')
    .addColumn('article_id', 'integer', (c) => c.notNull().references('kb_articles.id').onDelete('cascade'))
    .addColumn('ticket_id', 'integer', (c) => c.notNull().references('tickets.id').onDelete('cascade'))
    .addColumn('relation', 'text', (c) => c.notNull()) // source | linked | helped
    .addColumn('user_id', 'integer', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('kb_article_tickets_pkey', ['article_id', 'ticket_id', 'relation'])
    .execute();
  await db.schema.createIndex('kb_article_tickets_ticket_idx').on('kb_article_tickets').columns(['ticket_id', 'article_id']).execute();

  // "Was this helpful?": one vote per reader and article (a reader may change their mind).
  await db.schema
    .createTable('kb_feedback')
    .addColumn('id', 'integer', id)
    .addColumn('article_id', 'integer', (c) => c.notNull().references('kb_articles.id').onDelete('cascade'))
    .addColumn('voter', 'text', (c) => c.notNull()) // user:<id> or visitor:<sha-256 of the browser's id>
    .addColumn('helpful', 'integer', (c) => c.notNull())
    .addColumn('comment', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('kb_feedback_voter_key').unique().on('kb_feedback').columns(['article_id', 'voter']).execute();

  // One self-help attempt in the portal: what the requester typed, what we suggested, and
  // whether they went on to submit a request (not deflected) or not (deflected).
  await db.schema
    .createTable('kb_deflections')
    .addColumn('id', 'integer', id)
    .addColumn('session_key', 'text', (c) => c.notNull()) // random, chosen by the browser per attempt
    .addColumn('user_id', 'integer', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('organisation_id', 'integer', (c) => c.references('organisations.id').onDelete('set null'))
    .addColumn('query', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('suggested_ids', 'text', (c) => c.notNull().defaultTo('[]')) // JSON number[]
    .addColumn('viewed_ids', 'text', (c) => c.notNull().defaultTo('[]')) // JSON number[]
    .addColumn('outcome', 'text', (c) => c.notNull().defaultTo('open')) // open | solved | submitted | abandoned
    .addColumn('ticket_id', 'integer', (c) => c.references('tickets.id').onDelete('set null'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('kb_deflections_session_key').unique().on('kb_deflections').column('session_key').execute();
  await db.schema.createIndex('kb_deflections_created_idx').on('kb_deflections').column('created_at').execute();

  // ---- problems ----
  await db.schema
    .createTable('problems')
    .addColumn('id', 'integer', id)
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull()) // open | root_cause_known | known_error | resolved | closed
    .addColumn('root_cause', 'text')
    .addColumn('workaround', 'text')
    .addColumn('resolution', 'text') // the note shared with the linked incidents' requesters
    .addColumn('owner_group_id', 'integer', (c) => c.references('groups.id').onDelete('set null'))
    // null = spans organisations (only staff who see every organisation manage it)
    .addColumn('organisation_id', 'integer', (c) => c.references('organisations.id').onDelete('cascade'))
    .addColumn('category_id', 'integer', (c) => c.references('categories.id').onDelete('set null'))
    .addColumn('candidate_id', 'integer') // the detected cluster it was accepted from
    .addColumn('created_by_id', 'integer', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('resolved_at', 'text')
    .addColumn('closed_at', 'text')
    .execute();
  await db.schema.createIndex('problems_status_idx').on('problems').columns(['status', 'updated_at']).execute();
  await db.schema.createIndex('problems_organisation_idx').on('problems').column('organisation_id').execute();

  await db.schema
    .createTable('problem_incidents')
    .addColumn('problem_id', 'integer', (c) => c.notNull().references('problems.id').onDelete('cascade'))
    .addColumn('ticket_id', 'integer', (c) => c.notNull().references('tickets.id').onDelete('cascade'))
    .addColumn('linked_by_id', 'integer', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('linked_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('problem_incidents_pkey', ['problem_id', 'ticket_id'])
    .execute();
  await db.schema.createIndex('problem_incidents_ticket_idx').on('problem_incidents').columns(['ticket_id', 'problem_id']).execute();

  await db.schema
    .createTable('problem_candidates')
    .addColumn('id', 'integer', id)
    .addColumn('status', 'text', (c) => c.notNull()) // proposed | accepted | dismissed
    .addColumn('title', 'text', (c) => c.notNull()) // suggested problem title
    .addColumn('organisation_id', 'integer', (c) => c.references('organisations.id').onDelete('cascade'))
    .addColumn('category_id', 'integer', (c) => c.references('categories.id').onDelete('set null'))
    .addColumn('signature', 'text', (c) => c.notNull()) // the cluster's defining terms, to recognise it again
    .addColumn('explanation', 'text', (c) => c.notNull()) // JSON: shared terms, counts, time span, similarity
    .addColumn('ticket_count', 'integer', (c) => c.notNull())
    .addColumn('first_at', 'text', (c) => c.notNull())
    .addColumn('last_at', 'text', (c) => c.notNull())
    .addColumn('problem_id', 'integer', (c) => c.references('problems.id').onDelete('set null'))
    .addColumn('decided_by_id', 'integer', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('decided_at', 'text')
    .addColumn('dismiss_reason', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('problem_candidates_status_idx').on('problem_candidates').columns(['status', 'last_at']).execute();

  await db.schema
    .createTable('problem_candidate_tickets')
    .addColumn('candidate_id', 'integer', (c) => c.notNull().references('problem_candidates.id').onDelete('cascade'))
    .addColumn('ticket_id', 'integer', (c) => c.notNull().references('tickets.id').onDelete('cascade'))
    .addColumn('similarity', 'real', (c) => c.notNull().defaultTo(0)) // to the cluster's centre
    .addPrimaryKeyConstraint('problem_candidate_tickets_pkey', ['candidate_id', 'ticket_id'])
    .execute();
  await db.schema.createIndex('problem_candidate_tickets_ticket_idx').on('problem_candidate_tickets').columns(['ticket_id', 'candidate_id']).execute();

  // The detection job scans recent incidents by creation time.
  await db.schema.createIndex('tickets_type_created_idx').on('tickets').columns(['type', 'created_at']).execute();
}

export async function down(db: Db): Promise<void> {
  await db.schema.dropIndex('tickets_type_created_idx').execute();
  for (const t of ['problem_candidate_tickets', 'problem_candidates', 'problem_incidents', 'problems', 'kb_deflections', 'kb_feedback', 'kb_article_tickets', 'kb_article_versions', 'kb_article_tags']) {
    await db.schema.dropTable(t).execute();
  }
  if (!isPostgres(db)) await sql`drop table kb_articles_fts`.execute(db);
  await db.schema.dropTable('kb_articles').execute();
}
