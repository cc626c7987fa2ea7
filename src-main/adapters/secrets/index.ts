/** Secret store adapters. `SafeStorageSecretStore` is for the Electron shell only (it is handed `safeStorage`). */
export { KeytarSecretStore, explainKeychainError } from './keytar-secret-store';
export { SafeStorageSecretStore, createDesktopSecretStore, type SafeStorageLike } from './safe-storage-secret-store';
