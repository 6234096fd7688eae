import http from 'node:http';
import express from 'express';

const app = express();
const PORT = Number(process.env.PORT ?? 3000);

app.get('/healthz', (_req, res) => res.send('ok'));

// TLS terminates at the load balancer in front of this service.
http.createServer(app).listen(PORT, () => {
  console.log(`Listening on http://localhost:${PORT}`); // safe
});

export const docsLink = 'See http://example.com/docs for the legacy API'; // safe
export const xmlns = 'http://schemas.xmlsoap.org/soap/envelope/'; // safe
export const CALLBACK_URL = 'http://localhost:3000/auth/callback'; // safe
