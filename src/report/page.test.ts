import { describe, expect, it } from 'vitest';
import { escapeHtml, htmlPage, htmlTable } from './page.js';

describe('escapeHtml', () => {
  it('escapes the five special characters (known answers)', () => {
    expect(escapeHtml(`<a href="x">'&'</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;');
    expect(escapeHtml('&amp;')).toBe('&amp;amp;');
    expect(escapeHtml(42)).toBe('42');
  });
});

describe('htmlTable and htmlPage', () => {
  it('escapes every header and cell and keeps one row per input row', () => {
    const table = htmlTable(['<h>'], [['<1>'], ['2 & 3']]);
    expect(table).toContain('<th>&lt;h&gt;</th>');
    expect(table).toContain('<td>&lt;1&gt;</td>');
    expect(table).toContain('<td>2 &amp; 3</td>');
    expect(table.match(/<tr>/g)).toHaveLength(3);
  });

  it('is a complete page with inline style and an escaped title', () => {
    const page = htmlPage('a <b>', '<p>x</p>');
    expect(page).toMatch(/^<!DOCTYPE html>/);
    expect(page).toContain('<title>a &lt;b&gt;</title>');
    expect(page).toContain('<style>');
    expect(page).not.toMatch(/<script|<link|https?:/);
  });
});
