/**
 * A line diff of two texts (longest common subsequence): [{kind: ' ' | '-' | '+', text}]. Config files
 * are a few hundred lines, so the quadratic table is small.
 */
export function lineDiff(before, after) {
  const a = before.split('\n');
  const b = after.split('\n');
  const common = Array.from({ length: a.length + 1 }, () => new Uint32Array(b.length + 1));
  for (let i = a.length - 1; i >= 0; i--) {
    for (let j = b.length - 1; j >= 0; j--) {
      common[i][j] = a[i] === b[j] ? common[i + 1][j + 1] + 1 : Math.max(common[i + 1][j], common[i][j + 1]);
    }
  }
  const lines = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    if (i < a.length && j < b.length && a[i] === b[j]) {
      lines.push({ kind: ' ', text: a[i++] });
      j++;
    } else if (j < b.length && (i === a.length || common[i][j + 1] >= common[i + 1][j])) {
      lines.push({ kind: '+', text: b[j++] });
    } else {
      lines.push({ kind: '-', text: a[i++] });
    }
  }
  return lines;
}

/** Only the changed lines and `context` lines around each, with '…' between distant hunks. */
export function changedHunks(lines, context = 2) {
  const keep = lines.map(() => false);
  lines.forEach((line, index) => {
    if (line.kind !== ' ') {
      for (let k = Math.max(0, index - context); k <= Math.min(lines.length - 1, index + context); k++) {
        keep[k] = true;
      }
    }
  });
  const hunks = [];
  lines.forEach((line, index) => {
    if (keep[index]) {
      hunks.push(line);
    } else if (hunks.length > 0 && hunks[hunks.length - 1].kind !== '…') {
      hunks.push({ kind: '…', text: '' });
    }
  });
  return hunks.at(-1)?.kind === '…' ? hunks.slice(0, -1) : hunks;
}
