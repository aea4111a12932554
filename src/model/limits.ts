// Size caps, so a hostile or mistyped file cannot make the editor allocate gigabytes.

export const MAX_UNITS = 100_000;
export const MAX_PARAMETERS = 50_000_000;
/** Loading stops listing problems after this many; the rest are usually follow-on errors. */
export const MAX_ERRORS = 100;
/** Characters; a 1024-1024-1024-10 network with every weight written out is about 50 MB. */
export const MAX_TEXT_LENGTH = 128 * 1024 * 1024;
