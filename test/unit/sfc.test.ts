import { strict as assert } from 'node:assert';
import { scriptView } from '../../src/core/sfc';

describe('single-file components', () => {
  it('keeps script bodies at their offsets and blanks the rest, line breaks included', () => {
    const text = '<template>\n  <div v-html="x" />\n</template>\n<script setup lang="ts">\nconst a: number = 1;\n</script>\n<style>.a{}</style>\n';
    const view = scriptView(text, 'App.vue');
    assert.equal(view.text.length, text.length);
    assert.equal(view.virtualPath, 'App.vue.ts');
    const offset = text.indexOf('const a');
    assert.equal(view.text.slice(offset, offset + 20), 'const a: number = 1;');
    assert.equal(view.text.split('\n').length, text.split('\n').length);
    assert.ok(!view.text.includes('template') && !view.text.includes('style'));
  });

  it('parses JavaScript with JSX allowed when no lang is given, and handles two script blocks', () => {
    const text = '<script context="module">\nexport const x = 1;\n</script>\n<script>\nlet y = 2;\n</script>\n<h1>{y}</h1>\n';
    const view = scriptView(text, 'Page.svelte');
    assert.equal(view.virtualPath, 'Page.svelte.jsx');
    assert.ok(view.text.includes('export const x = 1;') && view.text.includes('let y = 2;'));
    assert.ok(!view.text.includes('<h1>'));
  });
});
