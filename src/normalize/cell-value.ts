// A spreadsheet cell as a reader hands it over (normalisers take these).

/** Numbers stay numbers so that Excel-mangled IDs can be recognised. */
export type CellValue = string | number | boolean | Date | null;
