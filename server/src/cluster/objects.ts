// The converters from Kubernetes JSON live in policy/objects.ts (features use them too); this module
// keeps the cluster layer's import path.
export * from '../policy/objects';
