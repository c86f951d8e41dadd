// Object storage for ItemReader and ResultWriter: one interface, a local-folder backend and an S3 backend.
export {
  StorageError,
  isStorageError,
  MAX_KEYS_PER_PAGE,
  type ByteRange,
  type ListOptions,
  type ObjectInfo,
  type ObjectPage,
  type ObjectStorage,
  type StorageErrorCode,
} from './object-storage';
export { LocalStorage } from './local-storage';
export { S3Storage, type S3StorageConfig } from './s3-storage';
export { createStorage, defaultStorageDir, type StorageConfig } from './create-storage';
