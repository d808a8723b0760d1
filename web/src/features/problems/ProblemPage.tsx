// Placeholder: built in issue 6.
export function ProblemPage() {
  return null;
}
