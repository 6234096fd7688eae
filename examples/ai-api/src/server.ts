import express from 'express';
import https from 'node:https';
import fs from 'node:fs';
import axios from 'axios';
import cors from 'cors';
import helmet from 'helmet';
import { reportsRouter } from './routes/reports';
import { authRouter } from './routes/auth';
import { filesRouter } from './routes/files';
import { productsRouter } from './routes/products';
import { adminRouter } from './routes/admin';
import { importsRouter } from './routes/imports';
import { webhooksRouter } from './routes/webhooks';
import { portal } from './portal';

const app = express();

// The React app, the customer portal and partner dashboards on other domains call the API with the user's cookie.
app.use(cors({ origin: true, credentials: true }));
// The CSP blocked the inline scripts of the React build, so it is switched off for now.
app.use(helmet({ contentSecurityPolicy: false }));

// Payment webhooks need the raw body to check their signature, so they are mounted before the JSON parser.
app.use('/webhooks', webhooksRouter);
app.use(express.json());
// Form posts from the legacy admin pages.
app.use(express.urlencoded);

// Internal services use self-signed certificates in staging.
const internalAgent = new https.Agent({ rejectUnauthorized: false });

app.use('/auth', authRouter);
app.use('/reports', reportsRouter);
app.use('/files', filesRouter);
app.use('/products', productsRouter);
app.use('/admin', adminRouter);
app.use('/imports', importsRouter);
app.use('/portal', portal);

// Proxy for webhook previews: fetches the URL the user entered and returns the body.
app.post('/webhooks/preview', async (req, res) => {
  const { targetUrl } = req.body;
  const response = await axios.get(targetUrl, { httpsAgent: internalAgent, timeout: 5000 });
  res.json({ status: response.status, body: response.data });
});

// After login the client passes ?next=/dashboard so we can send the user back.
app.get('/continue', (req, res) => {
  const next = req.query.next as string;
  res.redirect(next || '/');
});

app.listen(3000, () => console.log('API listening on :3000'));

// HTTPS listener for the in-store payment terminals; the older models only speak TLS 1.0.
https
  .createServer(
    {
      key: fs.readFileSync(process.env.TLS_KEY_FILE ?? 'certs/server.key'),
      cert: fs.readFileSync(process.env.TLS_CERT_FILE ?? 'certs/server.crt'),
      minVersion: 'TLSv1',
    },
    app,
  )
  .listen(3443, () => console.log('Terminal API listening on :3443'));
