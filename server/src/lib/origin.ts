/** Whether a browser's Origin header names this server. One that does not parse ("null" from a sandboxed frame, say) is not ours. */
export function isSameOrigin(origin: string, host: string | undefined): boolean {
  try {
    return new URL(origin).host === host;
  } catch {
    return false;
  }
}
