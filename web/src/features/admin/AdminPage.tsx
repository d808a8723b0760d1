// Placeholder: built by the admin feature.
export function AdminPage() {
  return <h1>AdminPage</h1>;
}
