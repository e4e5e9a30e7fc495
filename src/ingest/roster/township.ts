// Where a roster's township comes from when a row has no 乡镇 cell (domain.md §9): a sheet name with decoration
// (城关镇（11月）, 东岗镇低保, 西营乡 花名册), the title rows above the header (东岗镇2026年11月农村低保花名册), or the file
// name — in that order. Names are found by their suffix (镇, 乡, 街道, 办事处); a text naming two townships names none.

import { sheetNameFor } from '../formats/csv.js';

/** Where a sheet's (or block's) township came from. */
export type TownshipSource = 'column' | 'sheet' | 'title' | 'file';

export interface TownshipGuess {
  name: string;
  source: Exclude<TownshipSource, 'column'>;
  /** The text it was read from (sheet name, title row, file name). */
  from: string;
  /** Excel row number of the title row it was read from. */
  row?: number;
}

/** Splits text into runs without punctuation, spaces or digits (a township name has none of them). */
const SPLIT = /[\s\d０-９:：,，、;；.。·・()（）【】[\]{}<>《》〈〉"'“”‘’!！?？\-—–_/\\|+=*#@&%~`^$]+/u;
/** A township at the start of a run: a short name and its suffix. */
const AT_START = /^([\u3400-\u9fff]{1,8}?)(街道办事处|街道|办事处|镇|乡)/u;
/** Words that are not part of a township's name: what the file or sheet is about. */
const NOT_A_NAME = /低保|特困|名单|名册|花名|农村|城市|城乡|城镇|乡镇|乡村|村镇|供养|残疾|补贴|监测|脱贫|防返贫|汇总|统计|导出|数据|信息|明细|人员|对象|救助|民政|社会|全县|全市|各|本|某|其他|备份|核对|比对/u;
/** A county, city or province before the township: the name starts after it. */
const HIGHER_LEVEL = /[省市县区旗盟州]/u;
/** Characters after which a name may start: a higher level, or a date (2024年11月城关镇). */
const NAME_MAY_FOLLOW = /[省市县区旗盟州年月日号]/u;

/** The townships in `run`: at its start, after a county/city/date prefix, or right after another township. */
function inRun(run: string, found: Set<string>): void {
  for (let start = 0; start < run.length; ) {
    if (start > 0 && !NAME_MAY_FOLLOW.test(run[start - 1]!)) {
      start++;
      continue;
    }
    const m = AT_START.exec(run.slice(start));
    const name = m?.[1];
    // 新乡市, 乡宁县: a city or county whose name has 乡 or 镇 in it.
    const after = m ? run[start + m[0].length] : undefined;
    if (!m || NAME_MAY_FOLLOW.test(name!) || NOT_A_NAME.test(m[0]) || (after !== undefined && HIGHER_LEVEL.test(after))) {
      start++;
      continue;
    }
    found.add(m[0]);
    // Another township may follow directly (城关镇城南镇): look again from the end of this one.
    start += m[0].length;
    if (start < run.length) {
      const rest = AT_START.exec(run.slice(start));
      if (rest && !NOT_A_NAME.test(rest[0]) && !NAME_MAY_FOLLOW.test(rest[1]!)) found.add(rest[0]);
    }
    return;
  }
}

/** The one township a text names, or null when it names none or several. */
export function townshipIn(text: string): string | null {
  const found = new Set<string>();
  for (const run of text.normalize('NFKC').split(SPLIT)) if (run !== '') inRun(run, found);
  return found.size === 1 ? [...found][0]! : null;
}


/** The township of a title row: the first of its texts that names one. */
export function townshipInTitle(texts: readonly string[]): string | null {
  for (const t of texts) {
    const name = townshipIn(t);
    if (name) return name;
  }
  return null;
}

/**
 * The township of a sheet without a 乡镇 column (or for its rows whose 乡镇 cell is empty): the sheet name, else the
 * title rows, else the file name; null when none names one.
 */
export function guessTownship(sheet: string, titles: readonly { row: number; texts: string[] }[], fileName: string): TownshipGuess | null {
  const base = sheetNameFor(fileName);
  // A text file's one sheet is named after the file: that is the file name speaking.
  const bySheet = sheet === base ? null : townshipIn(sheet);
  if (bySheet) return { name: bySheet, source: 'sheet', from: sheet };
  for (const t of titles) {
    const name = townshipInTitle(t.texts);
    if (name) return { name, source: 'title', from: t.texts.join(' '), row: t.row };
  }
  const byFile = townshipIn(base);
  if (byFile) return { name: byFile, source: 'file', from: fileName };
  return null;
}
