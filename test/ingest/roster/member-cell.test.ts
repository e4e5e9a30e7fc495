// Household members written into one cell (domain.md §9 "wide household rows"): when the name cell and the ID cell
// hold different numbers of members, nobody is dropped silently and the row is named in a warning.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadAndRead, tempDir } from '../../helpers/cli.js';

let dir: string;
beforeAll(() => {
  dir = tempDir('bidui-member-cell-');
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

interface Row {
  row_no: number;
  member_no: number;
  name: string | null;
  id_number: string | null;
  id_status: string;
  relation: string | null;
  head_id_number: string | null;
  warnings: string | null;
}

function loadCsv(name: string, text: string) {
  const file = path.join(dir, name);
  fs.writeFileSync(file, text);
  return loadAndRead<Row>(file, 'dibao', ['--period', '2024-11', '--area', '农村'], `SELECT row_no, member_no, name, id_number, id_status, relation, head_id_number, warnings FROM roster_rows ORDER BY id`);
}

describe('members in one cell, counts that differ', () => {
  it('keeps a name that has no ID (missing) and an ID that has no name, and warns about the row', async () => {
    const r = await loadCsv(
      'counts.csv',
      '户主姓名,家庭成员姓名,家庭成员身份证号\n' +
        '赵大,"赵大、钱二、赵小","410523196002020116、410523196102020121"\n' +
        '孙大,"孙大、李二","410523196302020142、410523196402020158、410523196202020137"\n',
    );
    expect(r.code, r.stderr).toBe(0);
    expect(r.rows.map((x) => [x.row_no, x.member_no, x.name, x.id_status])).toEqual([
      [2, 1, '赵大', 'valid'],
      [2, 2, '钱二', 'valid'],
      [2, 3, '赵小', 'missing'],
      [3, 1, '孙大', 'valid'],
      [3, 2, '李二', 'valid'],
      [3, 3, null, 'valid'],
    ]);
    for (const x of r.rows) expect(x.warnings, `${x.row_no}/${x.member_no}`).toContain('人数不一致');
    expect(r.stdout).toMatch(/第 2 行：.*姓名 3 个、身份证号 2 个/);
  });

  it('splits a name cell of two members even when the ID cell holds one ID and a separator', async () => {
    const r = await loadCsv('trailing.csv', '户主姓名,家庭成员姓名,家庭成员身份证号\n郑大,"郑大、王二","410523196702020184、"\n');
    expect(r.code, r.stderr).toBe(0);
    expect(r.rows.map((x) => [x.member_no, x.name, x.id_number, x.id_status])).toEqual([
      [1, '郑大', '410523196702020184', 'valid'],
      [2, '王二', null, 'missing'],
    ]);
  });

  it('leaves equal counts without a warning', async () => {
    const r = await loadCsv('equal.csv', '姓名,身份证号\n"周大\n吴二","410523196502020163\n410523196602020179"\n');
    expect(r.rows.map((x) => [x.name, x.id_status, x.warnings])).toEqual([
      ['周大', 'valid', null],
      ['吴二', 'valid', null],
    ]);
  });
});

describe('an ID column right after a 代领人/监护人 column', () => {
  it('is that person\'s ID (kept as detail), not a household member', async () => {
    const r = await loadCsv(
      'proxy-after.csv',
      '姓名,身份证号,村,代领人,身份证号,与代领人关系,银行账号\n' +
        '甲,410523195007070118,东村,甲子,410523198003030155,父子,6228480000000000001\n' +
        '乙,410523195107070123,东村,,,,6228480000000000002\n',
    );
    expect(r.code, r.stderr).toBe(0);
    expect(r.rows.map((x) => [x.row_no, x.member_no, x.name, x.id_number])).toEqual([
      [2, 0, '甲', '410523195007070118'],
      [3, 0, '乙', '410523195107070123'],
    ]);
    expect(r.stdout).toContain('未识别列（4，原样保存为附加信息）：代领人，身份证号，与代领人关系，银行账号');
  });

  it('still pairs the members of a wide household row whose 监护人 columns come last', async () => {
    const r = await loadCsv(
      'pairs-then-guardian.csv',
      '姓名,身份证号,姓名,身份证号,监护人,身份证号\n' + '甲,410523195007070118,乙,410523195107070123,丙,410523198003030155\n',
    );
    expect(r.rows.map((x) => [x.member_no, x.name, x.id_number])).toEqual([
      [1, '甲', '410523195007070118'],
      [2, '乙', '410523195107070123'],
    ]);
  });
});

describe('wide household rows whose pairs are labelled (配偶姓名, 子女1身份证号) or numbered (姓名1, 身份证号2)', () => {
  it('takes the 户主 pair as the first member, the labelled pairs with their names and the label as relation', async () => {
    const r = await loadCsv(
      'labelled.csv',
      '户主姓名,户主身份证号,配偶姓名,配偶身份证号,子女1姓名,子女1身份证号,子女2姓名,子女2身份证号,保障人数\n' +
        '甲,410523195007070118,乙,410523195107070123,丙,410523198003030155,,,3\n' +
        '丁,410523196002020116,,,,,,,1\n',
    );
    expect(r.code, r.stderr).toBe(0);
    expect(r.rows.map(({ row_no, member_no, name, id_number, relation, head_id_number }) => ({ row_no, member_no, name, id_number, relation, head_id_number }))).toEqual([
      { row_no: 2, member_no: 1, name: '甲', id_number: '410523195007070118', relation: '户主', head_id_number: '410523195007070118' },
      { row_no: 2, member_no: 2, name: '乙', id_number: '410523195107070123', relation: '配偶', head_id_number: '410523195007070118' },
      { row_no: 2, member_no: 3, name: '丙', id_number: '410523198003030155', relation: '子女', head_id_number: '410523195007070118' },
      { row_no: 3, member_no: 0, name: '丁', id_number: '410523196002020116', relation: '户主', head_id_number: '410523196002020116' },
    ]);
  });

  it('does not take the 户主 twice when the first numbered member is the 户主 again', async () => {
    const r = await loadCsv(
      'numbered-with-head.csv',
      '户主姓名,户主身份证号,成员1姓名,成员1身份证号,成员1关系,成员2姓名,成员2身份证号,成员2关系\n' +
        '甲,410523195007070118,甲,410523195007070118,户主,乙,410523195107070123,配偶\n',
    );
    expect(r.code, r.stderr).toBe(0);
    expect(r.rows.map((x) => [x.member_no, x.name, x.id_number])).toEqual([
      [1, '甲', '410523195007070118'],
      [2, '乙', '410523195107070123'],
    ]);
  });

  it('finds the header and pairs 姓名1/身份证号1/关系1 … with their own relation column', async () => {
    const r = await loadCsv(
      'numbered.csv',
      '姓名1,身份证号1,关系1,姓名2,身份证号2,关系2\n甲,410523195007070118,户主,乙,410523195107070123,配偶\n',
    );
    expect(r.code, r.stderr).toBe(0);
    expect(r.rows.map(({ member_no, name, relation }) => ({ member_no, name, relation }))).toEqual([
      { member_no: 1, name: '甲', relation: '户主' },
      { member_no: 2, name: '乙', relation: '配偶' },
    ]);
  });
});
