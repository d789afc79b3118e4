// tldts ships the packed trie's declarations under dist/types; this maps its deep ES module import.
declare module 'tldts/dist/es6/src/data/trie.js' {
  export const nodeFlags: Uint8Array;
  export const edgeStart: Uint16Array | Uint32Array;
  export const edgeLength: Uint8Array;
  export const edgeChild: Uint16Array | Uint32Array;
  export const labelText: string;
  export const rulesRoot: number;
  export const exceptionsRoot: number;
}
