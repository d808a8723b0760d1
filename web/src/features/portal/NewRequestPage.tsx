// Placeholder: built by the portal feature.
export function NewRequestPage() {
  return <h1>NewRequestPage</h1>;
}
