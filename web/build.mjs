// Builds the two web pages the Go package `web` embeds (//go:embed all:dist):
// the GraphiQL playground (playground/src) and the network explorer
// (explorer/src). One command builds both:
//
//   npm ci && npm run build        (what `make web` runs)
//
// Output (asset names are content-hashed, so they can be cached forever):
//   dist/playground/playground-HASH.{js,css}    GraphiQL and its styles
//   dist/playground/<font|image>-HASH.<ext>     files that CSS references
//   dist/explorer/explorer-HASH.{js,css}        the explorer (sigma.js, graphology)
//   dist/explorer/layout-HASH.js                its ForceAtlas2 web worker
//   dist/explorer/inter-*-HASH.woff2            the Inter font it uses
//   dist/{playground,explorer}/icon-HASH.svg    the favicon, one copy per page
//   dist/**/*.LEGAL.txt                         third-party license comments
//   dist/manifest.json                          which file is which, for the Go side:
//     {"playground": {"js", "css", "icon"}, "explorer": {"js", "css", "worker", "icon"}}
//     (names relative to the page's folder)
//
// GraphiQL's CSS inlines its fonts (Roboto, Fira Code) and a few icons as
// base64 data: URIs. The inlineDataToFiles plugin turns them into separate
// files so that the browser only downloads the font faces it uses and the
// page's Content-Security-Policy does not need to allow data: URIs.
//
// The build fails if the output references anything outside the service
// (remote @import or url(), CDN hosts), because both pages must work
// without internet access.

