// Placeholder: built in issue 6.
export function HelpLayout() {
  return null;
}
