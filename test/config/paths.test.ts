// Paths on a clerk's Windows PC, simulated with path.win32 on any machine: config inputs and globs, db/out in the config,
// --db/--out/--config on the command line; then the same patterns matched on this machine's real file system.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/config.js';
import { filesOf, planInput } from '../../src/config/inputs.js';
import { argPath, configPath } from '../../src/config/paths.js';
import { cli, fixture, tempDir } from '../helpers/cli.js';

const win = path.win32;
const BASE = 'D:\\民政\\bidui';

describe('config paths with Windows semantics (path.win32)', () => {
  it('a relative input with backslashes and {period} is taken from the config folder', () => {
    expect(planInput('名单\\{period}\\低保*.xlsx', '2024-11', BASE, win)).toEqual({
      pattern: 'D:\\民政\\bidui\\名单\\2024-11\\低保*.xlsx',
      dir: 'D:\\民政\\bidui\\名单\\2024-11',
      glob: '低保*.xlsx',
    });
  });

  it('forward slashes, the other placeholders and a literal file', () => {
    expect(planInput('名单/{yyyy}年/{yyyymm}/低保*.xlsx', '2024-11', BASE, win)).toMatchObject({ dir: 'D:\\民政\\bidui\\名单\\2024年\\202411', glob: '低保*.xlsx' });
    expect(planInput('名单\\外部名单\\财政供养人员.xlsx', '2024-11', BASE, win)).toEqual({
      pattern: 'D:\\民政\\bidui\\名单\\外部名单\\财政供养人员.xlsx',
      dir: 'D:\\民政\\bidui\\名单\\外部名单',
      glob: null,
    });
  });

  it('another drive and a UNC share are absolute', () => {
    expect(planInput('E:\\名单\\{mm}月\\*.csv', '2024-03', BASE, win)).toMatchObject({ dir: 'E:\\名单\\03月', glob: '*.csv' });
    expect(planInput('\\\\server\\share\\名单\\{period}\\*.xls', '2024-11', BASE, win)).toEqual({
      pattern: '\\\\server\\share\\名单\\2024-11\\*.xls',
      dir: '\\\\server\\share\\名单\\2024-11',
      glob: '*.xls',
    });
    expect(planInput('//server/share/*/低保.xlsx', '2024-11', BASE, win)).toMatchObject({ dir: '\\\\server\\share\\', glob: '*/低保.xlsx' });
  });

  it('folders before the first wildcard are literal; glob syntax after it is escaped, only * and ? stay wildcards', () => {
    expect(planInput('[县]\\名单(2024)\\{period}\\低保*.xlsx', '2024-11', BASE, win)).toMatchObject({ dir: 'D:\\民政\\bidui\\[县]\\名单(2024)\\2024-11', glob: '低保*.xlsx' });
    expect(planInput('名单\\*\\低保(城市){a,b}+@!?.xlsx', '2024-11', BASE, win).glob).toBe('*/低保\\(城市\\)\\{a,b\\}\\+\\@\\!?.xlsx');
  });

  it('wildcard characters in the config folder itself are not wildcards', () => {
    expect(planInput('名单/低保.xlsx', '2024-11', '/data/a*b', path.posix)).toMatchObject({ pattern: '/data/a*b/名单/低保.xlsx', glob: null });
  });

  it('on Linux a backslash in a config path is a separator too', () => {
    expect(planInput('名单\\{period}\\低保*.xlsx', '2024-11', '/data/bidui', path.posix)).toEqual({
      pattern: '/data/bidui/名单/2024-11/低保*.xlsx',
      dir: '/data/bidui/名单/2024-11',
      glob: '低保*.xlsx',
    });
    expect(configPath('/data/bidui', '数据\\bidui.db', path.posix)).toBe('/data/bidui/数据/bidui.db');
  });

  it('db and out in the config: drive letters, relative paths, UNC', () => {
    expect(configPath(BASE, 'E:\\备份\\bidui.db', win)).toBe('E:\\备份\\bidui.db');
    expect(configPath(BASE, '数据/bidui.db', win)).toBe('D:\\民政\\bidui\\数据\\bidui.db');
    expect(configPath(BASE, '..\\核查表', win)).toBe('D:\\民政\\核查表');
    expect(configPath(BASE, '\\\\server\\share\\核查表', win)).toBe('\\\\server\\share\\核查表');
  });
});

describe('command-line paths with Windows semantics (--db, --out, --config)', () => {
  const cwd = 'C:\\Users\\张 三\\Documents';

  it('drive letters, relative paths and UNC shares', () => {
    expect(argPath(cwd, 'D:\\民政\\bidui', win)).toBe('D:\\民政\\bidui');
    expect(argPath(cwd, 'D:/民政/bidui/bidui.db', win)).toBe('D:\\民政\\bidui\\bidui.db');
    expect(argPath(cwd, '核查表', win)).toBe('C:\\Users\\张 三\\Documents\\核查表');
    expect(argPath(cwd, '\\\\server\\share\\bidui.config.yaml', win)).toBe('\\\\server\\share\\bidui.config.yaml');
  });

  it('"D:\\民政\\核查表\\" (the backslash escapes the quote): a trailing quote is dropped, a swallowed rest of the line is refused', () => {
    expect(argPath(cwd, 'D:\\民政\\核查表"', win)).toBe('D:\\民政\\核查表');
    expect(() => argPath(cwd, 'D:\\民政\\核查表" --mask-ids', win)).toThrow(/请去掉路径末尾的 \\，写成 "D:\\民政\\核查表"/);
  });

  it('on Linux an argument is taken as the shell passed it', () => {
    expect(argPath('/home/clerk', 'a"b\\c', path.posix)).toBe('/home/clerk/a"b\\c');
  });
});

