import { describe, expect, it } from 'vitest';
import {
  CATEGORY_NAMES,
  GRADE_NAMES,
  isActiveStatus,
  normalizeAmount,
  normalizeAreaType,
  normalizeDisabilityCategory,
  normalizeGrade,
  normalizeInt,
  normalizeMode,
  normalizeSubsidyType,
  normalizeText,
  normalizeYesNo,
} from '../../src/normalize/values.js';

describe('normalizeText', () => {
  it('trims every kind of space and returns null when nothing is left', () => {
    expect(normalizeText('  张三 ')).toBe('张三');
    expect(normalizeText('\u00A0\u3000城关镇\u200B')).toBe('城关镇');
    expect(normalizeText('张 三')).toBe('张 三');
    expect(normalizeText('   ')).toBeNull();
    expect(normalizeText(null)).toBeNull();
  });

  it('writes numbers as plain decimals', () => {
    expect(normalizeText(3)).toBe('3');
    expect(normalizeText(3.0)).toBe('3');
    expect(normalizeText(12.5)).toBe('12.5');
    expect(normalizeText(4.40981e17)).toBe('440981000000000000');
    expect(normalizeText(1e21)).toBe('1000000000000000000000');
    expect(normalizeText(1.5e-7)).toBe('0.00000015');
    expect(normalizeText(-2.5e-7)).toBe('-0.00000025');
    expect(normalizeText(Number.NaN)).toBeNull();
  });

  it('writes dates as YYYY-MM-DD and booleans as Excel shows them', () => {
    expect(normalizeText(new Date(Date.UTC(2023, 4, 1)))).toBe('2023-05-01');
    expect(normalizeText(true)).toBe('TRUE');
  });
});

describe('normalizeYesNo', () => {
  it.each(['是', 'Y', 'y', 'YES', 'yes', '1', '√', '✓', 'true', '已', '有', ' 是 ', '已消除', '享受城市低保'])(
    '%s → true',
    (s) => expect(normalizeYesNo(s)).toBe(true),
  );
  it.each(['否', 'N', 'NO', '0', '×', '✗', 'false', '未', '无', '未消除', '不享受'])('%s → false', (s) =>
    expect(normalizeYesNo(s)).toBe(false),
  );
  it('reads booleans and 1/0 numbers', () => {
    expect(normalizeYesNo(true)).toBe(true);
    expect(normalizeYesNo(1)).toBe(true);
    expect(normalizeYesNo(0)).toBe(false);
  });
  it('unknown answers are null', () => {
    expect(normalizeYesNo('')).toBeNull();
    expect(normalizeYesNo('待定')).toBeNull();
    expect(normalizeYesNo(2)).toBeNull();
    expect(normalizeYesNo(null)).toBeNull();
  });
});

describe('normalizeGrade', () => {
  it.each<[string | number, number]>([
    ['一级', 1],
    ['1', 1],
    ['1级', 1],
    ['Ⅰ级', 1],
    ['I级', 1],
    ['壹级', 1],
    ['一', 1],
    [1, 1],
    ['二级', 2],
    ['Ⅱ级', 2],
    ['贰级', 2],
    ['三级', 3],
    ['III级', 3],
    ['Ⅲ', 3],
    ['四级', 4],
    ['Ⅳ级', 4],
    ['４级', 4],
    ['二级（重度）', 2],
    ['肢体残疾三级', 3],
    [4, 4],
  ])('%s → %i', (v, want) => expect(normalizeGrade(v)).toBe(want));

  it('near misses are null', () => {
    expect(normalizeGrade('五级')).toBeNull();
    expect(normalizeGrade(5)).toBeNull();
    expect(normalizeGrade(0)).toBeNull();
    expect(normalizeGrade(1.5)).toBeNull();
    expect(normalizeGrade('一级至二级')).toBeNull();
    expect(normalizeGrade('重度')).toBeNull();
    expect(normalizeGrade('')).toBeNull();
  });
});

describe('normalizeDisabilityCategory', () => {
  it.each<[string | number, number]>([
    ['视力', 1],
    ['视力残疾', 1],
    ['听力残疾', 2],
    ['言语残疾', 3],
    ['肢体', 4],
    ['智力残疾', 5],
    ['精神残疾', 6],
    ['多重残疾', 7],
    ['多重残疾（视力、肢体）', 7],
    ['4', 4],
    ['４', 4],
    [6, 6],
    ['肢残', 4],
  ])('%s → %i', (v, want) => expect(normalizeDisabilityCategory(v)).toBe(want));

  it('near misses are null', () => {
    expect(normalizeDisabilityCategory('8')).toBeNull();
    expect(normalizeDisabilityCategory(0)).toBeNull();
    expect(normalizeDisabilityCategory('其他')).toBeNull();
    expect(normalizeDisabilityCategory('视力肢体')).toBeNull();
    expect(normalizeDisabilityCategory(null)).toBeNull();
  });
});

