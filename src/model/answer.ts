// The townships' answers (domain.md §7): the values a clerk may choose, the editable columns of the workbook, and the
// stored answer.

export const RESULTS = ['属实', '不属实', '部分属实'] as const;
export const MEASURES = ['已停发', '已追回', '已纳入', '已更正数据', '无需整改', '其他'] as const;

/** 属实 answers whose measure should have made the finding disappear: if it is still there, 整改未见效. */
export const EFFECTIVE_MEASURES: ReadonlySet<string> = new Set(['已停发', '已纳入', '已更正数据']);

/** The editable block of 疑点清单, in order: header text (what the clerk sees) → answer field. */
export const ANSWER_COLUMNS = [
  { header: '核查结果', field: 'result' },
  { header: '核查说明', field: 'explanation' },
  { header: '整改措施', field: 'measure' },
  { header: '整改完成日期', field: 'done_date' },
  { header: '核查人', field: 'checker' },
  { header: '联系电话', field: 'phone' },
] as const;

export type AnswerField = (typeof ANSWER_COLUMNS)[number]['field'];

export interface AnswerRecord {
  finding_id: string;
  /** The period of the workbook answered. */
  period: string;
  township: string | null;
  result: string | null;
  explanation: string | null;
  measure: string | null;
  done_date: string | null;
  checker: string | null;
  phone: string | null;
  /** The finding's detail when answered (a change re-opens 已核实). */
  detail_hash: string;
  source_file: string;
  source_sha256: string;
  source_sheet: string | null;
  source_row: number | null;
  imported_at: string;
}

export type AnswerValues = Pick<AnswerRecord, AnswerField>;

/** An answer row as stored: the record plus its id and, once a later answer replaced it, that answer's id. */
export interface StoredAnswer extends AnswerRecord {
  id: number;
  superseded_by: number | null;
}

/** An answer ready to store. */
export type IncomingAnswer = Omit<AnswerRecord, 'imported_at'>;
