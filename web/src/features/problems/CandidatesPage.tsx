// Placeholder: built in issue 6.
export function CandidatesPage() {
  return null;
}
