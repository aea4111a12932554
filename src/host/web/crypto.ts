// Stands in for `node:crypto` in the browser build of the extension (VS Code
// for the Web), where the host's page nonce comes from Web Crypto instead.
// Only what the host uses: randomBytes(n).toString('base64url').

export function randomBytes(size: number): { toString(encoding: 'base64url'): string } {
  const bytes = globalThis.crypto.getRandomValues(new Uint8Array(size));
  return {
    toString: () => btoa(String.fromCharCode(...bytes)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, ''),
  };
}
