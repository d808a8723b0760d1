// Placeholder: built by the supervisor feature.
export function SupervisorPage() {
  return <h1>SupervisorPage</h1>;
}
