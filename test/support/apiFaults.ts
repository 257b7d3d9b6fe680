// The ApiFault a cluster call rejects with, as plain fields a test can compare whole.
import * as assert from 'node:assert/strict';
import { ApiFault } from '../../server/src/cluster/apiFault';

/** The ApiFault a promise rejects with, as plain fields (fails the test when it resolves or rejects with something else). */
export async function faultOf(p: Promise<unknown>): Promise<{ kind: string; message: string; verb?: string; resource?: string }> {
  try {
    await p;
  } catch (e) {
    assert.ok(e instanceof ApiFault, `not an ApiFault: ${String(e)}`);
    return { kind: e.kind, message: e.message, ...(e.verb ? { verb: e.verb } : {}), ...(e.resource ? { resource: e.resource } : {}) };
  }
  assert.fail('expected a rejection');
}
