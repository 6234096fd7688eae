import express from 'express';
import https from 'node:https';
import axios from 'axios';
import { reportsRouter } from './routes/reports';
import { authRouter } from './routes/auth';
import { filesRouter } from './routes/files';

const app = express();
app.use(express.json());

// Internal services use self-signed certificates in staging.
const internalAgent = new https.Agent({ rejectUnauthorized: false });

app.use('/auth', authRouter);
app.use('/reports', reportsRouter);
app.use('/files', filesRouter);

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
