// A TCP port on 127.0.0.1 for a throwaway test service (PostgreSQL, Dovecot).
import net from 'node:net';

/** A TCP port that was free a moment ago (the OS picks it for port 0). */
export function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = /** @type {net.AddressInfo} */ (srv.address());
      srv.close(() => resolve(port));
    });
  });
}
