import { jwtDecode } from 'jwt-decode';

interface Claims {
  exp: number;
  name: string;
}

export function sessionExpiresSoon(): boolean {
  const token = localStorage.getItem('access_token');
  if (!token) return true;
  const { exp } = jwtDecode<Claims>(token); // safe
  return exp * 1000 - Date.now() < 60_000;
}

export function displayName(token: string): string {
  return jwtDecode<Claims>(token).name; // safe
}