describe('normalizeAmount', () => {
  it('strips currency signs, units and separators', () => {
    expect(normalizeAmount(650)).toBe(650);
    expect(normalizeAmount('650元')).toBe(650);
    expect(normalizeAmount('¥1,234.50')).toBe(1234.5);
    expect(normalizeAmount('￥ 1，234')).toBe(1234);
    expect(normalizeAmount(' 300.00 ')).toBe(300);
    expect(normalizeAmount('-50')).toBe(-50);
  });

  it('reads an amount written with its unit of time or person, as 月保障金额 cells often are', () => {
    expect(normalizeAmount('300.00元/月')).toBe(300);
    expect(normalizeAmount('300元／人／月')).toBe(300);
    expect(normalizeAmount('¥1,200 元/户/月')).toBe(1200);
    expect(normalizeAmount('300元整')).toBe(300);
    expect(normalizeAmount('每月300元')).toBe(300);
    expect(normalizeAmount('300/月')).toBe(300);
  });

  it('null when not a number', () => {
    expect(normalizeAmount('')).toBeNull();
    expect(normalizeAmount('-')).toBeNull();
    expect(normalizeAmount('六百元')).toBeNull();
    expect(normalizeAmount('1.2.3')).toBeNull();
    expect(normalizeAmount(true)).toBeNull();
    expect(normalizeAmount(Number.POSITIVE_INFINITY)).toBeNull();
  });
});

describe('normalizeInt', () => {
  it('reads counts with or without a unit', () => {
    expect(normalizeInt(3)).toBe(3);
    expect(normalizeInt('3')).toBe(3);
    expect(normalizeInt('3人')).toBe(3);
    expect(normalizeInt(' 12 口 ')).toBe(12);
    expect(normalizeInt('三人')).toBe(3);
  });

  it('null for fractions and text', () => {
    expect(normalizeInt(2.5)).toBeNull();
    expect(normalizeInt('2.5')).toBeNull();
    expect(normalizeInt('若干')).toBeNull();
    expect(normalizeInt('')).toBeNull();
  });
});

describe('normalizeAreaType', () => {
  it.each(['城市', '城镇', '城市低保', '非农', '非农业'])('%s → 城市', (s) => expect(normalizeAreaType(s)).toBe('城市'));
  it.each(['农村', '农村低保', '农业', ' 农村 '])('%s → 农村', (s) => expect(normalizeAreaType(s)).toBe('农村'));
  it('unknown is null', () => {
    expect(normalizeAreaType('城乡')).toBeNull();
    expect(normalizeAreaType('全额')).toBeNull();
    expect(normalizeAreaType(1)).toBeNull();
  });
});

describe('normalizeMode', () => {
  it.each(['整户', '整户保', '整户施保', '全户'])('%s → 整户保', (s) => expect(normalizeMode(s)).toBe('整户保'));
  it.each(['单人', '单人保', '单人户施保', '单人施保'])('%s → 单人保', (s) => expect(normalizeMode(s)).toBe('单人保'));
  it('unknown is null', () => {
    expect(normalizeMode('分类施保')).toBeNull();
    expect(normalizeMode('')).toBeNull();
  });
});

describe('normalizeSubsidyType', () => {
  it('reads both subsidy names, long or short', () => {
    expect(normalizeSubsidyType('困难残疾人生活补贴')).toBe('生活补贴');
    expect(normalizeSubsidyType('生活补贴')).toBe('生活补贴');
    expect(normalizeSubsidyType('重度残疾人护理补贴')).toBe('护理补贴');
    expect(normalizeSubsidyType('护理补贴')).toBe('护理补贴');
  });
  it('null when neither or both', () => {
    expect(normalizeSubsidyType('两项补贴')).toBeNull();
    expect(normalizeSubsidyType('生活补贴、护理补贴')).toBeNull();
  });
});

describe('isActiveStatus', () => {
  it.each(['在保', '渐退', '正常', ''])('%s is active', (s) => expect(isActiveStatus(s)).toBe(true));
  it('null status is active', () => expect(isActiveStatus(null)).toBe(true));
  it.each(['停保', '停发', '已退出', '注销', '死亡注销', '取消', '终止供养'])('%s is not active', (s) =>
    expect(isActiveStatus(s)).toBe(false),
  );
});

describe('names', () => {
  it('category and grade names', () => {
    expect(CATEGORY_NAMES[1]).toBe('视力');
    expect(CATEGORY_NAMES[7]).toBe('多重');
    expect(GRADE_NAMES[1]).toBe('一级');
    expect(GRADE_NAMES[4]).toBe('四级');
  });
});

describe('countyOf', () => {
  it('takes the 县区 column, else the given county; a code or a longer name of the given county is the given county', async () => {
    const { countyOf } = await import('../../src/normalize/county.js');
    expect(countyOf('乙县', '甲县')).toBe('乙县');
    expect(countyOf(null, '甲县')).toBe('甲县');
    expect(countyOf('410121', '甲县')).toBe('甲县');
    expect(countyOf('河南省郑州市甲县', '甲县')).toBe('甲县');
    expect(countyOf('410121', null)).toBe('410121');
    expect(countyOf(null, null)).toBeNull();
  });
});
