/**
 * Group names: what an admin types in an MDM field to say which device or user group a browser is in
 * (policy `groups`), and what a signed list's exceptions name. One syntax for both, so a group the
 * list names can always be set by policy: lowercase letters, digits, "_" and "-", up to 32 characters.
 */
const GROUP = /^[a-z0-9][a-z0-9_-]{0,31}$/;

/** Groups one policy may give a browser, and one exception may name. */
export const MAX_GROUPS = 32;

export const GROUP_SYNTAX = 'lowercase letters, digits, "_" and "-", starting with a letter or digit, at most 32 characters';

export const isGroupName = (value: unknown): value is string => typeof value === 'string' && GROUP.test(value);
