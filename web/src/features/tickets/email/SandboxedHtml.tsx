// Mail HTML shown inside a sandboxed frame with no allow-scripts (and its own CSP): even if
// the server's sanitiser let something through, nothing in it can run or load from the net.
const FRAME_POLICY = "default-src 'none'; img-src data: cid:; style-src 'unsafe-inline'";

export function SandboxedHtml({ html, title }: { html: string; title: string }) {
  const doc = `<!doctype html><html><head><meta charset="utf-8"><meta http-equiv="Content-Security-Policy" content="${FRAME_POLICY}"><style>body{font-family:system-ui,sans-serif;font-size:14px;margin:8px;overflow-wrap:anywhere}</style></head><body>${html}</body></html>`;
  return <iframe className="mail-html" sandbox="" srcDoc={doc} title={title} referrerPolicy="no-referrer" loading="lazy" />;
}
