import { format } from 'node:util';

interface Row {
  name: string;
  total: number;
}

export function printReport(rows: Row[]): void {
  for (const row of rows) {
    console.log('%s\t%d', row.name, row.total); // safe
  }
  console.log(format('Total rows: %d', rows.length)); // safe
}

export function printHeader(title: string): void {
  console.log(`== ${title} ==`); // safe
}
