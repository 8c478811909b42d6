/** The files each language's rules apply to, in the plugin's configs and in the CLI's lint stage. */
export const PYTHON_FILES = ['**/*.py'];

export const SOURCE_FILES = ['**/*.{ts,tsx,mts,cts,js,jsx,mjs,cjs}'];
