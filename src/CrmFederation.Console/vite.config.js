import { createHash } from 'node:crypto';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

const root = import.meta.dirname;

// The files a build is made from. BuiltAssetsTests recomputes this hash to catch a committed build
// that is older than its sources: edit a source, run `npm ci && npm run build`, commit dist/ too.
const buildInputs = ['package.json', 'package-lock.json', 'vite.config.js', 'ide.html', 'console.html', 'src'];

function filesUnder(path) {
  return statSync(path).isDirectory()
    ? readdirSync(path).flatMap((name) => filesUnder(join(path, name)))
    : [path];
}

function sourcesHash() {
  const hash = createHash('sha256');
  const files = buildInputs.flatMap((input) => filesUnder(resolve(root, input)))
    .map((file) => relative(root, file).split('\\').join('/'))
    .sort();
  for (const file of files) {
    hash.update(`${file}\n`);
    hash.update(readFileSync(resolve(root, file)));
    hash.update('\n');
  }
  return hash.digest('hex');
}

/** Writes dist/build-info.json: the hash of the build's inputs. */
function buildInfo() {
  return {
    name: 'crmfed-build-info',
    generateBundle() {
      this.emitFile({ type: 'asset', fileName: 'build-info.json', source: `${JSON.stringify({ sourcesSha256: sourcesHash() }, null, 2)}\n` });
    },
  };
}

export default defineConfig({
  // The gateway serves dist/assets at /ui/assets (long-cached: every name carries its content hash).
  base: '/ui/',
  plugins: [react(), buildInfo()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // Embedded in the gateway: no source maps, and one warning threshold that fits Monaco's size.
    sourcemap: false,
    chunkSizeWarningLimit: 5000,
    rollupOptions: {
      input: { ide: resolve(root, 'ide.html'), console: resolve(root, 'console.html') },
    },
  },
  worker: { format: 'es' },
});
