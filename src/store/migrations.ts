// Versioned schema: each entry migrates from version i to i+1 (PRAGMA user_version); never edit a shipped entry.

export const MIGRATIONS: readonly string[] = [
  /* 1: imports and roster rows */ `
  CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
  CREATE TABLE imports (
    id INTEGER PRIMARY KEY,
    kind TEXT NOT NULL,
    period TEXT,                -- YYYY-MM; NULL for reference rosters loaded without a period
    file_name TEXT NOT NULL,
    file_path TEXT NOT NULL,
    sha256 TEXT NOT NULL,
    format TEXT NOT NULL,
    encoding TEXT,
    rows_read INTEGER NOT NULL,
    rows_loaded INTEGER NOT NULL,
    rows_skipped INTEGER NOT NULL,
    rows_rejected INTEGER NOT NULL,
    id_problems INTEGER NOT NULL,
    sheets TEXT NOT NULL,        -- JSON: per sheet header rows, mapped and unmapped columns
    report TEXT NOT NULL,        -- JSON: the full load report
    options TEXT NOT NULL,       -- JSON: load options used
    loaded_at TEXT NOT NULL
  );
  CREATE INDEX imports_kind_period ON imports(kind, period);
  CREATE TABLE roster_rows (
    id INTEGER PRIMARY KEY,
    import_id INTEGER NOT NULL REFERENCES imports(id) ON DELETE CASCADE,
    kind TEXT NOT NULL,
    period TEXT,
    sheet TEXT NOT NULL,
    row_no INTEGER NOT NULL,
    member_no INTEGER NOT NULL,
    id_raw TEXT, id_number TEXT, id_status TEXT NOT NULL,
    name TEXT, sex TEXT, birth_date TEXT,
    township TEXT, village TEXT, head_id_number TEXT, relation TEXT, status TEXT,
    active INTEGER NOT NULL,
    case_id TEXT, area_type TEXT, covered_count INTEGER, family_size INTEGER, mode TEXT, category TEXT, amount REAL,
    start_month TEXT, taper_start TEXT,
    support_mode TEXT, self_care TEXT, school_status TEXT,
    household_id TEXT, person_no TEXT, household_type TEXT, monitor_type TEXT, labor TEXT, health TEXT,
    risk_cleared INTEGER, risk_identified_at TEXT, risk_cleared_at TEXT, flag_dibao INTEGER, flag_tekun INTEGER,
    cert_number TEXT, disability_category INTEGER, disability_grade INTEGER, subsidy_type TEXT,
    death_date TEXT, source TEXT, label TEXT,
    extra TEXT, warnings TEXT
  );
  CREATE INDEX roster_rows_import ON roster_rows(import_id);
  CREATE INDEX roster_rows_kind_period_id ON roster_rows(kind, period, id_number);
  `,
  /* 2: checks, findings and the townships' answers */ `
  CREATE TABLE checks (
    id INTEGER PRIMARY KEY,
    period TEXT NOT NULL UNIQUE,
    compared_with TEXT,           -- the latest earlier checked period, if any
    params TEXT NOT NULL,         -- JSON: rule code -> parameters in force
    outcomes TEXT NOT NULL,       -- JSON: rule code -> ran / skipped (reason) / disabled, counts
    started_at TEXT NOT NULL,
    finished_at TEXT NOT NULL
  );
  CREATE TABLE findings (
    id INTEGER PRIMARY KEY,
    check_id INTEGER NOT NULL REFERENCES checks(id) ON DELETE CASCADE,
    period TEXT NOT NULL,
    finding_id TEXT NOT NULL,
    rule TEXT NOT NULL,
    severity TEXT NOT NULL,
    id_number TEXT,
    id_raw TEXT,
    name TEXT, sex TEXT, age INTEGER,
    township TEXT, village TEXT,
    kinds TEXT NOT NULL,          -- JSON array
    sources TEXT NOT NULL,        -- JSON array of {kind, file, sheet, row}
    explanation TEXT NOT NULL,
    detail TEXT NOT NULL,         -- JSON
    detail_hash TEXT NOT NULL,
    lifecycle TEXT NOT NULL,      -- 新增 / 持续 / 已消除
    first_seen TEXT NOT NULL,
    months_open INTEGER NOT NULL,
    status TEXT NOT NULL,         -- 待核查 / 已核实 / 整改未见效 / 已消除
    status_note TEXT,
    UNIQUE (period, finding_id)
  );
  CREATE INDEX findings_period_township ON findings(period, township);
  CREATE TABLE answers (
    id INTEGER PRIMARY KEY,
    finding_id TEXT NOT NULL,
    period TEXT NOT NULL,         -- the period of the workbook answered
    township TEXT,
    result TEXT,                  -- 属实 / 不属实 / 部分属实
    explanation TEXT,
    measure TEXT,                 -- 已停发 / 已追回 / 已纳入 / 已更正数据 / 无需整改 / 其他
    done_date TEXT,
    checker TEXT,
    phone TEXT,
    detail_hash TEXT NOT NULL,    -- the finding's detail when answered (a change re-opens 已核实)
    source_file TEXT NOT NULL,
    source_sha256 TEXT NOT NULL,
    source_sheet TEXT,
    source_row INTEGER,
    imported_at TEXT NOT NULL,
    superseded_by INTEGER REFERENCES answers(id)
  );
  CREATE INDEX answers_finding ON answers(finding_id);
  `,
  /* 3: roster rows are read by (kind, period) only; an index ending in id_number made every insert a random B-tree
        write (a sixth of a 2 M-row load). Rules index their own snapshot (rules/workset.ts). */ `
  DROP INDEX roster_rows_kind_period_id;
  CREATE INDEX roster_rows_kind_period ON roster_rows(kind, period);
  `,
  /* 4: the fields each load mapped to a column, as data (rules skip when a roster lacks a column); earlier loads are
        filled in from their stored sheet reports. */ `
  CREATE TABLE import_fields (
    import_id INTEGER NOT NULL REFERENCES imports(id) ON DELETE CASCADE,
    field TEXT NOT NULL,
    PRIMARY KEY (import_id, field)
  ) WITHOUT ROWID;
  INSERT OR IGNORE INTO import_fields (import_id, field)
    SELECT i.id, json_extract(m.value, '$.field')
      FROM imports i, json_each(i.sheets) s, json_each(json_extract(s.value, '$.mapped')) m
     WHERE json_valid(i.sheets) AND json_extract(m.value, '$.field') IS NOT NULL;
  `,
  /* 5: the files a check was made on (JSON list of {kind, period, file, sha256}), so that status and report notice
        rosters loaded or replaced after the check. NULL for checks made before: unknown. */ `
  ALTER TABLE checks ADD COLUMN load_state TEXT;
  `,
  /* 6: identity beyond a clean ID column (the file's own 性别/出生日期), the county of every row, and the money and
        links of findings (domain.md §6, §10, §11). */ `
  ALTER TABLE roster_rows ADD COLUMN sex_declared TEXT;
  ALTER TABLE roster_rows ADD COLUMN birth_declared TEXT;
  ALTER TABLE roster_rows ADD COLUMN county TEXT;
  ALTER TABLE findings ADD COLUMN county TEXT;
  ALTER TABLE findings ADD COLUMN amount_monthly REAL;
  ALTER TABLE findings ADD COLUMN amount_estimate REAL;
  ALTER TABLE findings ADD COLUMN estimate_months INTEGER;
  ALTER TABLE findings ADD COLUMN via_link INTEGER NOT NULL DEFAULT 0;
  `,
  /* 7: a report across counties names each file's counties and reads the findings county by county. The counties of
        a load's rows are recorded as it is loaded (a DISTINCT over a province's 5 M roster rows took 8 s per report);
        earlier loads are filled in once from their rows. The findings index serves the per-county reads and the
        places of a period (covering). */ `
  CREATE TABLE import_counties (
    import_id INTEGER NOT NULL REFERENCES imports(id) ON DELETE CASCADE,
    county TEXT
  );
  CREATE INDEX import_counties_import ON import_counties(import_id);
  INSERT INTO import_counties (import_id, county) SELECT DISTINCT import_id, county FROM roster_rows;
  CREATE INDEX findings_period_county ON findings(period, county, township, lifecycle);
  `,
];
