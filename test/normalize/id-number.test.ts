import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { idCheckChar } from '../../src/normalize/id-check.js';
import { ageOn, cleanIdText, idPersonInfo, maskId, normalizeId } from '../../src/normalize/id-number.js';

const REF = '2026-10-31';

/** RFC 4180 records: quoted fields may hold commas and doubled quotes; unquoted spaces are data. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += c;
  }
  if (field !== '' || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}

// A copy of the project's shared ID test vectors (the test reads only files inside the repository).
const vectorText = readFileSync(new URL('./id-vectors.csv', import.meta.url), 'utf8');
const [header, ...vectors] = parseCsv(vectorText);

/** A made-up ID with a correct check character. */
function withCheck(first17: string): string {
  return first17 + idCheckChar(first17);
}

describe('id-vectors.csv', () => {
  it('has the expected columns', () => {
    expect(header).toEqual(['raw', 'expected_status', 'expected_id_number', 'note']);
    expect(vectors.length).toBeGreaterThanOrEqual(20);
  });

  it.each(vectors.map((v) => ({ raw: v[0]!, status: v[1]!, id: v[2]!, note: v[3]! })))(
    '$note: $raw → $status',
    ({ raw, status, id }) => {
      const r = normalizeId(raw, REF);
      expect(r.id_status).toBe(status);
      expect(r.id_number).toBe(id === '' ? null : id);
      expect(r.id_raw).toBe(raw === '' ? null : raw);
    },
  );
});

describe('normalizeId: numeric cells', () => {
  it('an 18-digit number has lost its last digits to Excel → truncated', () => {
    const r = normalizeId(110101199003072316, REF);
    expect(r).toEqual({ id_raw: String(110101199003072316), id_number: null, id_status: 'truncated' });
  });

  it('scientific notation, as a number or as text → truncated', () => {
    expect(normalizeId(4.40981e17, REF).id_status).toBe('truncated');
    expect(normalizeId('4.40981E+17', REF).id_status).toBe('truncated');
    expect(normalizeId('4.40981e+17', REF).id_status).toBe('truncated');
    expect(normalizeId(1e15, REF).id_status).toBe('truncated');
  });

  it('a 15-digit number is exact and is upgraded', () => {
    expect(normalizeId(110105491231002, REF)).toEqual({
      id_raw: '110105491231002',
      id_number: '11010519491231002X',
      id_status: 'upgraded',
    });
  });

  it('short or fractional numbers are bad_format', () => {
    expect(normalizeId(12345, REF).id_status).toBe('bad_format');
    expect(normalizeId(110105491231002.5, REF).id_status).toBe('bad_format');
    expect(normalizeId(Number.NaN, REF).id_status).toBe('bad_format');
  });

  it('non-text cells are bad_format, null is missing', () => {
    expect(normalizeId(true, REF).id_status).toBe('bad_format');
    expect(normalizeId(new Date(Date.UTC(2020, 0, 1)), REF).id_status).toBe('bad_format');
    expect(normalizeId(null, REF)).toEqual({ id_raw: null, id_number: null, id_status: 'missing' });
    expect(normalizeId('  ', REF)).toEqual({ id_raw: null, id_number: null, id_status: 'missing' });
  });
});

