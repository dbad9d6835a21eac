export { default } from '@omnitron/eslint-config';
