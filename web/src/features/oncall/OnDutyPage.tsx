// Placeholder until the on-duty page lands.
export function OnDutyPage() {
  return null;
}
