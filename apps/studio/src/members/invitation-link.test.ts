import { expect, it } from 'vitest';
import { invitationLink, invitationTokenOf } from './invitation-link';

it('puts the token in the fragment of the accept page, where it reads back unchanged', () => {
  const token = 'omi_aB-_9zQ';
  const link = invitationLink(token, 'https://omnitron.example');
  expect(link).toBe('https://omnitron.example/invitations/accept#token=omi_aB-_9zQ');
  expect(invitationTokenOf(new URL(link).hash)).toBe(token);
});

it('finds no token in an empty or foreign fragment', () => {
  expect(invitationTokenOf('')).toBeNull();
  expect(invitationTokenOf('#')).toBeNull();
  expect(invitationTokenOf('#token=')).toBeNull();
  expect(invitationTokenOf('#section-2')).toBeNull();
});
