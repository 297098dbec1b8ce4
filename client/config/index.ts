/** client/config: kubeconfig loading (clientcmd) and RestConfig (rest.Config). */
export {
  buildConfigFromFlags,
  DirectClientConfig,
  DeferredLoadingClientConfig,
  newNonInteractiveDeferredLoadingClientConfig,
  loadDefaultConfig,
} from './client-config.js';
export type { ClientConfig, ConfigOverrides } from './client-config.js';
export { inClusterConfig, NotInClusterError, SERVICE_ACCOUNT_TOKEN_FILE, SERVICE_ACCOUNT_ROOT_CA_FILE } from './in-cluster.js';
export type { InClusterOptions } from './in-cluster.js';
export { KubeconfigError, parseKubeconfig, emptyConfig } from './kubeconfig.js';
export type { AuthInfo, Cluster, Config, Context, ExecConfig, ExecEnvVar, InteractiveMode } from './kubeconfig.js';
export {
  loadKubeconfig,
  loadFromFile,
  mergeConfigs,
  newDefaultClientConfigLoadingRules,
  recommendedHomeFile,
  resolveLocalPaths,
  RECOMMENDED_CONFIG_PATH_ENV_VAR,
} from './loader.js';
export type { ClientConfigLoadingRules } from './loader.js';
export { copyConfig, defaultUserAgent, DEFAULT_BURST, DEFAULT_QPS, DEFAULT_CONTENT_TYPE } from './rest-config.js';
export type {
  RestConfig,
  RateLimiter,
  TlsClientConfig,
  GroupVersion,
  ImpersonationConfig,
  ExecProviderConfig,
  ExecClusterInfo,
} from './rest-config.js';
