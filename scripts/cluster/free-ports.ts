/**
 * A frontend port whose whole block of ports is free, for a cluster started beside other servers (the test runs,
 * a dev server, another cluster): every port of the block is bound for a moment, then released.
 */
import * as net from 'node:net';
import { PORTS_PER_CLUSTER } from './layout';

/** Below Linux's ephemeral range (32768-60999), where outgoing connections take their local ports. */
const LOW = 10_000;
const HIGH = 32_000;

function canBind(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.unref();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

/** A frontend port `p` such that p .. p + PORTS_PER_CLUSTER - 1 were all free a moment ago. */
export async function findFreeClusterPort(attempts = 50): Promise<number> {
  const blocks = Math.floor((HIGH - LOW) / PORTS_PER_CLUSTER);
  for (let i = 0; i < attempts; i++) {
    const base = LOW + Math.floor(Math.random() * blocks) * PORTS_PER_CLUSTER;
    let free = true;
    for (let port = base; free && port < base + PORTS_PER_CLUSTER; port++) free = await canBind(port);
    if (free) return base;
  }
  throw new Error(`No block of ${PORTS_PER_CLUSTER} free ports found from ${LOW} to ${HIGH} in ${attempts} tries`);
}
