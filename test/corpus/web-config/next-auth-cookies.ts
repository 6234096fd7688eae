import { cookies } from 'next/headers';
import { NextResponse } from 'next/server';
import { createSession } from '@/lib/sessions';

export async function POST(request: Request) {
  const { email, password } = await request.json();
  const session = await createSession(email, password);
  if (!session) return NextResponse.json({ error: 'invalid credentials' }, { status: 401 });
  cookies().set('session', session.token, { httpOnly: true, secure: process.env.NODE_ENV === 'production', sameSite: 'lax' }); // safe
  cookies().set('user_token', session.token); // expect: insecure-cookie
  cookies().set('sidebar', 'collapsed'); // safe
  return NextResponse.json({ ok: true });
}
