// vitest setup: the Public Suffix List's rules for src/core (core/public-suffix.ts), as the CLI and the
// build install them. The service worker loads its own copy from the extension.
import { installNodeSuffixRules } from '../../src/cli/suffix-rules.ts';

installNodeSuffixRules();
