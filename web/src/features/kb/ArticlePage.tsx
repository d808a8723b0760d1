// Placeholder: built in issue 6.
export function ArticlePage() {
  return null;
}
