// Settled once for every test file. Eleventy registers an ESM loader hook through
// module.register unless told not to, and jest's VM modules refuse that hook.
process.env.ELEVENTY_SKIP_ESM_RESOLVER = 'true';
