/**
 * `npm run package` (scripts/package.ts) on a fixture project: the archives read back entry by entry
 * with a strict reader written here (local headers against the central directory, CRC-32 and sizes
 * against the inflated bytes), and with Info-ZIP's `unzip -t` where it is installed; manifest.json sits
 * at the root; the store zip has no `key` and no `_metadata/`; the output is the same bytes whatever the
 * files' timestamps; a version mismatch writes nothing.
 */
import { randomBytes } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { crc32, inflateRawSync } from 'node:zlib';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { packageExtension, zip, type ZipEntry } from '../../scripts/package.ts';

const tmp = mkdtempSync(join(tmpdir(), 'cordon-package-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** Reads a zip the strict way: EOCD, central directory, then each local header must agree with it. */
function readZip(archive: Buffer): Map<string, Buffer> {
  const eocd = archive.length - 22;
  expect(archive.readUInt32LE(eocd), 'end of central directory (no archive comment)').toBe(0x06054b50);
  const count = archive.readUInt16LE(eocd + 10);
  expect(archive.readUInt16LE(eocd + 8)).toBe(count);
  const size = archive.readUInt32LE(eocd + 12);
  let at = archive.readUInt32LE(eocd + 16);
  expect(at + size, 'the central directory ends where the EOCD starts').toBe(eocd);

  const files = new Map<string, Buffer>();
  let expectedLocal = 0;
  for (let i = 0; i < count; i++) {
    expect(archive.readUInt32LE(at), 'central directory header').toBe(0x02014b50);
    const method = archive.readUInt16LE(at + 10);
    const crc = archive.readUInt32LE(at + 16);
    const compressed = archive.readUInt32LE(at + 20);
    const length = archive.readUInt32LE(at + 24);
    const nameLength = archive.readUInt16LE(at + 28);
    const extra = archive.readUInt16LE(at + 30);
    const comment = archive.readUInt16LE(at + 32);
    const localAt = archive.readUInt32LE(at + 42);
    const name = archive.subarray(at + 46, at + 46 + nameLength).toString('utf8');
    at += 46 + nameLength + extra + comment;

    expect(localAt, `${name}: entries are back to back`).toBe(expectedLocal);
    expect(archive.readUInt32LE(localAt), `${name}: local header`).toBe(0x04034b50);
    expect(archive.readUInt16LE(localAt + 8), `${name}: method`).toBe(method);
    expect(archive.readUInt32LE(localAt + 14), `${name}: crc`).toBe(crc);
    expect(archive.readUInt32LE(localAt + 18), `${name}: compressed size`).toBe(compressed);
    expect(archive.readUInt32LE(localAt + 22), `${name}: size`).toBe(length);
    const localName = archive.readUInt16LE(localAt + 26);
    const localExtra = archive.readUInt16LE(localAt + 28);
    expect(archive.subarray(localAt + 30, localAt + 30 + localName).toString('utf8')).toBe(name);
    const start = localAt + 30 + localName + localExtra;
    const body = archive.subarray(start, start + compressed);
    expectedLocal = start + compressed;

    expect([0, 8], `${name}: stored or deflated`).toContain(method);
    const data = method === 8 ? inflateRawSync(body) : Buffer.from(body);
    expect(data.length, `${name}: size`).toBe(length);
    expect(crc32(data), `${name}: CRC-32`).toBe(crc);
    expect(files.has(name), `${name}: once`).toBe(false);
    files.set(name, data);
  }
  expect(at, 'central directory size').toBe(eocd);
  expect(expectedLocal, 'the central directory follows the last entry').toBe(archive.readUInt32LE(eocd + 16));
  return files;
}

/** What each central directory entry says beside its bytes: how it is packed, dated and moded. */
function headersOf(archive: Buffer): { name: string; method: number; time: number; date: number; madeBy: number; attrs: number }[] {
  const eocd = archive.length - 22;
  const out = [];
  let at = archive.readUInt32LE(eocd + 16);
  for (let i = 0; i < archive.readUInt16LE(eocd + 10); i++) {
    const nameLength = archive.readUInt16LE(at + 28);
    out.push({
      name: archive.subarray(at + 46, at + 46 + nameLength).toString('utf8'),
      madeBy: archive.readUInt16LE(at + 4),
      method: archive.readUInt16LE(at + 10),
      time: archive.readUInt16LE(at + 12),
      date: archive.readUInt16LE(at + 14),
      attrs: archive.readUInt32LE(at + 38),
    });
    at += 46 + nameLength + archive.readUInt16LE(at + 30) + archive.readUInt16LE(at + 32);
  }
  return out;
}

const unzipAvailable = spawnSync('unzip', ['-v']).status === 0;

function write(path: string, data: string | Buffer): void {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, data);
}

const PNG = randomBytes(300);
const KEY = 'MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEA-test-key';

/** A project as `npm run build` leaves it, including what Chromium writes into a loaded build. */
function fixture(root: string, versions: { pkg?: string; manifest?: string; dist?: string; firefox?: string } = {}): void {
  const v = (x: string | undefined) => x ?? '1.2.3';
  write(join(root, 'package.json'), JSON.stringify({ name: 'cordon', version: v(versions.pkg) }));
  write(join(root, 'manifest.json'), JSON.stringify({ manifest_version: 3, version: v(versions.manifest), key: KEY }));
  write(join(root, 'dist', 'manifest.json'), JSON.stringify({ manifest_version: 3, name: 'Cordon', version: v(versions.dist), key: KEY, storage: { managed_schema: 'schema.json' } }));
  write(join(root, 'dist', 'schema.json'), '{"type":"object"}');
  write(join(root, 'dist', 'assets', 'index.ts-abc.js'), 'console.log("cordon");\n'.repeat(200));
  write(join(root, 'dist', 'icons', 'icon-16.png'), PNG);
  write(join(root, 'dist', '_locales', 'en', 'messages.json'), '{"extName":{"message":"Cordon"}}');
  write(join(root, 'dist', '_metadata', 'generated_indexed_rulesets', '_ruleset1'), randomBytes(64));
  write(join(root, 'dist', '.DS_Store'), 'x');
  write(join(root, 'dist-firefox', 'manifest.json'), JSON.stringify({ manifest_version: 3, version: v(versions.firefox), browser_specific_settings: { gecko: { id: 'cordon@cordon-browser.org' } } }));
  write(join(root, 'dist-firefox', 'schema.json'), '{"type":"object"}');
  write(join(root, 'dist-firefox', 'icons', 'icon-16.png'), PNG);
}

describe('the zip writer', () => {
  it('writes what a strict reader and Info-ZIP read back: deflated entries, UTF-8 names, an empty file', () => {
    const entries: ZipEntry[] = [
      { name: 'manifest.json', data: Buffer.from('{"version":"1"}') },
      { name: 'a/deep/path/ü.txt', data: Buffer.from('héllo '.repeat(1000)) },
      { name: 'random.bin', data: randomBytes(5000) }, // incompressible: deflate falls back to stored blocks inside
      { name: 'empty', data: Buffer.alloc(0) },
    ];
    const archive = zip(entries);
    const files = readZip(archive);
    expect([...files.keys()]).toEqual(['a/deep/path/ü.txt', 'empty', 'manifest.json', 'random.bin']);
    for (const entry of entries) expect(files.get(entry.name)?.equals(entry.data), entry.name).toBe(true);
    // fflate deflates every entry (method 8), even where storing would be a few bytes smaller; every entry
    // is dated 1980-01-01 00:00:00 (DOS time 0, date 0x0021) and is a 0644 file made on Unix (3).
    for (const header of headersOf(archive)) {
      expect(header, header.name).toEqual({ name: header.name, method: 8, time: 0, date: (1 << 5) | 1, madeBy: (3 << 8) | 20, attrs: (0o100644 << 16) >>> 0 });
    }
    if (unzipAvailable) {
      const path = join(tmp, 'writer.zip');
      writeFileSync(path, archive);
      const test = spawnSync('unzip', ['-t', path], { encoding: 'utf8' });
      expect(test.status, test.stdout + test.stderr).toBe(0);
      expect(test.stdout).toContain('No errors detected');
    }
  });

  it('gives the same bytes in every time zone (fflate reads the date with local-time getters)', () => {
    const entries: ZipEntry[] = [{ name: 'manifest.json', data: Buffer.from('{"version":"1"}') }];
    const saved = process.env.TZ;
    const archives = new Map<string, Buffer>();
    try {
      for (const tz of ['UTC', 'Asia/Jakarta', 'America/Los_Angeles', 'Pacific/Kiritimati']) {
        process.env.TZ = tz;
        archives.set(tz, zip(entries));
      }
    } finally {
      if (saved === undefined) delete process.env.TZ;
      else process.env.TZ = saved;
    }
    const utc = archives.get('UTC');
    expect(utc && headersOf(utc)[0]).toMatchObject({ time: 0, date: (1 << 5) | 1 });
    for (const [tz, archive] of archives) expect(archive.equals(utc ?? Buffer.alloc(0)), tz).toBe(true);
  });

  it('orders entries by name, but puts names that are array indices first, in numeric order (how fflate walks an object)', () => {
    const names = ['b', 'a/2', '10', 'a/__proto__', '9', 'a/10', 'A', 'constructor'];
    const archive = zip(names.map((name) => ({ name, data: Buffer.from(name) })));
    const files = readZip(archive);
    expect([...files.keys()]).toEqual(['9', '10', 'A', 'a/10', 'a/2', 'a/__proto__', 'b', 'constructor']);
    for (const name of names) expect(files.get(name)?.toString('utf8'), name).toBe(name);
  });

  it('refuses names that could escape the folder they are unpacked into, and repeats', () => {
    for (const name of ['../evil', '/etc/passwd', 'a//b', '']) expect(() => zip([{ name, data: Buffer.alloc(1) }]), name).toThrow(/unsafe entry name/);
    expect(() => zip([{ name: 'x', data: Buffer.alloc(1) }, { name: 'x', data: Buffer.alloc(2) }])).toThrow(/twice/);
    // Not unsafe, but fflate would take it for the prototype of its table of entries.
    expect(() => zip([{ name: '__proto__', data: Buffer.alloc(1) }])).toThrow(/cannot write an entry named "__proto__"/);
  });
});

describe('npm run package (scripts/package.ts)', () => {
  let root: string;
  beforeEach(() => {
    root = mkdtempSync(join(tmp, 'project-'));
  });

  it('writes packages/cordon-chromium-<version>.zip and cordon-firefox-<version>.xpi with manifest.json at the root', () => {
    fixture(root);
    const out = packageExtension(root);
    expect(out).toEqual({ version: '1.2.3', chromium: join(root, 'packages', 'cordon-chromium-1.2.3.zip'), firefox: join(root, 'packages', 'cordon-firefox-1.2.3.xpi') });

    const chromium = readZip(readFileSync(out.chromium));
    expect([...chromium.keys()]).toEqual(['_locales/en/messages.json', 'assets/index.ts-abc.js', 'icons/icon-16.png', 'manifest.json', 'schema.json']);
    const manifest = JSON.parse(chromium.get('manifest.json')?.toString('utf8') ?? '{}') as Record<string, unknown>;
    // The store refuses `key`; everything else is the build's manifest.
    expect(manifest).toEqual({ manifest_version: 3, name: 'Cordon', version: '1.2.3', storage: { managed_schema: 'schema.json' } });
    expect(chromium.get('icons/icon-16.png')?.equals(PNG)).toBe(true);
    expect(chromium.get('assets/index.ts-abc.js')?.toString('utf8')).toBe(readFileSync(join(root, 'dist', 'assets', 'index.ts-abc.js'), 'utf8'));

    const firefox = readZip(readFileSync(out.firefox));
    expect([...firefox.keys()]).toEqual(['icons/icon-16.png', 'manifest.json', 'schema.json']);
    expect(firefox.get('manifest.json')?.toString('utf8')).toBe(readFileSync(join(root, 'dist-firefox', 'manifest.json'), 'utf8'));

    if (unzipAvailable) {
      for (const path of [out.chromium, out.firefox]) {
        const test = spawnSync('unzip', ['-t', path], { encoding: 'utf8' });
        expect(test.status, test.stdout + test.stderr).toBe(0);
      }
    }
  });

  it('is reproducible: new timestamps on every file change nothing', () => {
    fixture(root);
    const first = packageExtension(root, join(root, 'first'));
    const later = new Date('2031-07-04T12:34:56Z');
    for (const file of ['dist/manifest.json', 'dist/schema.json', 'dist/icons/icon-16.png', 'dist-firefox/manifest.json']) utimesSync(join(root, file), later, later);
    const second = packageExtension(root, join(root, 'second'));
    expect(readFileSync(second.chromium).equals(readFileSync(first.chromium))).toBe(true);
    expect(readFileSync(second.firefox).equals(readFileSync(first.firefox))).toBe(true);
  });

  it.each([
    ['manifest.json', { manifest: '1.2.4' }],
    ['dist/manifest.json', { dist: '1.2.2' }],
    ['dist-firefox/manifest.json', { firefox: '1.3.0' }],
  ] as const)('refuses a version in %s that differs from package.json, writing nothing', (file, versions) => {
    fixture(root, versions);
    expect(() => packageExtension(root)).toThrow(new RegExp(`version mismatch: package.json says 1\\.2\\.3, ${file.replace('.', '\\.')} says `));
    expect(existsSync(join(root, 'packages'))).toBe(false);
  });

  it('refuses to package before a build, and a version browsers cannot use', () => {
    write(join(root, 'package.json'), JSON.stringify({ version: '1.0.0' }));
    write(join(root, 'manifest.json'), JSON.stringify({ version: '1.0.0' }));
    expect(() => packageExtension(root)).toThrow(/dist[/\\]manifest\.json is missing: run `npm run build` first/);
    fixture(root, { pkg: '1.0.0-beta.1' });
    expect(() => packageExtension(root)).toThrow(/is not a browser extension version/);
  });

});

const ROOT = join(import.meta.dirname, '..', '..');
/** Each run starts tsx: about a second, several on a loaded machine. */
const SPAWN_TIMEOUT = 30_000;
const built = existsSync(join(ROOT, 'dist', 'manifest.json')) && existsSync(join(ROOT, 'dist-firefox', 'manifest.json'));

describe.skipIf(!built)('scripts/package.ts on this project\'s own build (needs `npm run build`)', () => {
  it('prints each package with its size and SHA-256; the packages hold the real builds', () => {
    const out = join(tmp, 'real');
    const run = spawnSync(process.execPath, ['--import', 'tsx', join(ROOT, 'scripts', 'package.ts'), '--out', out], { encoding: 'utf8', cwd: ROOT });
    expect(run.status, run.stderr).toBe(0);
    const { version } = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string };
    const lines = run.stdout.trim().split('\n');
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(new RegExp(`cordon-chromium-${version.replace(/\./g, '\\.')}\\.zip {2}\\d+ bytes {2}sha256 [0-9a-f]{64}$`));
    expect(lines[1]).toMatch(new RegExp(`cordon-firefox-${version.replace(/\./g, '\\.')}\\.xpi {2}\\d+ bytes {2}sha256 [0-9a-f]{64}$`));

    const chromium = readZip(readFileSync(join(out, `cordon-chromium-${version}.zip`)));
    const manifest = JSON.parse(chromium.get('manifest.json')?.toString('utf8') ?? '{}') as Record<string, unknown>;
    expect(manifest.version).toBe(version);
    expect(manifest).not.toHaveProperty('key');
    expect([...chromium.keys()].some((name) => name.startsWith('_metadata/'))).toBe(false);
    expect(chromium.has('schema.json')).toBe(true);
    const firefox = readZip(readFileSync(join(out, `cordon-firefox-${version}.xpi`)));
    expect(JSON.parse(firefox.get('manifest.json')?.toString('utf8') ?? '{}')).toMatchObject({ version, browser_specific_settings: { gecko: { id: 'cordon@cordon-browser.org' } } });
  }, SPAWN_TIMEOUT);

  it('a wrong command line is one error line and exit 1', () => {
    const run = spawnSync(process.execPath, ['--import', 'tsx', join(ROOT, 'scripts', 'package.ts'), '--bogus'], { encoding: 'utf8', cwd: ROOT });
    expect(run.status).toBe(1);
    expect(run.stderr.trim()).toBe('package: usage: scripts/package.ts [--out DIR]');
  }, SPAWN_TIMEOUT);
});
