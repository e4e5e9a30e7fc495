import { afterEach, describe, expect, it } from 'vitest';
import { County, makeId, ruleState, tuples } from '../helpers/county.js';

const P = '2024-11';
const R = 'partial-coverage';
let county: County;
afterEach(() => county?.close());

const sortT = (t: [string, string | null, string][]) => t.sort((a, b) => String(a[1]).localeCompare(String(b[1])));

describe('partial-coverage 低保家庭部分成员纳入', () => {
  it('flags a case covering fewer than its family on the 户主, not full, 单人保 or 停保 cases', async () => {
    county = new County();
    const headA = makeId('19700101', 11);
    const memberA = makeId('19950101', 12);
    const headB = makeId('19710101', 13);
    const headC = makeId('19720101', 15);
    const headD = makeId('19730101', 17);
    const memberE = makeId('19960101', 22);
    await county.load('dibao', P, [
      // the 户主 is not the first row of the case: the finding must still be on (and named after) the 户主
      { 乡镇: '城关镇', 村: '东村', 低保证号: 'DB001', 姓名: '甲子', 身份证号: memberA, 与户主关系: '子', 家庭人口: 4, 保障人数: 2, 施保方式: '整户保', 状态: '在保' },
      { 乡镇: '城关镇', 村: '东村', 低保证号: 'DB001', 姓名: '甲', 身份证号: headA, 与户主关系: '户主', 家庭人口: 4, 保障人数: 2, 施保方式: '整户保', 状态: '在保' },
      { 乡镇: '城关镇', 村: '东村', 低保证号: 'DB002', 姓名: '乙', 身份证号: headB, 与户主关系: '户主', 家庭人口: 3, 保障人数: 3, 施保方式: '整户保', 状态: '在保' },
      { 乡镇: '城关镇', 村: '西村', 低保证号: 'DB003', 姓名: '丙', 身份证号: headC, 与户主关系: '户主', 家庭人口: 4, 保障人数: 1, 施保方式: '单人保', 状态: '在保' },
      { 乡镇: '城关镇', 村: '西村', 低保证号: 'DB004', 姓名: '丁', 身份证号: headD, 与户主关系: '户主', 家庭人口: 3, 保障人数: 2, 施保方式: '整户保', 状态: '停保' },
      // 户主's ID truncated by Excel: the finding goes on the member with a usable ID
      { 乡镇: '河口乡', 村: '南村', 低保证号: 'DB005', 姓名: '戊', 身份证号: '4.10522E+17', 与户主关系: '户主', 家庭人口: 4, 保障人数: 2, 施保方式: '整户保', 状态: '在保' },
      { 乡镇: '河口乡', 村: '南村', 低保证号: 'DB005', 姓名: '戊女', 身份证号: memberE, 与户主关系: '女', 家庭人口: 4, 保障人数: 2, 施保方式: '整户保', 状态: '在保' },
    ]);
    const r = await county.check(P);
    expect(tuples(r, R)).toEqual(sortT([[R, headA, '新增'], [R, memberE, '新增']]));
    const a = r.findings.find((f) => f.rule === R && f.id_number === headA)!;
    expect(a.name).toBe('甲');
    expect(a.township).toBe('城关镇');
    expect(a.explanation).toContain('低保证号 DB001，家庭人口 4 人');
    expect(a.explanation).toContain('家庭人口 4 人、保障人数 2 人');
    expect(a.explanation).toMatch(/请核对。$/);
    const e = r.findings.find((f) => f.rule === R && f.id_number === memberE)!;
    expect(e.explanation).toContain('户主身份证号不可用');
    expect(e.township).toBe('河口乡');
  });

  it('without a 低保证号 column groups by 户主身份证号, even when the 户主 is not listed', async () => {
    county = new County();
    const head = makeId('19700101', 31);
    const member = makeId('19980101', 32);
    const fullHead = makeId('19710101', 33);
    await county.load('dibao', P, [
      { 乡镇: '城关镇', 村: '东村', 户主身份证号: head, 姓名: '子', 身份证号: member, 与户主关系: '子', 家庭人口: 3, 保障人数: 1 },
      { 乡镇: '城关镇', 村: '东村', 户主身份证号: fullHead, 姓名: '丑', 身份证号: fullHead, 与户主关系: '户主', 家庭人口: 1, 保障人数: 1 },
    ]);
    const r = await county.check(P);
    expect(tuples(r, R)).toEqual([[R, head, '新增']]);
    expect(r.findings.find((f) => f.rule === R)!.explanation).toContain(`户主身份证号 ${head}，家庭人口 3 人、保障人数 1 人`);
  });

  it('keeps two counties\' cases apart when both use the same 低保证号 (domain.md §10)', async () => {
    county = new County();
    const headJia = makeId('19700101', 41);
    const memberJia = makeId('19980101', 42);
    const headYi = makeId('19710101', 43);
    const headBing = makeId('19720101', 45);
    const memberBing = makeId('19990101', 46);
    await county.load('dibao', P, [
      // 甲县 case 0001: 4 people, 2 covered — a partial case
      { 县区: '甲县', 乡镇: '城关镇', 低保证号: '0001', 姓名: '甲', 身份证号: memberJia, 与户主关系: '子', 家庭人口: 4, 保障人数: 2, 施保方式: '整户保' },
      { 县区: '甲县', 乡镇: '城关镇', 低保证号: '0001', 姓名: '甲父', 身份证号: headJia, 与户主关系: '户主', 家庭人口: 4, 保障人数: 2, 施保方式: '整户保' },
      // 乙县 case 0001: another family of 5, all covered — nothing to say
      { 县区: '乙县', 乡镇: '城关镇', 低保证号: '0001', 姓名: '乙', 身份证号: headYi, 与户主关系: '户主', 家庭人口: 5, 保障人数: 5, 施保方式: '整户保' },
      // 丙县 case 0002: 3 people, 1 covered, on the 户主 of 丙县
      { 县区: '丙县', 乡镇: '城关镇', 低保证号: '0002', 姓名: '丙', 身份证号: headBing, 与户主关系: '户主', 家庭人口: 3, 保障人数: 1, 施保方式: '整户保' },
      { 县区: '丙县', 乡镇: '城关镇', 低保证号: '0002', 姓名: '丙子', 身份证号: memberBing, 与户主关系: '子', 家庭人口: 3, 保障人数: 1, 施保方式: '整户保' },
      // 丁县 case 0002: a full family of 1
      { 县区: '丁县', 乡镇: '城关镇', 低保证号: '0002', 姓名: '丁', 身份证号: makeId('19730101', 47), 与户主关系: '户主', 家庭人口: 1, 保障人数: 1, 施保方式: '整户保' },
    ]);
    const r = await county.check(P);
    expect(tuples(r, R)).toEqual(sortT([[R, headJia, '新增'], [R, headBing, '新增']]));
    const jia = r.findings.find((f) => f.rule === R && f.id_number === headJia)!;
    expect(jia.county).toBe('甲县');
    expect(jia.explanation).toContain('家庭人口 4 人、保障人数 2 人');
    expect(r.findings.find((f) => f.rule === R && f.id_number === headBing)!.county).toBe('丙县');
  });

  it('is skipped without the 家庭人口 column', async () => {
    county = new County();
    await county.load('dibao', P, [{ 低保证号: 'DB001', 姓名: '甲', 身份证号: makeId('19700101', 11), 保障人数: 2 }]);
    const o = ruleState(await county.check(P), R)!;
    expect(o.state).toBe('skipped');
    expect(o.reason).toBe('跳过：低保名单没有“家庭人口”列');
  });
});
