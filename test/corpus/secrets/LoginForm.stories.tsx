import type { Meta, StoryObj } from '@storybook/react';
import { LoginForm } from './LoginForm';

const meta: Meta<typeof LoginForm> = { component: LoginForm, title: 'Auth/LoginForm' };
export default meta;

export const Filled: StoryObj<typeof LoginForm> = {
  args: { email: 'jane@acme-shop.io', password: 'Hunter2-Secret!' }, // safe
};

export const WithError: StoryObj<typeof LoginForm> = {
  args: { email: 'jane@acme-shop.io', password: '', error: 'Invalid password' }, // safe
};
