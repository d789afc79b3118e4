/** Extension-relative paths shared by the build, the rules and the UI. */
export const BLOCK_PAGE_PATH = 'src/blocked/index.html';
export const POPUP_PATH = 'src/popup/index.html';
export const BUILTIN_RULESET_ID = 'builtin';
