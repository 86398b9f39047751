import pkg from '../package.json' with { type: 'json' };

/** clientfit's own version, from package.json (inlined by the bundler). */
export const version: string = pkg.version;
