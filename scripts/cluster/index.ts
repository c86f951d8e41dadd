// A real Temporal cluster started by the project (`npm run cluster`, and the cluster tests' programmatic API).
export { startCluster, type Cluster, type ClusterOptions } from './cluster';
export type { MintOptions } from './jwt';
export { clusterPaths, clusterPorts, DEFAULT_CLUSTER_PORT, SERVICES, type AuthMode, type ServiceName } from './layout';
export { TEMPORAL_SERVER_VERSION } from './build';
export { findFreeClusterPort } from './free-ports';
export { serveClusterControl, type ClusterControlServer } from './control';
