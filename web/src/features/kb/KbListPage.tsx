// Placeholder: built in issue 6.
export function KbListPage() {
  return null;
}
