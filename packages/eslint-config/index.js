// Shared ESLint flat config for every Omnitron workspace: `export { default } from '@omnitron/eslint-config'`.
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['**/dist/**', '**/generated/**', '**/node_modules/**', '**/*.d.ts'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    rules: {
      // Unused values are bugs, except deliberate `_` placeholders.
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' }],
      // type-graphql resolver factories return constructors.
      '@typescript-eslint/no-unsafe-function-type': 'off',
      // Swallowing an error needs a comment that says why.
      'no-empty': ['error', { allowEmptyCatch: false }],
      eqeqeq: ['error', 'smart'],
    },
  },
  {
    // Tests poke at loosely shaped GraphQL answers; `any` there is a convenience, not a design.
    files: ['**/*.test.ts', '**/*.test.tsx', '**/test-support/**', '**/testing/**', '**/*.e2e.ts', '**/bench/**'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
);
