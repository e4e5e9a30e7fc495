// The pure rules of answers: validating one filled row, and which answer supersedes which.
import { describe, expect, it } from 'vitest';
import { checkAnswer, planAnswer } from '../../src/findings/answers.js';
import type { IncomingAnswer, StoredAnswer } from '../../src/model/index.js';

describe('checkAnswer', () => {
  it('accepts the drop-down values, trimming what a clerk typed around them', () => {
    expect(checkAnswer({ result: ' 属实 ', measure: '已停发', done_date: '2024年11月20日', explanation: ' 入户核实\r\n已停发 ', checker: '刘一', phone: 13800000001 })).toEqual({
      ok: true, blank: false,
      values: { result: '属实', measure: '已停发', done_date: '2024-11-20', explanation: '入户核实\n已停发', checker: '刘一', phone: '13800000001' },
    });
  });

  it('reads dates from date cells, serial numbers and text', () => {
    const d = (v: string | number | Date, text?: string) => {
      const r = checkAnswer({ result: '属实', measure: '已追回', done_date: v }, text);
      return r.ok && !r.blank ? r.values.done_date : r;
    };
    expect(d(new Date(Date.UTC(2024, 10, 20)))).toBe('2024-11-20');
    expect(d(45616)).toBe('2024-11-20');
    expect(d(45616, '11/20/24')).toBe('2024-11-20');
    expect(d('2024.11.20')).toBe('2024-11-20');
    expect(d('2024-11')).toBe('2024-11');
  });

  it('refuses a date cell holding a number that is no plausible date, showing the number the clerk typed', () => {
    const why = (v: Date | number, text?: string) => checkAnswer({ result: '属实', measure: '已停发', done_date: v }, text);
    // 2025.12 typed into the date-formatted cell: Excel reads day 2025 = 1905-07-17; it was stored as that date.
    expect(why(new Date((2025.12 - 25569) * 86_400_000))).toEqual({ ok: false, reasons: ['整改完成日期「2025.12」不是有效日期（单元格中是数字，不是日期；应写成 2024-11-20 这样的日期）'] });
    // 20250105 in the same cell: day 20 250 105 is in the year 57342; the message showed "+057342-11".
    expect(why(new Date((20250105 - 25569) * 86_400_000), '+057342-11')).toEqual({ ok: false, reasons: ['整改完成日期「20250105」不是有效日期（单元格中是数字，不是日期；应写成 2024-11-20 这样的日期）'] });
    expect(why(45)).toMatchObject({ ok: false });
    expect(why(new Date(Date.UTC(1999, 11, 31)))).toMatchObject({ ok: false });
    expect(why(new Date(Date.UTC(2000, 0, 1)))).toMatchObject({ ok: true, values: { done_date: '2000-01-01' } });
    expect(checkAnswer({ result: '属实', done_date: '1905-07-17' })).toEqual({ ok: false, reasons: ['整改完成日期「1905-07-17」不是有效日期（应为 2000 年至 2099 年之间的日期，写成 2024-11-20 这样）'] });
  });

  it('treats a row with only 核查人/联系电话 (filled down a column) as blank', () => {
    expect(checkAnswer({ checker: '刘一', phone: '13800000001' })).toEqual({ ok: true, blank: true });
    expect(checkAnswer({})).toEqual({ ok: true, blank: true });
  });

  it('takes a note without a result (work in progress) as an answer', () => {
    expect(checkAnswer({ explanation: '正在核查' })).toMatchObject({ ok: true, blank: false, values: { result: null, explanation: '正在核查' } });
  });

  it('refuses values outside the lists, unreadable dates, and a measure without a result', () => {
    expect(checkAnswer({ result: '是' })).toEqual({ ok: false, reasons: ['核查结果「是」不在下拉列表中（应为 属实、不属实、部分属实 之一）'] });
    expect(checkAnswer({ result: '属实', measure: '停发' })).toEqual({ ok: false, reasons: ['整改措施「停发」不在下拉列表中（应为 已停发、已追回、已纳入、已更正数据、无需整改、其他 之一）'] });
    expect(checkAnswer({ result: '属实', done_date: '下周' })).toEqual({ ok: false, reasons: ['整改完成日期「下周」不是有效日期（应写成 2024-11-20 这样的日期）'] });
    expect(checkAnswer({ measure: '已停发' })).toEqual({ ok: false, reasons: ['填写了整改措施或完成日期，但没有选择核查结果'] });
  });
});

describe('planAnswer', () => {
  const base: IncomingAnswer = {
    finding_id: 'F', period: '2024-10', township: '城关镇', result: '属实', explanation: null, measure: '已停发', done_date: null, checker: null, phone: null,
    detail_hash: 'h1', source_file: 'a.xlsx', source_sha256: 'sha-a', source_sheet: '疑点清单', source_row: 3,
  };
  const stored = (id: number, a: Partial<StoredAnswer> = {}): StoredAnswer => ({ ...base, id, imported_at: '2024-11-01T00:00:00Z', superseded_by: null, ...a });

  it('inserts a first answer', () => {
    expect(planAnswer(base, [])).toEqual({ action: 'insert', answer: base, supersedes: null });
  });

  it('an identical answer (same or another file) changes nothing', () => {
    expect(planAnswer(base, [stored(1)])).toMatchObject({ action: 'unchanged', existing: 1 });
    expect(planAnswer({ ...base, source_sha256: 'sha-b', source_row: 9 }, [stored(1)])).toMatchObject({ action: 'unchanged', existing: 1 });
  });

  it('a different answer supersedes the current one', () => {
    const next = { ...base, result: '不属实', measure: null, source_sha256: 'sha-b' };
    expect(planAnswer(next, [stored(1)])).toEqual({ action: 'insert', answer: next, supersedes: 1 });
  });

  it('the same words about a changed finding are a new answer (re-opens nothing by mistake)', () => {
    expect(planAnswer({ ...base, detail_hash: 'h2' }, [stored(1)])).toMatchObject({ action: 'insert', supersedes: 1 });
  });

  it('re-importing an older file after a newer one changes nothing', () => {
    const history = [stored(1, { superseded_by: 2 }), stored(2, { result: '不属实', measure: null, source_sha256: 'sha-b' })];
    expect(planAnswer(base, history)).toMatchObject({ action: 'unchanged', existing: 1 });
  });

  it('a late answer to an older period’s workbook is archived behind the newer one', () => {
    const history = [stored(5, { period: '2024-11', result: '不属实', measure: null, source_sha256: 'sha-nov' })];
    expect(planAnswer({ ...base, source_sha256: 'sha-oct' }, history)).toMatchObject({ action: 'archive', supersededBy: 5 });
  });
});
