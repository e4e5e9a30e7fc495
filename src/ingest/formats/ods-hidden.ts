// Which sheets of an OpenDocument spreadsheet are hidden: a table whose table style says table:display="false"
// (SheetJS, which reads the cells, does not tell). Read from content.xml with the xlsx reader's XML scanner.
import { scanPart } from './xlsx/package.js';
import { nameIs } from './xlsx/xml.js';
import type { ZipArchive } from './xlsx/zip.js';

export async function odsHiddenSheets(zip: ZipArchive): Promise<Set<string>> {
  const entry = zip.get('content.xml');
  const hidden = new Set<string>();
  if (!entry) return hidden;
  const hiddenStyles = new Set<string>();
  let style: string | undefined;
  await scanPart(
    zip,
    entry,
    {
      capture: false,
      open(s, ns, ne, attrs, selfClosing) {
        if (nameIs(s, ns, ne, 'style')) {
          style = attrs.get('family') === 'table' && !selfClosing ? attrs.get('name') : undefined;
        } else if (style !== undefined && nameIs(s, ns, ne, 'table-properties')) {
          if (attrs.get('display') === 'false') hiddenStyles.add(style);
        } else if (nameIs(s, ns, ne, 'table')) {
          const st = attrs.get('style-name');
          const name = attrs.get('name');
          if (st !== undefined && name !== undefined && hiddenStyles.has(st)) hidden.add(name);
        }
      },
      close(s, ns, ne) {
        if (nameIs(s, ns, ne, 'style')) style = undefined;
      },
      text() {},
    },
    1 << 20,
  );
  return hidden;
}
