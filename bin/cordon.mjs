#!/usr/bin/env node
// The admin CLI runs its TypeScript sources directly: the verifier it uses is the very src/core code
// the extension bundles, with no separate build to drift out of date.
import { register } from 'tsx/esm/api';

register();
await import('../src/cli/main.ts');
