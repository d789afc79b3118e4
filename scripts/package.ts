/**
 * `npm run package` (after `npm run build`): the store packages, versioned from package.json.
 *
 *   packages/cordon-chromium-<version>.zip   dist/ for the Chrome Web Store and Edge Add-ons
 *   packages/cordon-firefox-<version>.xpi    dist-firefox/ for addons.mozilla.org (an xpi is a zip)
 *
 * Both have manifest.json at the root. The Chromium zip's manifest drops `key`: the Chrome Web Store
 * refuses an upload that carries one (it keeps the item's own key), and `_metadata/`, which Chromium
 * writes into an unpacked build it has loaded, is left out. The version in package.json must equal the
 * manifest's and both builds', or nothing is written.
 *
 * The archives are written with fflate's zipSync, set up to be reproducible: every entry gets the same
 * timestamp (1980-01-01 00:00:00) and mode (0644, made on Unix), entries are in name order, deflated at
 * level 9, with no directory entries, extra fields or comments, so the same build gives the same archive,
 * byte for byte, with a given fflate. Names that could unpack outside the target folder, and repeated
 * names, are refused.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { zipSync, type Zippable } from 'fflate';

export interface ZipEntry {
  /** Path inside the archive, with forward slashes. */
  readonly name: string;
  readonly data: Uint8Array;
}

/** A regular file, mode 0644, in the external attributes; they count only with os 3 (Unix). */
const UNIX = 3;
const FILE_ATTRS = (0o100644 << 16) >>> 0;

/**
 * A zip archive of the entries (fflate's zipSync), in name order, each deflated at level 9.
 *
 * fflate writes a plain object's keys in their JavaScript order, which is insertion order except that
 * names that are array indices ("0", "42": digits only, so only at the root) come first, in numeric order.
 * Either way the order follows from the names alone, so the archive stays reproducible.
 */
export function zip(entries: readonly ZipEntry[]): Buffer {
  const sorted = [...entries].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  if (sorted.length > 0xffff) throw new Error('zip: more than 65,535 entries need zip64');
  const files: Zippable = {};
  for (const [i, entry] of sorted.entries()) {
    if (entry.name === '' || entry.name.startsWith('/') || entry.name.split('/').some((part) => part === '..' || part === '')) {
      throw new Error(`zip: unsafe entry name "${entry.name}"`);
    }
    if (i > 0 && sorted[i - 1]?.name === entry.name) throw new Error(`zip: "${entry.name}" twice`);
    // fflate files entries under their names in a plain object, where this one would set the prototype.
    if (entry.name === '__proto__') throw new Error('zip: fflate cannot write an entry named "__proto__" at the root');
    if (entry.data.length > 0xfffffffe) throw new Error('zip: archives over 4 GiB need zip64');
    files[entry.name] = entry.data;
  }
  // Every entry is dated 1980-01-01 00:00:00, the earliest MS-DOS date, so the archive never depends on
  // mtimes. Local time on purpose, made at each call: fflate turns the Date into a DOS date with the
  // local-time getters, so this gives the same bytes in every time zone (a UTC instant would be 07:00 in
  // Jakarta, and 1979 west of Greenwich, which fflate refuses).
  const mtime = new Date(1980, 0, 1, 0, 0, 0);
  const archive = zipSync(files, { level: 9, mtime, os: UNIX, attrs: FILE_ATTRS });
  if (archive.length > 0xfffffffe) throw new Error('zip: archives over 4 GiB need zip64');
  return Buffer.from(archive.buffer, archive.byteOffset, archive.length);
}

/** What a package never holds: dot-files, and the _metadata/ Chromium writes into a loaded unpacked build. */
function excluded(name: string): boolean {
  return name.startsWith('.') || name === '_metadata';
}

/** Every file under `dir`, as archive entries. Symbolic links and other non-files are refused, not followed. */
export function filesOf(dir: string): ZipEntry[] {
  const out: ZipEntry[] = [];
  const walk = (path: string) => {
    for (const entry of readdirSync(path, { withFileTypes: true })) {
      if (excluded(entry.name)) continue;
      const full = join(path, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.isFile()) out.push({ name: relative(dir, full).split(sep).join('/'), data: readFileSync(full) });
      else throw new Error(`${full}: not a regular file or directory`);
    }
  };
  walk(dir);
  return out;
}

