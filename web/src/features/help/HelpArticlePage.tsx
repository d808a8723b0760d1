// Placeholder: built in issue 6.
export function HelpArticlePage() {
  return null;
}
