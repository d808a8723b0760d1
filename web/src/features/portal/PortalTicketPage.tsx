// Placeholder: built by the portal feature.
export function PortalTicketPage() {
  return <h1>PortalTicketPage</h1>;
}
