import React, { useId, useMemo, useState } from 'react';

interface Props {
  onSubmit: (values: { email: string; password: string }) => Promise<void>;
}

const PASSWORD_HINT = 'Use at least 12 characters, including a number.'; // safe

export function SignupForm({ onSubmit }: Props) {
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState(''); // safe
  const [token, setToken] = useState<string | null>(null); // safe
  const [error, setError] = useState<string | null>(null);
  const hintId = useId();
  const fieldId = useMemo(() => 'field-' + Math.random().toString(36).slice(2), []); // safe

  async function handleSubmit(event: React.FormEvent) {
    event.preventDefault();
    if (password.length < 12) return setError('Password must be at least 12 characters'); // safe
    try {
      await onSubmit({ email, password });
      setToken(null);
    } catch (e) {
      setError((e as Error).message);
    }
  }

  return (
    <form onSubmit={handleSubmit} noValidate>
      <label htmlFor={fieldId}>Email</label>
      <input id={fieldId} type="email" value={email} onChange={(e) => setEmail(e.target.value)} />
      <label htmlFor="password">Password</label>
      <input id="password" type="password" placeholder="Password" autoComplete="new-password" value={password} onChange={(e) => setPassword(e.target.value)} aria-describedby={hintId} /> {/* safe */}
      <p id={hintId}>{PASSWORD_HINT}</p>
      {error && <p role="alert">{error}</p>} {/* safe */}
      {token && <p>Verification sent.</p>}
      <button type="submit">Create account</button>
    </form>
  );
}

export function Avatar({ src, name }: { src: string; name: string }) {
  return <img src={src} alt={name} title={name} />; // safe
}

export function ExternalLink({ href, children }: { href: string; children: React.ReactNode }) {
  const safeHref = /^https?:\/\//.test(href) ? href : '#';
  return <a href={safeHref} target="_blank" rel="noopener noreferrer">{children}</a>; // safe
}
