import { initializeApp } from 'firebase/app';
import { getAuth } from 'firebase/auth';

// Firebase web config: these values ship to every browser by design.
const firebaseConfig = {
  apiKey: 'AIzaSyBq3kZ7uXw2Lm9Pc4Rt8Vn1Hd6Ej0Fg5Ys', // safe
  authDomain: 'acme-shop-prod.firebaseapp.com',
  projectId: 'acme-shop-prod',
  storageBucket: 'acme-shop-prod.appspot.com',
  messagingSenderId: '483920174652',
  appId: '1:483920174652:web:7c2f9a1e5b3d8c6f0a4e21',
};

export const app = initializeApp(firebaseConfig);
export const auth = getAuth(app);

export const SCRIPT_INTEGRITY = 'sha384-oqVuAfXRKap7fdgcCY5uykM6+R9GqQ8K/uxy9rx7HNQlGYl1kPzQho1wx4JwY8wC'; // safe
export const NEXT_PAGE_TOKEN = 'CAoQAA'; // safe
