import { NextRequest, NextResponse } from 'next/server';
import { redirect } from 'next/navigation';

export function middleware(request: NextRequest) {
  const token = request.cookies.get('session')?.value;
  if (!token) {
    const login = new URL('/login', request.url);
    login.searchParams.set('next', request.nextUrl.pathname);
    return NextResponse.redirect(login); // safe
  }
  const next = request.nextUrl.searchParams.get('next');
  if (next) return NextResponse.redirect(new URL(next, request.url)); // expect: open-redirect
  return NextResponse.next();
}

export default async function ContinuePage({ searchParams }: { searchParams: { to?: string } }) {
  redirect(searchParams.to ?? '/'); // expect: open-redirect
}