describe('normalizeId: status precedence and edge cases', () => {
  it('18 digits ending 000 that fail the check → truncated; passing the check → valid', () => {
    const lost = '110101199003072000';
    expect(idCheckChar(lost.slice(0, 17))).not.toBe('0');
    expect(normalizeId(lost, REF).id_status).toBe('truncated');
    // A genuine ID may end in 000: the check character decides.
    expect(idCheckChar('11010119900301000')).toBe('0');
    expect(normalizeId('110101199003010000', REF).id_status).toBe('valid');
  });

  it('bad date wins over ends-in-000', () => {
    expect(normalizeId('110101199002300000', REF).id_status).toBe('bad_date');
  });

  it('an ID followed by 残疾人证号 category and grade is that ID', () => {
    expect(normalizeId('110101199003072316' + '42', REF)).toEqual({
      id_raw: '11010119900307231642',
      id_number: '110101199003072316',
      id_status: 'valid',
    });
    expect(normalizeId('110101199003072316' + '42B1', REF).id_number).toBe('110101199003072316');
    expect(normalizeId('11010119900307231x' + '11', REF).id_status).toBe('bad_checksum');
  });

  it('a tail that is not a category (1-7) + grade (1-4) is bad_format', () => {
    expect(normalizeId('110101199003072316' + '82', REF).id_status).toBe('bad_format');
    expect(normalizeId('110101199003072316' + '45', REF).id_status).toBe('bad_format');
    expect(normalizeId('110101199003072316' + '42B0', REF).id_status).toBe('bad_format');
    expect(normalizeId('110101199003072316' + '4', REF).id_status).toBe('bad_format');
  });

  it('birth date after the 基准日 → bad_date; on the 基准日 → valid', () => {
    expect(normalizeId(withCheck('11010120261101001'), REF).id_status).toBe('bad_date');
    expect(normalizeId(withCheck('11010120261031001'), REF).id_status).toBe('valid');
    expect(normalizeId(withCheck('11010119000101001'), REF).id_status).toBe('valid');
    expect(normalizeId(withCheck('11010118991231001'), REF).id_status).toBe('bad_date');
  });

  it('leap days are real dates only in leap years', () => {
    expect(normalizeId(withCheck('11010120000229001'), REF).id_status).toBe('valid');
    expect(normalizeId(withCheck('11010119000229001'), REF).id_status).toBe('bad_date');
  });

  it('the first two digits must be a province code', () => {
    expect(normalizeId(withCheck('99010119900307231'), REF).id_status).toBe('bad_format');
    expect(normalizeId(withCheck('10010119900307231'), REF).id_status).toBe('bad_format');
    expect(normalizeId('990105491231002', REF).id_status).toBe('bad_format');
    expect(normalizeId(withCheck('65010119900307231'), REF).id_status).toBe('valid');
  });

  it('a 15-digit legacy ID with an impossible date → bad_date', () => {
    expect(normalizeId('110105491331002', REF).id_status).toBe('bad_date');
    expect(normalizeId('110105490229002', REF).id_status).toBe('bad_date');
  });

  it('masked beats everything but missing, full-width asterisks included', () => {
    expect(normalizeId('4109****0000', REF).id_status).toBe('masked');
    expect(normalizeId('410102＊＊＊＊＊＊＊＊1234', REF).id_status).toBe('masked');
  });

  it('X elsewhere than the last position, letters and 16/17/19 chars are bad_format', () => {
    expect(normalizeId('11010119900307X316', REF).id_status).toBe('bad_format');
    expect(normalizeId('abc', REF).id_status).toBe('bad_format');
    expect(normalizeId('1101011990030723', REF).id_status).toBe('bad_format');
    expect(normalizeId('1101011990030723161', REF).id_status).toBe('bad_format');
  });

  it('keeps id_raw exactly as found', () => {
    expect(normalizeId(' 110101199003072316\n', REF).id_raw).toBe(' 110101199003072316\n');
  });
});

describe('cleanIdText', () => {
  it('undoes what Excel and copy-paste did', () => {
    expect(cleanIdText('\u00A0110101\u200B19900307\u30002316\r\n')).toBe('110101199003072316');
    expect(cleanIdText("'11010119900307803x")).toBe('11010119900307803X');
    expect(cleanIdText('="11010119900307803x"')).toBe('11010119900307803X');
    expect(cleanIdText('"110101199003072316"')).toBe('110101199003072316');
    expect(cleanIdText('110105491231002.0')).toBe('110105491231002');
    expect(cleanIdText('１１０１０１１９９００３０７８０３Ｘ')).toBe('11010119900307803X');
  });

  it('strips only one apostrophe and only a trailing .0', () => {
    expect(cleanIdText("''1101")).toBe("'1101");
    expect(cleanIdText('1101.05')).toBe('1101.05');
  });
});

describe('idPersonInfo', () => {
  it('reads sex from digit 17 and the birth date', () => {
    expect(idPersonInfo('110101199003072316')).toEqual({ sex: '男', birth_date: '1990-03-07' });
    expect(idPersonInfo('11010519491231002X')).toEqual({ sex: '女', birth_date: '1949-12-31' });
  });
});

describe('ageOn', () => {
  it('counts full years', () => {
    expect(ageOn('2008-10-31', '2026-10-31')).toBe(18);
    expect(ageOn('2008-11-01', '2026-10-31')).toBe(17);
    expect(ageOn('1990-03-07', '2026-10-31')).toBe(36);
  });

  it('a 29 February birthday comes on 1 March in common years', () => {
    expect(ageOn('2000-02-29', '2018-02-28')).toBe(17);
    expect(ageOn('2000-02-29', '2018-03-01')).toBe(18);
    expect(ageOn('2000-02-29', '2020-02-29')).toBe(20);
  });
});

describe('maskId', () => {
  it('keeps the first 6 and last 4', () => {
    expect(maskId('410102199003071234')).toBe('410102********1234');
    expect(maskId('110105491231002')).toBe('110105*****1002');
    expect(maskId('1234567890')).toBe('1234567890');
  });

  it('hides short values completely', () => {
    expect(maskId('123456789')).toBe('*********');
    expect(maskId('')).toBe('');
  });
});