interface Manifest {
  readonly version?: unknown;
  readonly key?: unknown;
  readonly browser_specific_settings?: { readonly gecko?: { readonly id?: unknown } };
  readonly [field: string]: unknown;
}

function readJson(path: string, what: string): Manifest {
  if (!existsSync(path)) throw new Error(`${path} is missing: ${what}`);
  return JSON.parse(readFileSync(path, 'utf8')) as Manifest;
}

export interface Packages {
  readonly version: string;
  readonly chromium: string;
  readonly firefox: string;
}

/** Builds both packages from `root`'s dist/ and dist-firefox/ into `outDir` (default root/packages). */
export function packageExtension(root: string, outDir = join(root, 'packages')): Packages {
  const { version } = readJson(join(root, 'package.json'), 'not the project root');
  if (typeof version !== 'string' || !/^\d+(\.\d+){0,3}$/.test(version)) {
    throw new Error(`package.json version "${String(version)}" is not a browser extension version (1 to 4 dot-separated integers)`);
  }
  const sources = {
    'manifest.json': readJson(join(root, 'manifest.json'), 'not the project root'),
    'dist/manifest.json': readJson(join(root, 'dist', 'manifest.json'), 'run `npm run build` first'),
    'dist-firefox/manifest.json': readJson(join(root, 'dist-firefox', 'manifest.json'), 'run `npm run build` first'),
  };
  for (const [path, manifest] of Object.entries(sources)) {
    if (manifest.version !== version) {
      throw new Error(`version mismatch: package.json says ${version}, ${path} says ${String(manifest.version)}; make them equal (and rebuild) before packaging`);
    }
  }
  const geckoId = sources['dist-firefox/manifest.json'].browser_specific_settings?.gecko?.id;
  if (typeof geckoId !== 'string') throw new Error('dist-firefox/manifest.json has no browser_specific_settings.gecko.id: is it the Firefox build?');

  const chromiumFiles = filesOf(join(root, 'dist')).map((entry) => {
    if (entry.name !== 'manifest.json') return entry;
    const { key: _key, ...storeManifest } = sources['dist/manifest.json'];
    return { name: entry.name, data: Buffer.from(`${JSON.stringify(storeManifest, null, 2)}\n`) };
  });
  const firefoxFiles = filesOf(join(root, 'dist-firefox'));

  mkdirSync(outDir, { recursive: true });
  const write = (name: string, files: readonly ZipEntry[]): string => {
    const path = join(outDir, name);
    const tmp = join(outDir, `.${name}.${process.pid}.tmp`);
    writeFileSync(tmp, zip(files));
    renameSync(tmp, path);
    return path;
  };
  return {
    version,
    chromium: write(`cordon-chromium-${version}.zip`, chromiumFiles),
    firefox: write(`cordon-firefox-${version}.xpi`, firefoxFiles),
  };
}

/** `node --import tsx scripts/package.ts [--out DIR]`: packages this project's builds (into DIR, default packages/). */
function main(args: readonly string[]): void {
  const root = resolve(import.meta.dirname, '..');
  try {
    const [flag, dir, ...rest] = args;
    if ((flag !== undefined && (flag !== '--out' || dir === undefined)) || rest.length > 0) throw new Error('usage: scripts/package.ts [--out DIR]');
    const out = packageExtension(root, dir === undefined ? undefined : resolve(dir));
    for (const path of [out.chromium, out.firefox]) {
      const bytes = readFileSync(path);
      console.log(`${relative(root, path)}  ${bytes.length} bytes  sha256 ${createHash('sha256').update(bytes).digest('hex')}`);
    }
  } catch (e) {
    console.error(`package: ${e instanceof Error ? e.message : String(e)}`);
    process.exitCode = 1;
  }
}

if (process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main(process.argv.slice(2));
