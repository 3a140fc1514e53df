export { readCsv, readTwice, CsvError, type CsvSource, type CsvOptions, type CsvFile } from './read-csv.ts';
export { isCsvError, type CsvRow, type CsvRecord, type CsvRecordError } from './records.ts';
export { CSV_ENCODINGS, type CsvEncoding } from './encoding.ts';
export { DELIMITERS, type Delimiter } from './delimiter.ts';
export { columnKey } from './columns.ts';
export { parseDate, DateOrderEvidence, type DateOrder } from './dates.ts';
