// The dashboard page shows every text from the data as text: names like <script> or =HYPERLINK(…), quotes, and
// </script> inside the embedded JSON; with --mask-ids no full ID appears anywhere in the HTML.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { escapeHtml, jsonForScript } from '../../src/report/dashboard/html.js';
import { TABLE_COLUMNS } from '../../src/report/dashboard/page-model.js';
import { County, makeId } from '../helpers/county.js';
import { tempDir } from '../helpers/cli.js';
import { check, countyWithKey, P1, report } from './scenario.js';

const EVIL_TOWN = '<script>alert(1)</script>镇';
const EVIL_VILLAGE = '=HYPERLINK("http://example.invalid","点我")';
const EVIL_NAME = `"O'Neil" & </script><script>alert(2)</script>`;
const COMMENT_NAME = '<!--王--><img src=x onerror=alert(3)>';
const A = makeId('19700101', 31);
const B = makeId('19710202', 33);
const BAD = (() => {
  const good = makeId('19720303', 35);
  return good.slice(0, 17) + (good[17] === '1' ? '2' : '1');
})();
const IDS = [A, B, BAD];

function dataJson(html: string): { columns: unknown[]; townships: string[]; rules: string[]; rows: unknown[][] } {
  const m = /<script type="application\/json" id="bd-data">([\s\S]*?)<\/script>/.exec(html);
  return JSON.parse(m![1]!);
}

describe('escaping helpers', () => {
  it('escapeHtml: markup characters and both quotes', () => {
    expect(escapeHtml(`<script>a & "b" 'c'</script>`)).toBe('&lt;script&gt;a &amp; &quot;b&quot; &#39;c&#39;&lt;/script&gt;');
    expect(escapeHtml(null)).toBe('');
    expect(escapeHtml(12)).toBe('12');
  });

  it('jsonForScript: no </script>, <!-- or line separators survive, and JSON.parse gives the same value back', () => {
    const value = { s: `</script><!-- a&b > c \u2028\u2029 "q" '`, n: [1, null] };
    const json = jsonForScript(value);
    expect(json).not.toMatch(/[<>&\u2028\u2029]/);
    expect(json).toContain('\\u003c/script\\u003e');
    expect(JSON.parse(json)).toEqual(value);
  });
});

describe('the page with hostile texts', () => {
  let c: County;
  let out: string;
  let masked: string;
  let html: string;
  let maskedHtml: string;
  beforeAll(async () => {
    c = await countyWithKey();
    out = tempDir('bidui-dash-esc-');
    masked = tempDir('bidui-dash-esc-masked-');
    await c.load('dibao', P1, [
      { 乡镇: EVIL_TOWN, 村: EVIL_VILLAGE, 姓名: EVIL_NAME, 身份证号: A, 状态: '在保' },
      { 乡镇: EVIL_TOWN, 村: '东关村', 姓名: COMMENT_NAME, 身份证号: B, 状态: '在保' },
      { 乡镇: '城关镇', 村: '西关村', 姓名: '钱二', 身份证号: BAD, 状态: '在保' },
    ], 'dibao_<b>.csv');
    await c.load('tekun', P1, [
      { 乡镇: EVIL_TOWN, 村: EVIL_VILLAGE, 姓名: EVIL_NAME, 身份证号: A, 状态: '在保' },
      { 乡镇: EVIL_TOWN, 村: '东关村', 姓名: COMMENT_NAME, 身份证号: B, 状态: '在保' },
    ]);
    await check(c, P1);
    await report(c, P1, out);
    await report(c, P1, masked, { mask: true });
    html = fs.readFileSync(path.join(out, P1, '县级看板.html'), 'utf8');
    maskedHtml = fs.readFileSync(path.join(masked, P1, '县级看板.html'), 'utf8');
  });
  afterAll(() => {
    c.close();
    fs.rmSync(out, { recursive: true, force: true });
    fs.rmSync(masked, { recursive: true, force: true });
  });

  it('has exactly its own two script elements and nothing that starts a tag or a comment from the data', () => {
    for (const h of [html, maskedHtml]) {
      expect(h.match(/<script/gi)).toHaveLength(2);
      expect(h.match(/<\/script/gi)).toHaveLength(2);
      expect(h).not.toContain('<!--');
      expect(h).not.toContain('<img');
      expect(h).not.toContain('alert(1)</');
    }
  });

  it('shows the hostile texts as text in the headings, charts and first table rows', () => {
    expect(html).toContain(`>${escapeHtml(EVIL_TOWN)}</text>`); // chart axis label (ECharts escapes text)
    expect(html).toContain(`<td class="c-township">${escapeHtml(EVIL_TOWN)}</td>`);
    expect(html).toContain(`<td class="c-village">${escapeHtml(EVIL_VILLAGE)}</td>`);
    expect(html).toContain(`<td class="c-name">${escapeHtml(EVIL_NAME)}</td>`);
    expect(html).toContain(`<td class="c-name">${escapeHtml(COMMENT_NAME)}</td>`);
    expect(html).toContain('>低保：dibao_&lt;b&gt;.csv'); // the file name, in the ID problems chart
  });

  it('carries the exact texts to the script in the JSON', () => {
    const data = dataJson(html);
    expect(data.columns.length).toBe(TABLE_COLUMNS.length);
    expect(data.townships).toContain(EVIL_TOWN);
    const names = data.rows.map((r) => r[3]);
    expect(names).toEqual(expect.arrayContaining([EVIL_NAME, COMMENT_NAME, '钱二']));
    expect(data.rows.map((r) => r[2])).toContain(EVIL_VILLAGE);
  });

  it('allows only its own script (content security policy hash) and fetches nothing', () => {
    const script = /<script>([\s\S]*?)<\/script>/.exec(html)![1]!;
    const hash = crypto.createHash('sha256').update(script, 'utf8').digest('base64');
    const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]+)">/.exec(html)![1]!;
    expect(csp).toContain(`script-src 'sha256-${hash}'`);
    expect(csp).toContain("default-src 'none'");
    expect(html).not.toMatch(/\b(src|href)="(https?:)?\/\//);
  });

  it('--mask-ids: no full ID anywhere in the HTML, the masked form in the table', () => {
    for (const id of IDS) expect(html).toContain(id);
    for (const id of IDS) expect(maskedHtml).not.toContain(id);
    expect(maskedHtml).toContain(`<td class="c-idNumber">${A.slice(0, 6)}********${A.slice(-4)}</td>`);
    expect(maskedHtml).toContain('身份证号已脱敏');
    const rows = dataJson(maskedHtml).rows;
    expect(rows.map((r) => r[4])).toContain(`${BAD.slice(0, 6)}********${BAD.slice(-4)}`);
  });
});
