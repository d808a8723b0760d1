// Placeholder: built in issue 6.
export function HelpHomePage() {
  return null;
}
