// Placeholder until the routing and duty screens land.
export function DutyTab() {
  return null;
}
