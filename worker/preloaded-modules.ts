/**
 * Third-party modules of the workflow bundle that are evaluated once per reusable V8 context instead of once per
 * workflow run (worker/bundle.ts passes this file as `preloadModules`). With `reuseV8Context`, a module first
 * required after a workflow exists is evaluated again for every workflow run: every Map Run child was paying for
 * jsonata's parser tables and the SHA-2 constants before doing anything.
 *
 * Only pure libraries belong here: preloaded modules are shared by every workflow of the worker (the SDK freezes
 * their exports). The imports name what the engine itself imports (`@noble/hashes/...` and `@scure/base` as ES
 * modules), so the bundle holds one copy that both use; a `require` of the package names would resolve to their
 * CommonJS files and preload copies nobody uses. Re-exports, not bare imports, so that webpack keeps them.
 */
export { default as jsonata } from 'jsonata';
export { JSONPath } from 'jsonpath-plus';
export { md5, sha1 } from '@noble/hashes/legacy';
export { sha256, sha384, sha512 } from '@noble/hashes/sha2';
export { bytesToHex } from '@noble/hashes/utils';
export { base64 } from '@scure/base';
