/**
 * The HTML shell of a report: escaping, tables and one inline style sheet. The page has no
 * scripts and no external assets, so it reads the same offline, printed or attached to a mail.
 */

/** Text safe to put between tags and inside quoted attributes. */
export function escapeHtml(text: unknown): string {
  return String(text)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

/** A table of already formatted cells; every cell is escaped here. */
export function htmlTable(header: string[], rows: string[][], className = 'data'): string {
  const head = `<tr>${header.map((h) => `<th>${escapeHtml(h)}</th>`).join('')}</tr>`;
  const body = rows.map((row) => `<tr>${row.map((cell) => `<td>${escapeHtml(cell)}</td>`).join('')}</tr>`).join('\n');
  return `<table class="${escapeHtml(className)}">\n<thead>${head}</thead>\n<tbody>\n${body}\n</tbody>\n</table>`;
}

/** A section with a heading; `body` is HTML the caller built (and escaped). */
export function section(title: string, body: string, level: 2 | 3 = 2): string {
  return `<section>\n<h${level}>${escapeHtml(title)}</h${level}>\n${body}\n</section>`;
}

const STYLE = `
body { font-family: system-ui, -apple-system, "Segoe UI", sans-serif; margin: 2em auto; max-width: 1100px; padding: 0 1em; color: #222; }
h1 { font-size: 1.5em; } h2 { font-size: 1.2em; margin-top: 2em; border-bottom: 1px solid #ddd; } h3 { font-size: 1.05em; }
pre { background: #f6f6f6; padding: 0.8em; overflow-x: auto; font-size: 0.85em; }
table.data { border-collapse: collapse; font-size: 0.8em; font-variant-numeric: tabular-nums; }
table.data th, table.data td { border: 1px solid #ddd; padding: 2px 6px; text-align: right; white-space: nowrap; }
table.data th { background: #f0f0f0; }
.scroll { overflow-x: auto; max-width: 100%; border: 1px solid #eee; }
.charts { display: flex; flex-wrap: wrap; gap: 1em; }
svg.chart { max-width: 100%; height: auto; }
.panels { display: grid; grid-template-columns: repeat(auto-fill, minmax(340px, 1fr)); gap: 0.6em; max-width: 100%; }
.panel { min-width: 0; }
details.combined { margin: 0.5em 0 1em; } details.combined summary { cursor: pointer; font-size: 0.9em; color: #335; }
p.flat { font-size: 0.9em; color: #555; }
figure { margin: 0; } figcaption { font-size: 0.8em; color: #555; max-width: 760px; }
.verdict { font-size: 1.05em; padding: 0.5em 0.8em; background: #f6f6f6; border-left: 4px solid #888; }
.verdict.supported { border-left-color: #2a8a2a; } .verdict.not-supported { border-left-color: #b33; } .verdict.inconclusive { border-left-color: #c90; } .verdict.failed { border-left-color: #b33; background: #fdeaea; }
.alarm { padding: 0.5em 0.8em; background: #fff0f0; border-left: 4px solid #c00; }
.warning { color: #a60; }
.legend { font-size: 0.8em; max-width: 760px; } .legend-item { margin-right: 0.8em; white-space: nowrap; }
svg text { font-family: system-ui, sans-serif; }
`;

/** A complete, self-contained page. `body` is HTML the caller built (and escaped). */
export function htmlPage(title: string, body: string): string {
  return [
    '<!DOCTYPE html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    `<title>${escapeHtml(title)}</title>`,
    `<style>${STYLE}</style>`,
    '</head>',
    '<body>',
    `<h1>${escapeHtml(title)}</h1>`,
    body,
    '</body>',
    '</html>',
    '',
  ].join('\n');
}