import * as esbuild from 'esbuild';
import { createHash } from 'node:crypto';
import { mkdir, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const distdir = path.resolve(here, 'dist');

// Files in dist that are tracked by git and must survive a rebuild.
const KEEP = new Set(['.gitignore', 'README']);

const EXT_BY_MIME = {
  'font/woff2': 'woff2',
  'font/woff': 'woff',
  'application/font-woff': 'woff',
  'application/x-font-woff': 'woff',
  'font/ttf': 'ttf',
  'application/x-font-ttf': 'ttf',
  'font/otf': 'otf',
  'image/png': 'png',
  'image/gif': 'gif',
  'image/jpeg': 'jpg',
  'image/webp': 'webp',
  'image/svg+xml': 'svg',
};

// Names that must not appear in the JS bundle (web/web_test.go checks the same).
const CDN_HOSTS = ['unpkg', 'jsdelivr', 'cdnjs', 'googleapis', 'esm.sh', 'gstatic', 'skypack'];

/** Moves base64 data: URIs out of third-party CSS into separate asset files. */
function inlineDataToFiles() {
  const NS = 'inline-data';
  const PREFIX = 'inline-data:';
  const files = new Map(); // virtual name -> Buffer
  const names = new Map(); // content hash -> virtual name

  const DATA_URL =
    /url\(\s*(['"]?)data:([a-z0-9.+/-]+)(?:;charset=[^;,]+)?;base64,([A-Za-z0-9+/=\s]+)\1\s*\)/gi;

  function register(base, mime, b64) {
    const ext = EXT_BY_MIME[mime.toLowerCase()];
    if (!ext) {
      return null;
    }
    const data = Buffer.from(b64.replace(/\s+/g, ''), 'base64');
    const digest = createHash('sha256').update(data).digest('hex');
    let name = names.get(digest);
    if (!name) {
      name = `${base}.${ext}`;
      for (let i = 2; files.has(name); i++) {
        name = `${base}-${i}.${ext}`;
      }
      files.set(name, data);
      names.set(digest, name);
    }
    return `url("${PREFIX}${name}")`;
  }

  function slug(s) {
    return s
      .toLowerCase()
      .replace(/['"]/g, '')
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, '');
  }

  return {
    name: 'inline-data-to-files',
    setup(build) {
      build.onLoad({ filter: /[\\/]node_modules[\\/].*\.css$/ }, async (args) => {
        let css = await readFile(args.path, 'utf8');
        // Fonts: name the file after the @font-face it belongs to.
        css = css.replace(/@font-face\s*{[^}]*}/g, (block) => {
          const prop = (p) => (block.match(new RegExp(`${p}\\s*:\\s*([^;}]+)`)) || [])[1]?.trim();
          const family = slug(prop('font-family') || 'font');
          const weight = slug(prop('font-weight') || '400');
          const style = prop('font-style') === 'italic' ? '-italic' : '';
          return block.replace(DATA_URL, (m, _q, mime, b64) => register(`${family}-${weight}${style}`, mime, b64) || m);
        });
        // Everything else (icons, cursors, ...).
        css = css.replace(DATA_URL, (m, _q, mime, b64) => register('image', mime, b64) || m);
        return { contents: css, loader: 'css', resolveDir: path.dirname(args.path) };
      });
      build.onResolve({ filter: /^inline-data:/ }, (args) => ({
        path: args.path.slice(PREFIX.length),
        namespace: NS,
      }));
      build.onLoad({ filter: /.*/, namespace: NS }, (args) => ({
        contents: files.get(args.path),
        loader: 'file',
      }));
    },
  };
}

/**
 * The toolkit's fetcher only imports graphql-ws when a subscriptionUrl is
 * given, which the playground never does; resolve it to a stub instead of
 * bundling (or failing on) an optional peer dependency.
 */
function stubGraphqlWs() {
  return {
    name: 'stub-graphql-ws',
    setup(build) {
      build.onResolve({ filter: /^graphql-ws$/ }, () => ({ path: 'graphql-ws', namespace: 'stub' }));
      build.onLoad({ filter: /.*/, namespace: 'stub' }, () => ({
        contents:
          'export function createClient() { throw new Error("websocket subscriptions are not supported by this playground"); }',
        loader: 'js',
      }));
    },
  };
}

/**
 * GraphiQL's React-version check (dead code with React 18) has an error
 * message naming CDNs ("jsdelivr, unpkg"). Reword it so that a plain text
 * scan of the bundle for CDN hosts stays meaningful. Fails loudly if the
 * text is no longer there (e.g. after a graphiql upgrade).
 */
function rewordCdnHint() {
  const from = 'If you are using a CDN source (jsdelivr, unpkg, etc), follow this example:';
  const to = 'If you load GraphiQL with a script tag, follow this example:';
  return {
    name: 'reword-cdn-hint',
    setup(build) {
      build.onLoad({ filter: /[\\/]node_modules[\\/]graphiql[\\/]esm[\\/]GraphiQL\.js$/ }, async (args) => {
        const js = await readFile(args.path, 'utf8');
        if (!js.includes(from)) {
          throw new Error(`reword-cdn-hint: expected text not found in ${args.path}; update build.mjs`);
        }
        return { contents: js.replace(from, to), loader: 'js', resolveDir: path.dirname(args.path) };
      });
    },
  };
}

async function cleanDist() {
  await mkdir(distdir, { recursive: true });
  for (const entry of await readdir(distdir)) {
    if (!KEEP.has(entry)) {
      await rm(path.join(distdir, entry), { recursive: true, force: true });
    }
  }
}

function check(file, text) {
  const problems = [];
  if (/\bsourceMappingURL=/.test(text)) problems.push('source map reference');
  if (file.endsWith('.css')) {
    if (/@import\b/i.test(text)) problems.push('@import');
    if (/url\(\s*['"]?\s*(?:[a-z][a-z0-9+.-]*:|\/\/)/i.test(text)) problems.push('url() with a scheme (remote or data:)');
  }
  if (file.endsWith('.js')) {
    for (const host of CDN_HOSTS) {
      if (text.includes(host)) problems.push(`reference to ${host}`);
    }
  }
  return problems;
}

// Options both pages share.
const common = {
  absWorkingDir: here,
  bundle: true,
  minify: true,
  sourcemap: false,
  format: 'iife',
  platform: 'browser',
  target: ['es2020'],
  define: { 'process.env.NODE_ENV': '"production"' },
  entryNames: '[name]-[hash]',
  assetNames: '[name]-[hash]',
  loader: {
    '.woff2': 'file',
    '.woff': 'file',
    '.ttf': 'file',
    '.otf': 'file',
    '.png': 'file',
    '.gif': 'file',
    '.jpg': 'file',
    '.svg': 'file',
  },
  legalComments: 'external',
  metafile: true,
  logLevel: 'warning',
};

/**
 * Builds one page into dist/<name> and returns its manifest entry: for each
 * key of `entries` ({key: {in: source, out: base name}}) the output file,
 * and the CSS bundle as `css`, relative to dist/<name>.
 */
async function buildPage(name, entries, options) {
  const outdir = path.join(distdir, name);
  const entryPoints = Object.values(entries);
  const result = await esbuild.build({ ...common, ...options, entryPoints, outdir });
  const outputs = Object.entries(result.metafile.outputs);
  const rel = (p) => path.relative(outdir, path.resolve(here, p)).split(path.sep).join('/');

  const problems = [];
  for (const [file] of outputs) {
    if (/\.(js|css)$/.test(file)) {
      for (const p of check(file, await readFile(path.resolve(here, file), 'utf8'))) {
        problems.push(`${name}/${rel(file)}: ${p}`);
      }
    }
  }
  if (problems.length > 0) {
    throw new Error('output references external resources:\n  ' + problems.join('\n  '));
  }

  const entry = {};
  for (const [key, { in: source }] of Object.entries(entries)) {
    const out = outputs.find(([, o]) => o.entryPoint === source);
    if (!out) {
      throw new Error(`${name}: no output for ${source}`);
    }
    entry[key] = rel(out[0]);
    if (out[1].cssBundle && !entry.css) {
      entry.css = rel(out[1].cssBundle);
    }
  }
  if (!entry.css) {
    throw new Error(`${name}: the build produced no CSS bundle`);
  }
  let bytes = 0;
  for (const [, o] of outputs) bytes += o.bytes;
  console.log(`built dist/${name}: ${outputs.length} files, ${(bytes / 1024).toFixed(0)} KiB`);
  return entry;
}

/** Copies the favicon into dist/<name> under a content-hashed name. */
async function copyIcon(name) {
  const svg = await readFile(path.join(here, 'icon.svg'));
  const hash = createHash('sha256').update(svg).digest('hex').slice(0, 8).toUpperCase();
  const file = `icon-${hash}.svg`;
  await writeFile(path.join(distdir, name, file), svg);
  return file;
}

async function main() {
  await cleanDist();

  const playground = await buildPage(
    'playground',
    { js: { in: 'playground/src/main.jsx', out: 'playground' } },
    { jsx: 'automatic', plugins: [inlineDataToFiles(), stubGraphqlWs(), rewordCdnHint()] },
  );
  playground.icon = await copyIcon('playground');

  // The explorer and its layout worker (a classic worker script served from
  // the same origin, so the CSP needs no blob: workers).
  const explorer = await buildPage(
    'explorer',
    {
      js: { in: 'explorer/src/main.js', out: 'explorer' },
      worker: { in: 'explorer/src/layout-worker.js', out: 'layout' },
    },
    {},
  );
  explorer.icon = await copyIcon('explorer');

  const manifest = { playground, explorer };
  await writeFile(path.join(distdir, 'manifest.json'), JSON.stringify(manifest, null, 2) + '\n');
  console.log(`wrote ${path.relative(process.cwd(), distdir)}/manifest.json ${JSON.stringify(manifest)}`);
}

main().catch((err) => {
  console.error(err.message || err);
  process.exit(1);
});
