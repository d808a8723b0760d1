// Placeholder: built in issue 6.
export function ArticleEditPage() {
  return null;
}
