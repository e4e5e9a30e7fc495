// The vocabulary of bidui: every other room speaks in these terms, and each term is defined in one file here.
//
// Glossary (the words are used in exactly these senses throughout the code):
// - roster (名单): one kind's list of persons for a period (dibao 低保 … liangbu 两项补贴), or a reference roster
//   (death 死亡/火化, ext 外部核对名单) that accumulates and has no period. A roster *row* is one person on one line.
// - load: the command and job that reads one or more files of one kind into the database (one transaction);
//   import: the stored record of one file's load (table `imports`), with its provenance and counts.
// - snapshot: all rows of one kind for one period; what the rules read.
// - finding: one suspect a rule reports for one person (or case/household), with a stable finding_id.
//   疑点 is also the name of a *severity* (needs a home visit), next to 提示 (data to sync or confirm): a finding of
//   severity 提示 is still a finding, never "a 疑点".
// - lifecycle (新增 / 持续 / 已消除): how a finding compares with the latest earlier checked period.
//   status (待核查 / 已核实 / 整改未见效 / 已消除): where it stands after the townships' answers.
//   current = lifecycle not 已消除; open = current and not 已核实.
// - answer: a township's 核查结果 for one finding, read back from its workbook (feedback); the history is kept.
// - place: (township, village) of a row; a row without a township belongs to 未知乡镇.

export * from './answer.js';
export * from './finding.js';
export * from './id-status.js';
export * from './kinds.js';
export * from './place.js';
export * from './roster.js';
