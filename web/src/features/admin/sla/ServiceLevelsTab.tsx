// Placeholder until the service-levels screens land.
export function ServiceLevelsTab() {
  return null;
}
