import express from 'express';
import React from 'react';
import { renderToString } from 'react-dom/server';
import { App } from './App';
import { loadInitialData } from './data';

const server = express();

server.get('*', async (req, res) => {
  const data = await loadInitialData(req.path);
  const html = renderToString(<App url={req.url} data={data} />);
  const state = JSON.stringify(data).replace(/</g, '\\u003c');
  res.send(`<!doctype html><html><head><title>Acme</title></head><body><div id="root">${html}</div><script>window.__DATA__=${state}</script></body></html>`); // safe
});

server.listen(Number(process.env.PORT ?? 3000));
