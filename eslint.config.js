import js from '@eslint/js';
import astro from 'eslint-plugin-astro';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/', '.astro/', 'node_modules/', 'test-results/', 'bench-data/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  // After typescript-eslint: .astro files get astro-eslint-parser, which hands the frontmatter
  // and expressions to the typescript-eslint parser; <script> tags are linted as .ts files.
  ...astro.configs.recommended,
  {
    languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly' } },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
    },
  },
);
