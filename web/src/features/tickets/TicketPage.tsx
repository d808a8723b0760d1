// Placeholder: built by the tickets feature.
export function TicketPage() {
  return <h1>TicketPage</h1>;
}
