/** `cordon catalog`: the list of built-in entries and one entry with its sources. */
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { CatalogueEntry } from '../../src/core/catalogue/index.ts';
import { CATALOGUE_ENTRIES as CATALOGUE } from '../../src/core/catalogue/provenance.ts';
import { runCordonBin, runCordonInProcess } from '../support/cli.ts';

const ROOT = resolve(import.meta.dirname, '..', '..');



const cordon = (args: readonly string[]) => runCordonInProcess(args);

describe('cordon catalog', () => {
  it('lists every entry with its id, name, domain and host counts and review date', async () => {
    const run = await cordon(['catalog']);
    expect(run.code).toBe(0);
    expect(run.stderr).toBe('');
    const lines = run.stdout.split('\n');
    expect(lines[0]).toMatch(/^ID\s+NAME\s+DOMAINS\s+HOSTS\s+REVIEWED$/);
    for (const app of CATALOGUE) {
      const line = lines.find((l) => l.startsWith(`${app.id} `));
      expect(line, app.id).toBeDefined();
      expect(line).toContain(app.name);
      expect(line).toMatch(new RegExp(`\\s${app.domains.length}\\s+${app.hosts.length}\\s+${app.reviewed}`));
    }
    expect(lines.find((l) => l.startsWith('tiktok '))).toMatch(/\(default\)$/);
    expect(lines.find((l) => l.startsWith('deepseek '))).not.toMatch(/default/);
    expect(run.stdout).toContain(`${CATALOGUE.length} entries`);
  });

  it.each(CATALOGUE.map((app) => [app.id, app] as const))('catalog %s shows the entry with every domain, host and source', async (id, app: CatalogueEntry) => {
    const run = await cordon(['catalog', id]);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(`${app.name} (${app.id})`);
    expect(run.stdout).toContain(`Vendor    ${app.vendor}`);
    expect(run.stdout).toContain(`Reviewed  ${app.reviewed}`);
    for (const value of [...app.domains, ...app.hosts]) expect(run.stdout).toMatch(new RegExp(`^  ${value.replace(/\./g, '\\.')}(  \\[|$)`, 'm'));
    for (const source of app.sources) {
      expect(run.stdout).toContain(source.title);
      expect(run.stdout).toContain(`${source.url} (checked ${source.checked})`);
    }
    for (const exclusion of app.notBlocked) expect(run.stdout).toContain(`  ${exclusion.host}: `);
  });

  it('names the sources each value comes from', async () => {
    const run = await cordon(['catalog', 'wechat']);
    expect(run.stdout).toMatch(/^ {2}weixin\.qq\.com {2}\[AG, BM\]( {2}listed by adguardhome)?$/m);
    expect(run.stdout).toMatch(/^ {2}\[AG\] AdGuard HostlistsRegistry: services\/wechat\.yml$/m);
  });

  it('names the reference lists that list each value, and explains every reference name it does not block', async () => {
    const run = await cordon(['catalog', 'tiktok']);
    expect(run.stdout).toMatch(/^ {2}tiktok\.com {2}\[[A-Z0-9, -]+\] {2}listed by adguardhome, nextdns, v2fly$/m);
    expect(run.stdout).toMatch(/^ {2}adguardhome: AdguardTeam\/AdGuardHome internal\/filtering\/servicelist\.go \(tiktok\) at [0-9a-f]{12} \(\d{4}-\d\d-\d\d\), taken \d{4}-\d\d-\d\d$/m);
    expect(run.stdout).toMatch(/^ {4}douyincdn\.com \(adguardhome, nextdns\): not blocked \(douyincdn\.com\): Douyin/m);
    expect(run.stdout).not.toContain('NOT EXPLAINED');
  });

  it('--json gives the entry, or the whole catalogue, as data', async () => {
    const one = await cordon(['catalog', '--json', 'vk']);
    expect(one.code).toBe(0);
    expect(JSON.parse(one.stdout)).toEqual(JSON.parse(JSON.stringify(CATALOGUE.find((a) => a.id === 'vk'))));
    const all = await cordon(['catalog', '--json']);
    expect((JSON.parse(all.stdout) as CatalogueEntry[]).map((a) => a.id)).toEqual(CATALOGUE.map((a) => a.id));
  });

  it('an unknown id fails with one line naming the known ids', async () => {
    const run = await cordon(['catalog', 'myspace']);
    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(/^cordon: catalog: "myspace" is not a built-in app \(known: tiktok, deepseek, .*kimi\)\n$/);
  });

  it('more than one id is a usage error', async () => {
    const run = await cordon(['catalog', 'tiktok', 'vk']);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^cordon: catalog: expected at most one ID, got 2/);
  });

  it('--help describes the command and cordon --help lists it', async () => {
    const help = await cordon(['catalog', '--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/^Usage: cordon catalog \[--json\] \[ID\]/);
    expect(help.stdout).toContain('docs/catalogue.md');
    const top = await cordon(['--help']);
    expect(top.stdout).toMatch(/^ {2}catalog {2}list the built-in catalogue/m);
  });

  it('works through the real binary', async () => {
    const run = await runCordonBin(['catalog', 'deepseek'], ROOT);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/^DeepSeek \(deepseek\)$/m);
    expect(run.stdout).toMatch(/^ {2}deepseek\.com {2}\[AG, V2, DOCS, TRAY\] {2}listed by adguardhome, v2fly$/m);
  }, 20_000);
});
