import { NextRequest, NextResponse } from 'next/server';
import { readFile } from 'node:fs/promises';
import path from 'node:path';

const CONTENT_DIR = path.join(process.cwd(), 'content');

export async function GET(request: NextRequest) {
  const slug = request.nextUrl.searchParams.get('slug') ?? 'index';
  const markdown = await readFile(path.join(CONTENT_DIR, `${slug}.md`), 'utf8'); // expect: path-traversal
  return NextResponse.json({ markdown });
}

export async function POST(request: NextRequest) {
  const { page } = await request.json();
  if (!/^[a-z0-9-]+$/.test(page)) return NextResponse.json({ error: 'bad page' }, { status: 400 });
  const markdown = await readFile(path.join(CONTENT_DIR, `${page}.md`), 'utf8'); // safe
  return NextResponse.json({ markdown });
}
