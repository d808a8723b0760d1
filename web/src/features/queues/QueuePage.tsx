// Placeholder: built by the queues feature.
export function QueuePage() {
  return <h1>QueuePage</h1>;
}
