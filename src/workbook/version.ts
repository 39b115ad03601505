/** Program name and version written to Körlogg (kept equal to package.json's version by a test). */
export const PROGRAM_NAME = 'finsam';
export const PROGRAM_VERSION = '0.1.0';
