// Placeholder: built by the phone feature.
export function PhoneCallPage() {
  return <h1>PhoneCallPage</h1>;
}
