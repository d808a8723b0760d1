// Placeholder: built by the portal feature.
export function PortalHomePage() {
  return <h1>PortalHomePage</h1>;
}
