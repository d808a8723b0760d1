// Placeholder: built in issue 6.
export function ProblemsPage() {
  return null;
}