describe('matching on the real file system', () => {
  let dir: string;
  const month = (...p: string[]) => path.join(dir, '名单(2024)', '[县]', ...p);
  const touch = (f: string) => {
    fs.mkdirSync(path.dirname(f), { recursive: true });
    fs.writeFileSync(f, 'x');
  };

  beforeAll(() => {
    dir = tempDir('bidui-glob-');
    touch(month('2024-11', '低保_河口乡.xlsx'));
    touch(month('2024-11', '低保_城关镇.xlsx'));
    touch(month('2024-11', '低保_城南镇.XLSX'));
    touch(month('2024-11', '~$低保_城关镇.xlsx')); // Excel/WPS lock file
    touch(month('2024-11', '.~lock.低保_城关镇.xlsx#')); // LibreOffice lock file
    touch(month('2024-11', '低保说明.docx'));
    fs.mkdirSync(month('2024-11', '低保_旧.xlsx')); // a folder, not a file
    touch(path.join(dir, '外部', '{县,乡}', 'a+(1)', '名单.csv'));
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('backslash config path, literal brackets and parentheses; lock files, hidden files and folders skipped; sorted', () => {
    const files = filesOf(planInput('名单(2024)\\[县]\\{period}\\低保*.xlsx', '2024-11', dir), 'linux');
    expect(files).toEqual([month('2024-11', '低保_城关镇.xlsx'), month('2024-11', '低保_河口乡.xlsx')].sort());
  });

  it('case-insensitive where the file system is (Windows)', () => {
    const files = filesOf(planInput('名单(2024)/[县]/{period}/低保*.xlsx', '2024-11', dir), 'win32');
    expect(files.map((f) => path.basename(f))).toEqual(['低保_城关镇.xlsx', '低保_城南镇.XLSX', '低保_河口乡.xlsx'].sort());
  });

  it('a wildcard folder followed by folders with glob syntax in their names', () => {
    expect(filesOf(planInput('外部\\*\\a+(1)\\*.csv', '2024-11', dir), 'linux')).toEqual([path.join(dir, '外部', '{县,乡}', 'a+(1)', '名单.csv')]);
    expect(filesOf(planInput('*\\{县,乡}\\a+(1)\\名单.csv', '2024-11', dir), 'linux')).toEqual([path.join(dir, '外部', '{县,乡}', 'a+(1)', '名单.csv')]);
    expect(filesOf(planInput('*\\县\\a+(1)\\名单.csv', '2024-11', dir), 'linux')).toEqual([]);
    expect(filesOf(planInput('*\\[县]\\{period}\\低保_城关镇.xlsx', '2024-11', dir), 'linux')).toEqual([month('2024-11', '低保_城关镇.xlsx')]);
  });

  it('** matches any depth of folders', () => {
    expect(filesOf(planInput('**\\低保_城关镇.xlsx', '2024-11', dir), 'linux')).toEqual([month('2024-11', '低保_城关镇.xlsx')]);
  });

  it('a plain path names one file, or none; a missing folder matches nothing', () => {
    expect(filesOf(planInput('名单(2024)\\[县]\\2024-11\\低保_城关镇.xlsx', '2024-11', dir))).toEqual([month('2024-11', '低保_城关镇.xlsx')]);
    expect(filesOf(planInput('名单(2024)\\[县]\\2024-11\\低保_旧.xlsx', '2024-11', dir))).toEqual([]);
    expect(filesOf(planInput('没有\\{period}\\*.xlsx', '2024-11', dir))).toEqual([]);
  });
});

describe('a config written on Windows, read here', () => {
  let dir: string;
  beforeAll(() => {
    dir = tempDir('bidui-wincfg-');
    fs.mkdirSync(path.join(dir, '名单(2024)', '2024-11'), { recursive: true });
    fs.copyFileSync(fixture('kinds', 'dibao.xlsx'), path.join(dir, '名单(2024)', '2024-11', '低保_城关镇.xlsx'));
    fs.copyFileSync(fixture('kinds', 'tekun.xlsx'), path.join(dir, '名单(2024)', '2024-11', '特困.xlsx'));
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  const write = (text: string) => fs.writeFileSync(path.join(dir, 'bidui.config.yaml'), text);

  it('backslash paths in single quotes and unquoted: bidui run loads them', async () => {
    write(`county: 测试县\ndb: 数据\\bidui.db\nout: '核查表'\ninputs:\n  - kind: dibao\n    path: '名单(2024)\\{period}\\低保*.xlsx'\n  - kind: tekun\n    path: 名单(2024)\\{period}\\特困.xlsx\n`);
    fs.mkdirSync(path.join(dir, '数据'), { recursive: true });
    expect(loadConfig(undefined, dir).db).toBe(path.join(dir, '数据', 'bidui.db'));
    const r = await cli(['--json', 'run', '--period', '2024-11', '--no-report'], { cwd: dir });
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('低保：已导入 低保_城关镇.xlsx');
    expect(r.stderr).toContain('特困：已导入 特困.xlsx');
    expect((JSON.parse(r.stdout) as { db: string }).db).toBe(path.join(dir, '数据', 'bidui.db'));
  });

  it('backslashes in double quotes: the YAML error says to use single quotes; "\\n" and "\\t" escapes are caught', async () => {
    write(`inputs:\n  - kind: dibao\n    path: "名单\\{period}\\低保*.xlsx"\n`);
    let r = await cli(['run', '--period', '2024-11'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("Windows 路径请用单引号括起（如 path: '名单\\{period}\\低保*.xlsx'）");
    write(`db: "D:\\new\\table.db"\n`);
    r = await cli(['status'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('db 含有换行符或制表符（"D:\\new\\table.db"）');
  });
});
