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
 * The zip writer is the ~60 lines below rather than a dependency: Node ≥ 20.15 has zlib.crc32 and
 * deflateRawSync, which is all a zip of a few dozen files needs, and writing the bytes ourselves keeps
 * the archives reproducible (fixed timestamps and modes, sorted entries, no extra fields): the same
 * build gives the same archive, byte for byte, with a given Node.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { crc32, deflateRawSync } from 'node:zlib';

export interface ZipEntry {
  /** Path inside the archive, with forward slashes. */
  readonly name: string;
  readonly data: Uint8Array;
}

/** 1980-01-01 00:00:00, the earliest MS-DOS date: every entry gets it, so the archive never depends on mtimes. */
const DOS_TIME = 0;
const DOS_DATE = (0 << 9) | (1 << 5) | 1;
/** Version 2.0 (deflate), made on Unix (3) so the external attributes carry a file mode. */
const VERSION_NEEDED = 20;
const VERSION_MADE_BY = (3 << 8) | 20;
const FILE_MODE = 0o100644;
/** General-purpose flag bit 11: names are UTF-8. */
const UTF8_NAMES = 0x0800;

/** A zip archive (PKWARE APPNOTE 4.3) of the entries, sorted by name, each deflated unless storing is smaller. */
export function zip(entries: readonly ZipEntry[]): Buffer {
  const sorted = [...entries].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const [i, entry] of sorted.entries()) {
    if (entry.name === '' || entry.name.startsWith('/') || entry.name.split('/').some((part) => part === '..' || part === '')) {
      throw new Error(`zip: unsafe entry name "${entry.name}"`);
    }
    if (i > 0 && sorted[i - 1]?.name === entry.name) throw new Error(`zip: "${entry.name}" twice`);
    const name = Buffer.from(entry.name, 'utf8');
    const deflated = deflateRawSync(entry.data, { level: 9 });
    const stored = deflated.length >= entry.data.length;
    const body = stored ? Buffer.from(entry.data) : deflated;
    const crc = crc32(entry.data);
    if (entry.data.length > 0xfffffffe || offset > 0xfffffffe) throw new Error('zip: archives over 4 GiB need zip64');

    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(VERSION_NEEDED, 4);
    local.writeUInt16LE(UTF8_NAMES, 6);
    local.writeUInt16LE(stored ? 0 : 8, 8);
    local.writeUInt16LE(DOS_TIME, 10);
    local.writeUInt16LE(DOS_DATE, 12);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(body.length, 18);
    local.writeUInt32LE(entry.data.length, 22);
    local.writeUInt16LE(name.length, 26);
    local.writeUInt16LE(0, 28);

    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(VERSION_MADE_BY, 4);
    central.writeUInt16LE(VERSION_NEEDED, 6);
    central.writeUInt16LE(UTF8_NAMES, 8);
    central.writeUInt16LE(stored ? 0 : 8, 10);
    central.writeUInt16LE(DOS_TIME, 12);
    central.writeUInt16LE(DOS_DATE, 14);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(body.length, 20);
    central.writeUInt32LE(entry.data.length, 24);
    central.writeUInt16LE(name.length, 28);
    // extra length, comment length, disk number start, internal attributes: all 0
    central.writeUInt32LE((FILE_MODE << 16) >>> 0, 38);
    central.writeUInt32LE(offset, 42);

    locals.push(local, name, body);
    centrals.push(central, name);
    offset += local.length + name.length + body.length;
  }
  if (sorted.length > 0xffff) throw new Error('zip: more than 65,535 entries need zip64');
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(sorted.length, 8);
  end.writeUInt16LE(sorted.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
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
