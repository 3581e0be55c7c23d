import { describe, expect, it } from 'vitest';
import { withSemiSpace } from './young-generation.ts';

describe('the build’s young generation', () => {
  it('starts the same command again with the flag first, keeping Node’s own options', () => {
    expect(
      withSemiSpace(32, '/n/node', ['--import', 'hook.js'], ['/n/node', 'review.ts', 'build']),
    ).toEqual(['/n/node', '--max-semi-space-size=32', '--import', 'hook.js', 'review.ts', 'build']);
  });

  it('keeps a size its Node was started with, on the command line or in NODE_OPTIONS', () => {
    const argv = ['/n/node', 'review.ts', 'build'];
    expect(withSemiSpace(32, '/n/node', ['--max-semi-space-size=8'], argv)).toBeNull();
    expect(
      withSemiSpace(32, '/n/node', [], argv, '--enable-source-maps --max-semi-space-size=16'),
    ).toBeNull();
    expect(withSemiSpace(32, '/n/node', [], argv, '--enable-source-maps')).not.toBeNull();
  });
});
