// Loaded first by the import commands. Node's ES-module loader spends about 200 MB of
// short-lived memory loading drizzle-orm's hundreds of ESM files (measured: 281 MB peak for
// `import('drizzle-orm/libsql')` against 75 MB for the same package through require()), so
// these commands resolve drizzle-orm to the CommonJS build it ships alongside.
import { registerHooks } from 'node:module';

registerHooks({
  resolve(specifier, context, next) {
    const drizzle = specifier === 'drizzle-orm' || specifier.startsWith('drizzle-orm/');
    if (!drizzle || context.conditions?.includes('require')) return next(specifier, context);
    return { ...next(specifier, { ...context, conditions: ['require', 'node', 'default'] }), format: 'commonjs' };
  },
});
