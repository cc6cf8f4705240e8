// Builds the GraphiQL playground into ../dist for the Go package `web`
// (which embeds that directory with //go:embed all:dist).
//
//   npm ci && npm run build
//
// Output (all names content-hashed, so they can be cached forever):
//   dist/playground-HASH.js, dist/playground-HASH.css  the bundle
//   dist/<font|image>-HASH.<ext>                       files the CSS references
//   dist/*.LEGAL.txt                                   third-party license comments
//   dist/manifest.json                                 {"js": ..., "css": ...} for the Go side
//
// The CSS of graphiql inlines its fonts (Roboto, Fira Code) and a few icons
// as base64 data: URIs. The inlineDataToFiles plugin turns them into separate
// files so that the browser only downloads the font faces it uses and the
// page's Content-Security-Policy does not need to allow data: URIs.
//
// The build fails if the output references anything outside the service
// (remote @import or url(), CDN hosts), because the playground must work
// without internet access.

import * as esbuild from 'esbuild';
import { createHash } from 'node:crypto';
import { mkdir, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const outdir = path.resolve(here, '..', 'dist');

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

async function cleanOutdir() {
  await mkdir(outdir, { recursive: true });
  for (const entry of await readdir(outdir)) {
    if (!KEEP.has(entry)) {
      await rm(path.join(outdir, entry), { recursive: true, force: true });
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

async function main() {
  await cleanOutdir();

  const result = await esbuild.build({
    absWorkingDir: here,
    entryPoints: { playground: 'src/main.jsx' },
    outdir,
    bundle: true,
    minify: true,
    sourcemap: false,
    format: 'iife',
    platform: 'browser',
    target: ['es2020'],
    jsx: 'automatic',
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
    logLevel: 'info',
    plugins: [inlineDataToFiles(), stubGraphqlWs(), rewordCdnHint()],
  });

  const outputs = Object.entries(result.metafile.outputs);
  const entry = outputs.find(([, o]) => o.entryPoint === 'src/main.jsx');
  if (!entry || !entry[1].cssBundle) {
    throw new Error('build produced no JS entry or no CSS bundle');
  }
  const rel = (p) => path.relative(outdir, path.resolve(here, p)).split(path.sep).join('/');
  const manifest = { js: rel(entry[0]), css: rel(entry[1].cssBundle) };

  const problems = [];
  for (const [file] of outputs) {
    if (/\.(js|css)$/.test(file)) {
      for (const p of check(file, await readFile(path.resolve(here, file), 'utf8'))) {
        problems.push(`${rel(file)}: ${p}`);
      }
    }
  }
  if (problems.length > 0) {
    throw new Error('output references external resources:\n  ' + problems.join('\n  '));
  }

  await writeFile(path.join(outdir, 'manifest.json'), JSON.stringify(manifest, null, 2) + '\n');
  console.log(`wrote ${path.relative(process.cwd(), outdir)}/manifest.json ${JSON.stringify(manifest)}`);
}

main().catch((err) => {
  console.error(err.message || err);
  process.exit(1);
});
