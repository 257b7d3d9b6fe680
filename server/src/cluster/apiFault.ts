// A failed call to a cluster, already described for people: what kind of fault it is (the source shows
// it as that state) and a message free of credentials. Shared by the kubeconfig reader, the HTTP client
// and the live source.

export type FaultKind = 'unreachable' | 'unauthorized' | 'forbidden' | 'notFound' | 'gone' | 'error' | 'stopped';

/** A failed call, already described for people (and free of credentials). */
export class ApiFault extends Error {
  constructor(readonly kind: FaultKind, message: string, readonly verb = '', readonly resource = '') {
    super(message);
  }
}

/** A duration for messages: `1.5 s`. */
export const seconds = (ms: number): string => `${+(ms / 1000).toFixed(1)} s`;
/** A message cut to `n` characters. */
export const clip = (s: string, n = 300): string => (s.length > n ? `${s.slice(0, n)}…` : s);
