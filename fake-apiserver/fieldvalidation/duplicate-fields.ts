/**
 * Duplicate keys in a JSON document, with the field paths the real server's strict decoder
 * reports (`metadata.name`, `spec.template.spec.containers[0].name`). JSON.parse keeps the last
 * value silently, as Go's decoder does; the real server additionally reports the duplicates
 * (as an error with fieldValidation=Strict, as Warning headers with Warn).
 *
 * This is a tokenizer over the text, not a parser: it assumes the text already parsed with
 * JSON.parse, so it never has to report syntax errors.
 */
export function duplicateFields(text: string): string[] {
  const out: string[] = [];
  let i = 0;
  const n = text.length;

  const skipWs = () => {
    while (i < n) {
      const c = text.charCodeAt(i);
      if (c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09) i++;
      else break;
    }
  };
  const readString = (): string => {
    // i is at the opening quote
    const start = i;
    i++;
    let escaped = false;
    while (i < n) {
      const c = text.charCodeAt(i);
      if (c === 0x5c) {
        escaped = true;
        i += 2;
        continue;
      }
      if (c === 0x22) break;
      i++;
    }
    i++;
    const raw = text.slice(start, i);
    return escaped ? (JSON.parse(raw) as string) : raw.slice(1, -1);
  };
  const value = (path: string): void => {
    skipWs();
    const c = text[i];
    if (c === '{') {
      i++;
      const seen = new Set<string>();
      skipWs();
      if (text[i] === '}') {
        i++;
        return;
      }
      while (i < n) {
        skipWs();
        const key = readString();
        const child = path ? `${path}.${key}` : key;
        if (seen.has(key)) out.push(child);
        seen.add(key);
        skipWs();
        i++; // ':'
        value(child);
        skipWs();
        if (text[i] === ',') {
          i++;
          continue;
        }
        i++; // '}'
        return;
      }
    } else if (c === '[') {
      i++;
      skipWs();
      if (text[i] === ']') {
        i++;
        return;
      }
      for (let idx = 0; i < n; idx++) {
        value(`${path}[${idx}]`);
        skipWs();
        if (text[i] === ',') {
          i++;
          continue;
        }
        i++; // ']'
        return;
      }
    } else if (c === '"') {
      readString();
    } else {
      while (i < n && !',}] \n\r\t'.includes(text[i])) i++;
    }
  };
  value('');
  return out;
}
