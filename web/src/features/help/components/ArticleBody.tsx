// An article's body: HTML the server rendered from Markdown and sanitised (never the
// browser's own rendering of user text).
export function ArticleBody({ html, lang }: { html: string; lang?: string }) {
  return <div className="help-article-body" lang={lang} dangerouslySetInnerHTML={{ __html: html }} />;
}
