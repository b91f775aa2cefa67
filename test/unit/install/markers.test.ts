import { test } from 'node:test';
import assert from 'node:assert/strict';
import { BEGIN, END, removeBlock, scanBlock, spliceBlock } from '../../../scripts/install/markers';

test('a new file gets just the block', () => {
  const s = spliceBlock(undefined, 'rule one\nrule two\n');
  assert.equal(s.text, `${BEGIN}\nrule one\nrule two\n${END}\n`);
});

test('appending keeps every user byte and round-trips through removal', () => {
  for (const user of ['# Mine\n', '# Mine', '# Mine\r\nmore\r\n', 'a\n\n\n', '\n']) {
    const s = spliceBlock(user, 'body');
    assert.ok(s.text.startsWith(user), JSON.stringify(user));
    assert.equal(removeBlock(s.text, s.before, s.after), user, JSON.stringify(user));
  }
});

test('CRLF files get a CRLF block and no lone LF', () => {
  const s = spliceBlock('one\r\ntwo\r\n', 'x\ny');
  assert.equal(s.text, `one\r\ntwo\r\n\r\n${BEGIN}\r\nx\r\ny\r\n${END}\r\n`);
  assert.doesNotMatch(s.text.replace(/\r\n/g, ''), /\n/);
});

test('an existing block is replaced in place, text around it untouched', () => {
  const before = `top\n${BEGIN}\nold\n${END}\nbottom\n`;
  const s = spliceBlock(before, 'new');
  assert.equal(s.text, `top\n${BEGIN}\nnew\n${END}\nbottom\n`);
});

test('duplicate, unclosed, orphan and reversed markers are reported broken', () => {
  assert.equal(scanBlock(`${BEGIN}\n${END}\n${BEGIN}\n${END}`).state, 'broken');
  assert.equal(scanBlock(`${BEGIN}\nno end`).state, 'broken');
  assert.equal(scanBlock(`no begin\n${END}`).state, 'broken');
  assert.equal(scanBlock(`${END}\n${BEGIN}`).state, 'broken');
  assert.throws(() => spliceBlock(`${BEGIN}\nx`, 'y'));
  assert.equal(removeBlock(`${BEGIN}\nx`), null);
});
